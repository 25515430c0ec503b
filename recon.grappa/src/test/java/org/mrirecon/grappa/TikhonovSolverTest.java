package org.mrirecon.grappa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.ejml.data.ZMatrixRMaj;
import org.ejml.dense.row.CommonOps_ZDRM;
import org.junit.jupiter.api.Test;
import org.mrirecon.api.ReconstructionException;

class TikhonovSolverTest {

    private static ZMatrixRMaj random(int rows, int cols, Random rng) {
        ZMatrixRMaj m = new ZMatrixRMaj(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m.set(i, j, rng.nextGaussian(), rng.nextGaussian());
            }
        }
        return m;
    }

    private static ZMatrixRMaj gram(ZMatrixRMaj a, ZMatrixRMaj b) {
        ZMatrixRMaj g = new ZMatrixRMaj(a.numCols, b.numCols);
        CommonOps_ZDRM.multTransA(a, b, g); // conjugate transpose: A^H B
        return g;
    }

    private static double maxDifference(ZMatrixRMaj x, ZMatrixRMaj y) {
        double d = 0;
        for (int i = 0; i < x.numRows; i++) {
            for (int j = 0; j < x.numCols; j++) {
                d = Math.max(d, Math.hypot(x.getReal(i, j) - y.getReal(i, j), x.getImag(i, j) - y.getImag(i, j)));
            }
        }
        return d;
    }

    @Test
    void recoversTheWeightsThatGeneratedTheDataWithoutRegularisation() throws ReconstructionException {
        Random rng = new Random(1);
        ZMatrixRMaj a = random(60, 8, rng);
        ZMatrixRMaj w = random(8, 3, rng);
        ZMatrixRMaj b = new ZMatrixRMaj(60, 3);
        CommonOps_ZDRM.mult(a, w, b);
        ZMatrixRMaj solved = TikhonovSolver.solve(gram(a, a), gram(a, b), 0);
        assertTrue(maxDifference(w, solved) < 1e-10, "error " + maxDifference(w, solved));
    }

    /**
     * With orthogonal columns of equal energy, A^H A = s I, so trace/n = s and the regularised solution is exactly
     * W / (1 + lambda): the relative definition of lambda in closed form.
     */
    @Test
    void regularisationShrinksTheSolutionAsTheClosedFormSays() throws ReconstructionException {
        int rows = 16;
        int cols = 4;
        double scale = 3;
        ZMatrixRMaj a = new ZMatrixRMaj(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) { // columns of a DFT matrix: orthogonal, each of energy 16 * 9
                double angle = 2 * Math.PI * i * j / rows;
                a.set(i, j, scale * Math.cos(angle), scale * Math.sin(angle));
            }
        }
        ZMatrixRMaj w = random(cols, 2, new Random(2));
        ZMatrixRMaj b = new ZMatrixRMaj(rows, 2);
        CommonOps_ZDRM.mult(a, w, b);
        double previousNorm = Double.POSITIVE_INFINITY;
        for (double lambda : new double[] { 0, 0.001, 0.01, 0.1, 1, 10 }) {
            ZMatrixRMaj solved = TikhonovSolver.solve(gram(a, a), gram(a, b), lambda);
            ZMatrixRMaj expected = w.copy();
            CommonOps_ZDRM.scale(1 / (1 + lambda), 0, expected);
            assertTrue(maxDifference(expected, solved) < 1e-10, "lambda " + lambda);
            double norm = norm(solved);
            assertTrue(norm < previousNorm, "the solution shrinks as lambda grows");
            previousNorm = norm;
        }
    }

    private static double norm(ZMatrixRMaj m) {
        double sum = 0;
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                sum += m.getReal(i, j) * m.getReal(i, j) + m.getImag(i, j) * m.getImag(i, j);
            }
        }
        return Math.sqrt(sum);
    }

    @Test
    void aSingularSystemWithoutRegularisationIsReported() {
        ZMatrixRMaj g = new ZMatrixRMaj(2, 2);
        g.set(0, 0, 1, 0);
        g.set(0, 1, 1, 0);
        g.set(1, 0, 1, 0);
        g.set(1, 1, 1, 0);
        ReconstructionException e = assertThrows(ReconstructionException.class,
                () -> TikhonovSolver.solve(g, new ZMatrixRMaj(2, 1), 0));
        assertTrue(e.getMessage().contains("singular"), e.getMessage());
        assertTrue(e.getMessage().contains("lambda"), e.getMessage());
    }

    @Test
    void regularisationMakesTheSingularSystemSolvable() throws ReconstructionException {
        ZMatrixRMaj g = new ZMatrixRMaj(2, 2);
        CommonOps_ZDRM.fill(g, 1, 0);
        ZMatrixRMaj c = new ZMatrixRMaj(2, 1);
        CommonOps_ZDRM.fill(c, 2, 0);
        // (G + 0.1 I) w = c with the symmetric solution w0 = w1 = 2 / 2.1
        ZMatrixRMaj w = TikhonovSolver.solve(g, c, 0.1);
        assertEquals(2 / 2.1, w.getReal(0, 0), 1e-12);
        assertEquals(2 / 2.1, w.getReal(1, 0), 1e-12);
    }
}
