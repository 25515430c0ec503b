package org.mrirecon.cs;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.mrirecon.api.KSpace;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.fft.Fft2c;
import org.mrirecon.numerics.op.SensitivityOperator;

/**
 * Multi-coil compressed sensing: {@code min_x 1/2 ||M F sum_m S_m x_m - y||^2 + lambda sum_m ||W x_m||_1} for given
 * sets of coil maps {@code S_m} (one image per set; a single set is plain SENSE). The images live on a grid padded up
 * to a multiple of {@code 2^levels} per side (the padding has no sensitivity, so it is free and the prior drives it to
 * zero), in column layout for the phase-encode FFTs. {@code lambda} is relative to {@code max |A^H y|}, the peak of
 * the coil-combined zero-filled image, so one value suits any data scale. ADMM's penalty is a tenth of the Lipschitz
 * constant (the scale of {@code A^H A}): of 1, 0.3, 0.1 and 0.03 times L it converged fastest on the knee phantom.
 * Stateless; each call allocates its buffers once.
 */
final class L1WaveletSense {

    /** Power iterations at most for the Lipschitz constant (it usually stops after a few). */
    private static final int POWER_ITERATIONS = 30;
    /** A power-iteration estimate approaches the largest eigenvalue from below: keep the step on the safe side. */
    private static final double LIPSCHITZ_MARGIN = 1.02;
    /** ADMM penalty relative to the Lipschitz constant. */
    private static final double ADMM_RHO = 0.1;
    /** Cycle-spinning shifts are seeded so that a reconstruction is reproducible. */
    private static final long SHIFT_SEED = 0x5EEDL;

    enum Solver {
        FISTA, ADMM
    }

    record Settings(Wavelet wavelet, int levels, double lambda, int iterations, Solver solver, boolean cycleSpinning) {
    }

    /**
     * @param images         one complex image per set of maps, row-major {@code [y][x]}, interleaved
     * @param lipschitz      the step bound {@code L} used
     * @param lambdaAbsolute {@code lambda * max |A^H y|}
     */
    record Result(float[][] images, double lipschitz, double lambdaAbsolute) {

        /**
         * The images combined into one: magnitude the root-sum-of-squares over the sets (as BART's multi-map output
         * is combined), phase that of the first set's image (of the second where the first is zero).
         */
        float[] combined() {
            float[] out = images[0].clone();
            if (images.length == 1) {
                return out;
            }
            for (int i = 0; i < out.length; i += 2) {
                double sum = 0;
                for (float[] img : images) {
                    sum += img[i] * img[i] + img[i + 1] * img[i + 1];
                }
                int from = out[i] != 0 || out[i + 1] != 0 ? 0 : 1;
                double mag = Math.hypot(images[from][i], images[from][i + 1]);
                if (mag > 0) {
                    double f = Math.sqrt(sum) / mag;
                    out[i] = (float) (images[from][i] * f);
                    out[i + 1] = (float) (images[from][i + 1] * f);
                }
            }
            return out;
        }
    }

    private L1WaveletSense() {
    }

    /**
     * @param maps {@code [set][coil]} complex maps, row-major, {@code 2 * rows * cols} floats each
     */
    static Result solve(KSpace kspace, SamplingPattern pattern, float[][][] maps, Settings s,
            IterationListener listener) {
        int rows = kspace.phaseEncodes();
        int cols = kspace.readouts();
        int unit = 1 << s.levels();
        int gridRows = (rows + unit - 1) / unit * unit;
        int gridCols = (cols + unit - 1) / unit * unit;
        int image = 2 * gridRows * gridCols;

        float[] aty = new float[maps.length * image];
        float[] coilImages = zeroFilledCoilImages(kspace);
        for (int m = 0; m < maps.length; m++) {
            float[] combined = new SensitivityOperator(maps[m]).applyAdjoint(coilImages);
            System.arraycopy(Layout.toGrid(combined, rows, cols, gridRows, gridCols), 0, aty, m * image, image);
        }
        double scale = maxMagnitude(aty);
        float[][] images = new float[maps.length][];
        if (scale == 0) {
            for (int m = 0; m < maps.length; m++) {
                images[m] = new float[2 * rows * cols];
            }
            return new Result(images, 0, 0);
        }
        PhaseEncodeNormalOperator normal = new PhaseEncodeNormalOperator(maps, pattern, cols, gridRows, gridCols);
        double lipschitz = LIPSCHITZ_MARGIN * PowerIteration.largestEigenvalue(normal, aty, POWER_ITERATIONS);
        double lambda = s.lambda() * scale;
        // the wavelet sees each set's column-layout grid as a gridCols x gridRows image
        WaveletShrinkage prox = new WaveletShrinkage(new WaveletTransform(s.wavelet(), gridCols, gridRows, s.levels()),
                s.cycleSpinning(), SHIFT_SEED);
        float[] x = s.solver() == Solver.FISTA
                ? Fista.solve(normal, aty, prox, lambda, lipschitz, s.iterations(), listener)
                : Admm.solve(normal, aty, prox, lambda, ADMM_RHO * lipschitz, s.iterations(), listener);
        for (int m = 0; m < maps.length; m++) {
            float[] grid = Arrays.copyOfRange(x, m * image, (m + 1) * image);
            images[m] = Layout.fromGrid(grid, rows, cols, gridRows);
        }
        return new Result(images, lipschitz, lambda);
    }

    /** {@code F^H y} (unacquired lines are zero), coil-major in one array. */
    private static float[] zeroFilledCoilImages(KSpace kspace) {
        int len = 2 * kspace.phaseEncodes() * kspace.readouts();
        float[] out = new float[kspace.coils() * len];
        for (int c = 0; c < kspace.coils(); c++) {
            for (int ky = 0; ky < kspace.phaseEncodes(); ky++) {
                kspace.copyLine(c, ky, out, c * len + 2 * ky * kspace.readouts());
            }
        }
        IntStream.range(0, kspace.coils()).parallel()
                .forEach(c -> Fft2c.inverse(out, c * len, kspace.phaseEncodes(), kspace.readouts()));
        return out;
    }

    private static double maxMagnitude(float[] v) {
        double m = 0;
        for (int i = 0; i < v.length; i += 2) {
            m = Math.max(m, Math.hypot(v[i], v[i + 1]));
        }
        return m;
    }
}
