package org.mrirecon.grappa;

import java.util.Random;

import org.ejml.data.ZMatrixRMaj;
import org.ejml.dense.row.CommonOps_ZDRM;
import org.mrirecon.api.ReconstructionException;

/**
 * GRAPPA written straight from its definition in k-space, slow and obvious, to check the hybrid-space
 * implementation against: the training matrix row by row (circular along kx, as the fast path), and the kernel as
 * a k-space convolution with zero sources outside the matrix.
 */
final class NaiveGrappa {

    private NaiveGrappa() {
    }

    static float[][] randomKSpace(int coils, int rows, int cols, long seed) {
        Random rng = new Random(seed);
        float[][] k = new float[coils][2 * rows * cols];
        for (float[] coil : k) {
            for (int i = 0; i < coil.length; i++) {
                coil[i] = (float) rng.nextGaussian();
            }
        }
        return k;
    }

    private static double re(float[][] k, int c, int ky, int kx, int cols) {
        return k[c][2 * (ky * cols + Math.floorMod(kx, cols))];
    }

    private static double im(float[][] k, int c, int ky, int kx, int cols) {
        return k[c][2 * (ky * cols + Math.floorMod(kx, cols)) + 1];
    }

    /** Builds A (one row per placement and kx) and B, and solves with the production solver. */
    static GrappaKernel fit(float[][] k, int cols, SamplingGrid grid, KernelShape shape, double lambda)
            throws ReconstructionException {
        int r = grid.acceleration();
        int coils = k.length;
        int lowest = shape.firstBlock() * r;
        int highest = (shape.firstBlock() + shape.blocks() - 1) * r;
        int placements = grid.calibrationLines() - shape.span(r) + 1;
        ZMatrixRMaj a = new ZMatrixRMaj(placements * cols, shape.sources(coils));
        ZMatrixRMaj b = new ZMatrixRMaj(placements * cols, (r - 1) * coils);
        int row = 0;
        for (int y0 = grid.calibrationStart() - lowest; y0 + highest < grid.calibrationEnd(); y0++) {
            for (int kx = 0; kx < cols; kx++, row++) {
                for (int j = 0; j < shape.blocks(); j++) {
                    for (int t = 0; t < shape.readout(); t++) {
                        for (int s = 0; s < coils; s++) {
                            int ky = y0 + (shape.firstBlock() + j) * r;
                            int x = kx + shape.firstTap() + t;
                            a.set(row, GrappaKernel.sourceIndex(shape, coils, j, t, s), re(k, s, ky, x, cols),
                                    im(k, s, ky, x, cols));
                        }
                    }
                }
                for (int m = 1; m < r; m++) {
                    for (int c = 0; c < coils; c++) {
                        b.set(row, GrappaKernel.targetIndex(coils, m, c), re(k, c, y0 + m, kx, cols),
                                im(k, c, y0 + m, kx, cols));
                    }
                }
            }
        }
        ZMatrixRMaj gram = new ZMatrixRMaj(a.numCols, a.numCols);
        ZMatrixRMaj rhs = new ZMatrixRMaj(a.numCols, b.numCols);
        CommonOps_ZDRM.multTransA(a, a, gram);
        CommonOps_ZDRM.multTransA(a, b, rhs);
        return new GrappaKernel(shape, r, coils, TikhonovSolver.solve(gram, rhs, lambda));
    }

    /** Fills the missing lines of a copy of k by k-space convolution. */
    static float[][] apply(GrappaKernel kernel, float[][] k, int rows, int cols, SamplingGrid grid) {
        KernelShape shape = kernel.shape();
        int r = kernel.acceleration();
        int coils = k.length;
        float[][] out = new float[coils][];
        for (int c = 0; c < coils; c++) {
            out[c] = k[c].clone();
        }
        for (int i = 0; i < grid.missingCount(); i++) {
            int ky = grid.missingLine(i);
            int below = grid.gridLineBelow(ky);
            for (int c = 0; c < coils; c++) {
                for (int kx = 0; kx < cols; kx++) {
                    double sumRe = 0;
                    double sumIm = 0;
                    for (int j = 0; j < shape.blocks(); j++) {
                        int source = below + (shape.firstBlock() + j) * r;
                        if (source < 0 || source >= rows) {
                            continue;
                        }
                        for (int t = 0; t < shape.readout(); t++) {
                            for (int s = 0; s < coils; s++) {
                                double wr = kernel.re(j, t, s, ky - below, c);
                                double wi = kernel.im(j, t, s, ky - below, c);
                                int x = kx + shape.firstTap() + t;
                                double dr = re(k, s, source, x, cols);
                                double di = im(k, s, source, x, cols);
                                sumRe += wr * dr - wi * di;
                                sumIm += wr * di + wi * dr;
                            }
                        }
                    }
                    out[c][2 * (ky * cols + kx)] = (float) sumRe;
                    out[c][2 * (ky * cols + kx) + 1] = (float) sumIm;
                }
            }
        }
        return out;
    }
}
