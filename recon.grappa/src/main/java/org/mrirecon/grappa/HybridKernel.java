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
                synthesise(h, grid, c, ky, accRe, accIm);
                int row = 2 * (c * rows + ky) * cols;
                interleave(accRe, accIm, kspace, row);
                readout.forward(kspace, row);
            }
        });
    }

    /**
     * The whole slice in hybrid space, flat coil-major {@code [coils, ky, x]}: acquired lines as transformed, missing
     * lines as synthesised, lines outside the pattern zero. The image is then one inverse FFT along ky away; the
     * synthesised lines skip the readout FFT to k-space and back (a third of GRAPPA's transforms).
     */
    float[] hybridSlice(HybridLines h, SamplingGrid grid) {
        int rows = h.rows();
        float[] hybrid = new float[2 * coils * rows * cols];
        IntStream.range(0, coils).parallel().forEach(c -> {
            for (int ky = 0; ky < rows; ky++) {
                float[] re = h.re(c, ky);
                if (re != null) {
                    interleave(re, h.im(c, ky), hybrid, 2 * (c * rows + ky) * cols);
                }
            }
            float[] accRe = new float[cols];
            float[] accIm = new float[cols];
            for (int i = 0; i < grid.missingCount(); i++) {
                int ky = grid.missingLine(i);
                synthesise(h, grid, c, ky, accRe, accIm);
                interleave(accRe, accIm, hybrid, 2 * (c * rows + ky) * cols);
            }
        });
        return hybrid;
    }

    /** Missing line ky of target coil c in hybrid space: sum over blocks and source coils of weight(x) * h(x). */
    private void synthesise(HybridLines h, SamplingGrid grid, int c, int ky, float[] accRe, float[] accIm) {
        int rows = h.rows();
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
    }

    private static void interleave(float[] re, float[] im, float[] out, int offset) {
        for (int x = 0; x < re.length; x++) {
            out[offset + 2 * x] = re[x];
            out[offset + 2 * x + 1] = im[x];
        }
    }
}
