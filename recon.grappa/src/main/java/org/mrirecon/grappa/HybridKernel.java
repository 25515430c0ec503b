package org.mrirecon.grappa;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.mrirecon.numerics.op.CenteredFft;
import org.mrirecon.numerics.op.Shape;

/**
 * A GRAPPA kernel applied in hybrid (ky, x) space: the readout taps of each (block, source coil) weight collapse
 * into one complex weight per column x ({@code sum_tap w * ramp_tap(x)}), so a missing line of a target coil is
 * {@code sum over blocks and source coils of weight(x) * h(source line, x)}: blocks x coils multiply-adds per
 * sample instead of blocks x taps x coils. Source lines outside the matrix (near the ky edges) or in its zero
 * padding (outside the pattern's encoded range, never acquired) count as zero, as unmeasured k-space; along kx the taps wrap around (circular), as in the calibration. Immutable, thread-safe.
 */
final class HybridKernel {

    private final int acceleration;
    private final int blocks;
    private final int firstBlock;
    private final int coils;
    private final int cols;
    private final float[][][] re; // [target][block * coils + sourceCoil][x]
    private final float[][][] im;

    HybridKernel(GrappaKernel kernel, int cols) {
        KernelShape shape = kernel.shape();
        this.acceleration = kernel.acceleration();
        this.blocks = shape.blocks();
        this.firstBlock = shape.firstBlock();
        this.coils = kernel.coils();
        this.cols = cols;
        int targets = (acceleration - 1) * coils;
        this.re = new float[targets][blocks * coils][cols];
        this.im = new float[targets][blocks * coils][cols];
        double[][] ramps = new double[shape.readout()][];
        for (int t = 0; t < ramps.length; t++) {
            ramps[t] = HybridLines.shiftRamp(shape.firstTap() + t, cols);
        }
        IntStream.range(0, targets).parallel().forEach(target -> {
            int m = target / coils + 1;
            int c = target % coils;
            double[] sum = new double[2 * cols];
            for (int j = 0; j < blocks; j++) {
                for (int s = 0; s < coils; s++) {
                    Arrays.fill(sum, 0);
                    for (int t = 0; t < ramps.length; t++) {
                        double wr = kernel.re(j, t, s, m, c);
                        double wi = kernel.im(j, t, s, m, c);
                        double[] ramp = ramps[t];
                        for (int x = 0; x < cols; x++) {
                            sum[2 * x] += wr * ramp[2 * x] - wi * ramp[2 * x + 1];
                            sum[2 * x + 1] += wr * ramp[2 * x + 1] + wi * ramp[2 * x];
                        }
                    }
                    for (int x = 0; x < cols; x++) {
                        re[target][j * coils + s][x] = (float) sum[2 * x];
                        im[target][j * coils + s][x] = (float) sum[2 * x + 1];
                    }
                }
            }
        });
    }

    /**
     * Synthesises every missing line of every coil and writes it, transformed back to k-space, into {@code kspace}
     * (flat coil-major {@code [coils, ky, kx]}); the rows of acquired lines are not touched. Target coils in parallel.
     */
    void fillMissing(HybridLines h, SamplingGrid grid, float[] kspace) {
        int rows = h.rows();
        CenteredFft readout = new CenteredFft(Shape.of(cols), 0);
        IntStream.range(0, coils).parallel().forEach(c -> {
            float[] accRe = new float[cols];
            float[] accIm = new float[cols];
            for (int i = 0; i < grid.missingCount(); i++) {
                int ky = grid.missingLine(i);
                int below = grid.gridLineBelow(ky);
                int target = GrappaKernel.targetIndex(coils, ky - below, c);
                float[][] wRe = re[target];
                float[][] wIm = im[target];
                Arrays.fill(accRe, 0f);
                Arrays.fill(accIm, 0f);
                for (int j = 0; j < blocks; j++) {
                    int source = below + (firstBlock + j) * acceleration;
                    if (source < 0 || source >= rows) {
                        continue;
                    }
                    for (int s = 0; s < coils; s++) {
                        float[] hr = h.re(s, source);
                        float[] hi = h.im(s, source);
                        if (hr == null) {
                            continue; // a grid line in the zero padding (never encoded): zero, as outside the matrix
                        }
                        float[] wr = wRe[j * coils + s];
                        float[] wi = wIm[j * coils + s];
                        for (int x = 0; x < cols; x++) {
                            float ar = wr[x];
                            float ai = wi[x];
                            float br = hr[x];
                            float bi = hi[x];
                            accRe[x] += ar * br - ai * bi;
                            accIm[x] += ar * bi + ai * br;
                        }
                    }
                }
                int row = 2 * (c * rows + ky) * cols;
                for (int x = 0; x < cols; x++) {
                    kspace[row + 2 * x] = accRe[x];
                    kspace[row + 2 * x + 1] = accIm[x];
                }
                readout.forward(kspace, row);
            }
        });
    }
}
