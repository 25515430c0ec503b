package org.mrirecon.grappa;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.ejml.data.ZMatrixRMaj;
import org.mrirecon.api.ReconstructionException;

/**
 * Fits GRAPPA weights to the calibration (ACS) block by regularised least squares ({@link TikhonovSolver}).
 *
 * <p>Training set: every placement of the kernel whose lines all lie inside the calibration block, at every kx,
 * with the readout taps taken circularly (as the image-domain application of Gadgetron and ismrmrd does; only the
 * few kx-edge rows differ from a non-circular fit, and they carry almost no signal). That choice makes the normal
 * equations cheap: by Parseval, an entry {@code sum conj(a) b} over all kx of two sources at taps d1, d2 is
 * {@code sum_x ramp_{d2-d1}(x) Q(x)} with {@code Q(x) = sum over placements of conj(h_a(x)) h_b(x)} in hybrid
 * space. Only Q per line pair and coil pair is accumulated (placements x readouts work), then 2*readout - 1 lags
 * of its transform are taken, instead of forming the training matrix and its Gram product (kernel-size times more
 * work). Stateless.
 */
final class KernelCalibrator {

    private KernelCalibrator() {
    }

    /**
     * @throws ReconstructionException if the regularised normal equations are singular
     */
    static GrappaKernel calibrate(HybridLines h, SamplingGrid grid, KernelShape shape, double lambda)
            throws ReconstructionException {
        int r = grid.acceleration();
        int nc = h.coils();
        int nb = shape.blocks();
        int nr = shape.readout();
        // line offsets relative to the grid line below the targets: the source blocks, then the targets 1..R-1
        int[] offsets = new int[nb + r - 1];
        for (int j = 0; j < nb; j++) {
            offsets[j] = (shape.firstBlock() + j) * r;
        }
        for (int m = 1; m < r; m++) {
            offsets[nb + m - 1] = m;
        }
        int firstPlacement = grid.calibrationStart() - offsets[0];
        int lastPlacement = grid.calibrationEnd() - 1 - offsets[nb - 1];
        LagSums sums = new LagSums(h, grid, offsets, nb, nr, firstPlacement, lastPlacement);

        int n = shape.sources(nc);
        ZMatrixRMaj gram = new ZMatrixRMaj(n, n);
        ZMatrixRMaj rhs = new ZMatrixRMaj(n, (r - 1) * nc);
        for (int j1 = 0; j1 < nb; j1++) {
            for (int t1 = 0; t1 < nr; t1++) {
                for (int s1 = 0; s1 < nc; s1++) {
                    int row = GrappaKernel.sourceIndex(shape, nc, j1, t1, s1);
                    for (int j2 = 0; j2 < nb; j2++) {
                        for (int t2 = 0; t2 < nr; t2++) {
                            for (int s2 = 0; s2 < nc; s2++) {
                                int col = GrappaKernel.sourceIndex(shape, nc, j2, t2, s2);
                                if (j1 <= j2) {
                                    gram.set(row, col, sums.re(j1, j2, s1, s2, t2 - t1), sums.im(j1, j2, s1, s2,
                                            t2 - t1));
                                } else { // Hermitian: the pair was accumulated the other way round
                                    gram.set(row, col, sums.re(j2, j1, s2, s1, t1 - t2), -sums.im(j2, j1, s2, s1,
                                            t1 - t2));
                                }
                            }
                        }
                    }
                    int tap = shape.firstTap() + t1;
                    for (int m = 1; m < r; m++) {
                        for (int c = 0; c < nc; c++) {
                            rhs.set(row, GrappaKernel.targetIndex(nc, m, c), sums.re(j1, nb + m - 1, s1, c, -tap),
                                    sums.im(j1, nb + m - 1, s1, c, -tap));
                        }
                    }
                }
            }
        }
        return new GrappaKernel(shape, r, nc, TikhonovSolver.solve(gram, rhs, lambda));
    }

