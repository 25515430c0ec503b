package org.mrirecon.grappa;

import org.ejml.data.ZMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_ZDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.mrirecon.api.ReconstructionException;

/**
 * Tikhonov-regularised complex least squares {@code min ||A W - B||^2 + mu ||W||^2} from its normal equations
 * {@code (A^H A + mu I) W = A^H B}, solved by Cholesky (EJML). The regularisation is given relative to the data's
 * scale, as Gadgetron does: {@code mu = lambda * trace(A^H A) / n}, i.e. lambda times the mean energy of a source
 * column, so the same lambda suits any signal level and coil count. Stateless.
 */
final class TikhonovSolver {

    private TikhonovSolver() {
    }

    /**
     * @param gram   {@code A^H A}, n x n, Hermitian positive semi-definite; not modified
     * @param rhs    {@code A^H B}, n x k; not modified
     * @param lambda relative regularisation, >= 0
     * @return W, n x k
     * @throws ReconstructionException if the regularised matrix is not positive definite (singular data, lambda 0)
     */
    static ZMatrixRMaj solve(ZMatrixRMaj gram, ZMatrixRMaj rhs, double lambda) throws ReconstructionException {
        int n = gram.numRows;
        double trace = 0;
        for (int i = 0; i < n; i++) {
            trace += gram.getReal(i, i);
        }
        double mu = lambda * trace / n;
        ZMatrixRMaj regularised = gram.copy();
        for (int i = 0; i < n; i++) {
            regularised.set(i, i, gram.getReal(i, i) + mu, 0);
        }
        LinearSolverDense<ZMatrixRMaj> cholesky = LinearSolverFactory_ZDRM.chol(n);
        if (!(trace > 0) || !cholesky.setA(regularised)) {
            throw new ReconstructionException("GRAPPA calibration matrix is singular (the calibration lines carry "
                    + "no independent signal" + (lambda == 0 ? " and lambda is 0" : "")
                    + "): raise the regularisation (parameter lambda) or check the calibration data");
        }
        ZMatrixRMaj w = new ZMatrixRMaj(n, rhs.numCols);
        cholesky.solve(cholesky.modifiesB() ? rhs.copy() : rhs, w);
        return w;
    }
}
