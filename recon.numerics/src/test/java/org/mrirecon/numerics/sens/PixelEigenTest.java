package org.mrirecon.numerics.sens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class PixelEigenTest {

    private static final int COILS = 15;
    private static final double CROP = 0.8;

    /**
     * Inside the anatomy ESPIRiT's two leading eigenvalues are often both near 1 (soft SENSE). Power iteration on the
     * first converges at lambda_2 / lambda_1 there; solving the pair together converges at lambda_3 / lambda_2.
     */
    @Test
    void twoNearlyEqualLeadingEigenvaluesAreSolvedAsAPairInAFewProducts() {
        double[] spectrum = {1.0, 0.9995, 0.3, 0.05};
        double[][] basis = unitaryBasis(7);
        double[][] neighbourBasis = unitaryBasis(7);
        perturb(neighbourBasis, 11, 1e-3); // the left neighbour: nearly the same eigenvectors
        double[] pixel = packed(matrix(basis, spectrum));

        PixelEigen eig = new PixelEigen(COILS, 2);
        eig.reset();
        eig.solve(packed(matrix(orthonormal(neighbourBasis), spectrum)), 0, CROP);
        assertTrue(eig.solved(1), "the neighbour needs two maps");
        long before = eig.products();
        eig.solve(pixel, 0, CROP);
        long pairProducts = eig.products() - before;

        double[][] g = matrix(basis, spectrum);
        for (int m = 0; m < 2; m++) {
            assertTrue(eig.solved(m));
            assertEquals(spectrum[m], eig.value(m), 1e-9, "eigenvalue " + m);
            assertTrue(residual(g, eig.vector(m), eig.value(m)) <= 1e-5 * eig.value(m), "residual of pair " + m);
        }
        // The pair spans the leading eigenvectors' plane: projecting the true ones onto it loses nothing.
        for (int k = 0; k < 2; k++) {
            double kept = 0;
            for (int m = 0; m < 2; m++) {
                kept += norm2(inner(eig.vector(m), basis[k]));
            }
            assertEquals(1, kept, 1e-9, "true eigenvector " + k + " lies in the computed plane");
        }
        assertTrue(pairProducts <= 24, "pair solved in " + pairProducts + " products");

        // The same pixel with one set: plain power iteration, which needs far more products here.
        PixelEigen single = new PixelEigen(COILS, 1);
        single.reset();
        single.solve(packed(matrix(orthonormal(neighbourBasis), spectrum)), 0, CROP);
        long start = single.products();
        single.solve(pixel, 0, CROP);
        assertTrue(single.products() - start > 4 * pairProducts,
                "power iteration " + (single.products() - start) + " products, the pair " + pairProducts);
    }

    @Test
    void aThirdSetFollowsThePairByDeflation() {
        double[] spectrum = {1.0, 0.999, 0.95, 0.1};
        double[][] basis = unitaryBasis(9);
        double[][] g = matrix(basis, spectrum);
        PixelEigen eig = new PixelEigen(COILS, 3);
        eig.reset();
        eig.solve(packed(g), 0, CROP); // cold: power iteration set by set
        eig.solve(packed(g), 0, CROP); // warm, two maps before: the pair, then the third set
        for (int m = 0; m < 3; m++) {
            assertTrue(eig.solved(m), "set " + m);
            assertEquals(spectrum[m], eig.value(m), 1e-8, "eigenvalue " + m);
            assertTrue(residual(g, eig.vector(m), eig.value(m)) <= 2e-5, "residual of set " + m);
        }
        // the deflated vectors carry the pair's error, residual / gap = 1e-5 / 0.049 here: measured 1 - 3.5e-8
        assertEquals(1, norm2(inner(eig.vector(2), basis[2])), 1e-6, "the third eigenvector");
    }

    @Test
    void aSecondEigenvalueBelowTheCropIsDroppedWithItsBound() {
        double[] neighbourSpectrum = {1.0, 0.95, 0.1};
        double[] spectrum = {1.0, 0.3, 0.1};
        double[][] basis = unitaryBasis(3);
        PixelEigen eig = new PixelEigen(COILS, 2);
        eig.reset();
        eig.solve(packed(matrix(basis, neighbourSpectrum)), 0, CROP);
        eig.solve(packed(matrix(basis, spectrum)), 0, CROP);
        assertEquals(1.0, eig.value(0), 1e-9);
        assertTrue(!eig.solved(1), "second map dropped");
        assertEquals(Math.sqrt(0.3 * 0.3 + 0.1 * 0.1), eig.value(1), 1e-6, "its Frobenius bound");
        assertTrue(residual(matrix(basis, spectrum), eig.vector(0), 1.0) <= 1e-5);
    }

    @Test
    void aRankOnePixelAfterATwoMapNeighbourConvergesToItsEigenvector() {
        double[][] basis = unitaryBasis(5);
        double[][] rotated = unitaryBasis(6); // unrelated eigenvectors: the warm start is poor
        PixelEigen eig = new PixelEigen(COILS, 2);
        eig.reset();
        eig.solve(packed(matrix(rotated, new double[] {1.0, 0.97, 0.2})), 0, CROP);
        assertTrue(eig.solved(1));
        double[][] g = matrix(basis, new double[] {0.9});
        eig.solve(packed(g), 0, CROP);
        assertEquals(0.9, eig.value(0), 1e-9);
        assertTrue(residual(g, eig.vector(0), 0.9) <= 1e-5 * 0.9);
        assertTrue(!eig.solved(1), "no second map: G has rank one");
        assertEquals(1, norm2(inner(eig.vector(0), basis[0])), 1e-9);
    }

    /** The eigenvectors of a random Hermitian matrix: an orthonormal basis of C^COILS, rows interleaved complex. */
    private static double[][] unitaryBasis(long seed) {
        double[] a = HermitianEigenTest.randomHermitian(COILS, new SplittableRandom(seed), 1, 0, 1, -0.5);
        HermitianEigen e = HermitianEigen.of(COILS, a);
        double[][] basis = new double[COILS][];
        for (int k = 0; k < COILS; k++) {
            basis[k] = e.vector(k).clone();
        }
        return basis;
    }

    private static void perturb(double[][] basis, long seed, double size) {
        SplittableRandom r = new SplittableRandom(seed);
        for (double[] v : basis) {
            for (int i = 0; i < v.length; i++) {
                v[i] += size * (r.nextDouble() - 0.5);
            }
        }
    }

    /** Gram-Schmidt, in place. */
    private static double[][] orthonormal(double[][] basis) {
        for (int k = 0; k < basis.length; k++) {
            for (int j = 0; j < k; j++) {
                double[] p = inner(basis[j], basis[k]);
                for (int i = 0; i < 2 * COILS; i += 2) {
                    basis[k][i] -= basis[j][i] * p[0] - basis[j][i + 1] * p[1];
                    basis[k][i + 1] -= basis[j][i] * p[1] + basis[j][i + 1] * p[0];
                }
            }
            double len = Math.sqrt(inner(basis[k], basis[k])[0]);
            assertTrue(len > 0);
            for (int i = 0; i < 2 * COILS; i++) {
                basis[k][i] /= len;
            }
        }
        return basis;
    }

    /** {@code sum_k lambda_k u_k u_k^H}, full, interleaved complex. */
    private static double[][] matrix(double[][] basis, double[] spectrum) {
        double[][] g = new double[COILS][2 * COILS];
        for (int k = 0; k < spectrum.length; k++) {
            double[] u = basis[k];
            for (int a = 0; a < COILS; a++) {
                for (int b = 0; b < COILS; b++) {
                    // u_a conj(u_b)
                    g[a][2 * b] += spectrum[k] * (u[2 * a] * u[2 * b] + u[2 * a + 1] * u[2 * b + 1]);
                    g[a][2 * b + 1] += spectrum[k] * (u[2 * a + 1] * u[2 * b] - u[2 * a] * u[2 * b + 1]);
                }
            }
        }
        return g;
    }

    /** The upper triangle, pairs {@code c <= c'} in row order, as {@link PixelEigen#solve} reads it. */
    private static double[] packed(double[][] g) {
        double[] p = new double[COILS * (COILS + 1)];
        int i = 0;
        for (int a = 0; a < COILS; a++) {
            for (int b = a; b < COILS; b++) {
                p[i++] = g[a][2 * b];
                p[i++] = g[a][2 * b + 1];
            }
        }
        return p;
    }

    private static double residual(double[][] g, double[] v, double lambda) {
        double sum = 0;
        for (int a = 0; a < COILS; a++) {
            double re = -lambda * v[2 * a];
            double im = -lambda * v[2 * a + 1];
            for (int b = 0; b < COILS; b++) {
                re += g[a][2 * b] * v[2 * b] - g[a][2 * b + 1] * v[2 * b + 1];
                im += g[a][2 * b] * v[2 * b + 1] + g[a][2 * b + 1] * v[2 * b];
            }
            sum += re * re + im * im;
        }
        return Math.sqrt(sum);
    }

    /** {@code x^H y} as {re, im}. */
    private static double[] inner(double[] x, double[] y) {
        double re = 0;
        double im = 0;
        for (int i = 0; i < x.length; i += 2) {
            re += x[i] * y[i] + x[i + 1] * y[i + 1];
            im += x[i] * y[i + 1] - x[i + 1] * y[i];
        }
        return new double[] {re, im};
    }

    private static double norm2(double[] z) {
        return z[0] * z[0] + z[1] * z[1];
    }
}