    /**
     * {@code S(a, b, s1, s2, L) = sum_x ramp_L(x) sum_y0 conj(h_s1(y0 + o_a, x)) h_s2(y0 + o_b, x)} for source
     * offsets a and every offset b >= a, all coil pairs and lags L in [-(readout-1), readout-1].
     */
    private static final class LagSums {
        private final int pairs;
        private final int coils;
        private final int maxLag;
        private final int lags;
        private final double[] values; // [(a * pairs + b) * coils + s1) * coils + s2) * lags + lag] * 2

        LagSums(HybridLines h, SamplingGrid grid, int[] offsets, int nb, int nr, int firstPlacement,
                int lastPlacement) {
            this.pairs = offsets.length;
            this.coils = h.coils();
            this.maxLag = nr - 1;
            this.lags = 2 * nr - 1;
            this.values = new double[2 * nb * pairs * coils * coils * lags];
            int nx = h.cols();
            // The calibration lines in double, so the Gram stays positive semi-definite to ~1e-16 (float sums of
            // products are off by ~1e-7 of the trace, which breaks Cholesky for lambda below ~1e-6); converted once
            // here because a float-to-double conversion inside the hot loop stops C2 from vectorising it.
            int first = grid.calibrationStart();
            double[][][] re = new double[coils][grid.calibrationLines()][];
            double[][][] im = new double[coils][grid.calibrationLines()][];
            IntStream.range(0, coils).parallel().forEach(c -> {
                for (int ky = first; ky < grid.calibrationEnd(); ky++) {
                    re[c][ky - first] = toDouble(h.re(c, ky));
                    im[c][ky - first] = toDouble(h.im(c, ky));
                }
            });
            double[][] ramps = new double[lags][];
            for (int l = 0; l < lags; l++) {
                ramps[l] = HybridLines.shiftRamp(l - maxLag, nx);
            }
            // one task per (a, b, s1) with b >= a; each writes its own slice of values
            IntStream.range(0, nb * pairs * coils).parallel().forEach(task -> {
                int a = task / (pairs * coils);
                int b = task / coils % pairs;
                if (b < a) {
                    return;
                }
                int s1 = task % coils;
                double[] qr = new double[nx];
                double[] qi = new double[nx];
                for (int s2 = 0; s2 < coils; s2++) {
                    Arrays.fill(qr, 0);
                    Arrays.fill(qi, 0);
                    for (int y0 = firstPlacement; y0 <= lastPlacement; y0++) {
                        double[] ar = re[s1][y0 + offsets[a] - first];
                        double[] ai = im[s1][y0 + offsets[a] - first];
                        double[] br = re[s2][y0 + offsets[b] - first];
                        double[] bi = im[s2][y0 + offsets[b] - first];
                        for (int x = 0; x < nx; x++) {
                            double ur = ar[x];
                            double ui = ai[x];
                            double vr = br[x];
                            double vi = bi[x];
                            qr[x] += ur * vr + ui * vi;
                            qi[x] += ur * vi - ui * vr;
                        }
                    }
                    int base = (((a * pairs + b) * coils + s1) * coils + s2) * lags;
                    for (int l = 0; l < lags; l++) {
                        double[] ramp = ramps[l];
                        double sr = 0;
                        double si = 0;
                        for (int x = 0; x < nx; x++) {
                            double cr = ramp[2 * x];
                            double ci = ramp[2 * x + 1];
                            sr += cr * qr[x] - ci * qi[x];
                            si += cr * qi[x] + ci * qr[x];
                        }
                        values[2 * (base + l)] = sr;
                        values[2 * (base + l) + 1] = si;
                    }
                }
            });
        }

        private static double[] toDouble(float[] values) {
            double[] out = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = values[i];
            }
            return out;
        }

        private int index(int a, int b, int s1, int s2, int lag) {
            return 2 * (((((a * pairs + b) * coils + s1) * coils + s2) * lags) + lag + maxLag);
        }

        double re(int a, int b, int s1, int s2, int lag) {
            return values[index(a, b, s1, s2, lag)];
        }

        double im(int a, int b, int s1, int s2, int lag) {
            return values[index(a, b, s1, s2, lag) + 1];
        }
    }
}
