package org.mrirecon.numerics.sens;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.ZMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decompose.hessenberg.TridiagonalDecompositionHouseholder_ZDRM;
import org.ejml.dense.row.decomposition.eig.symm.SymmetricQREigenHelper_DDRM;
import org.ejml.dense.row.decomposition.eig.symm.SymmetricQrAlgorithm_DDRM;

/**
 * Eigen-decomposition of a complex Hermitian matrix with EJML, which has no complex eigensolver of its own: a complex
 * Householder reduction to tridiagonal form {@code A = Q T Q^H}, a diagonal unitary {@code D} that makes the
 * off-diagonal of {@code T = D T' D^H} real, and EJML's real symmetric QR algorithm on {@code T'}. Eigenvectors of
 * {@code A} are {@code Q D v}. This is about four times cheaper than the real {@code 2n x 2n} embedding and returns
 * each eigenvector once instead of as a pair.
 */
final class HermitianEigen {

    private final int n;
    private final double[] values;
    private final ZMatrixRMaj q;
    private final double[] phases;
    private final DMatrixRMaj realVectors;
    private final Integer[] order;

    private HermitianEigen(int n, double[] values, ZMatrixRMaj q, double[] phases, DMatrixRMaj realVectors,
            Integer[] order) {
        this.n = n;
        this.values = values;
        this.q = q;
        this.phases = phases;
        this.realVectors = realVectors;
        this.order = order;
    }

    /**
     * Decomposes a Hermitian matrix.
     *
     * @param n      size
     * @param matrix row-major interleaved complex {@code n x n}; only the upper triangle is read; not modified
     */
    static HermitianEigen of(int n, double[] matrix) {
        ZMatrixRMaj a = new ZMatrixRMaj(n, n);
        System.arraycopy(matrix, 0, a.data, 0, 2 * n * n);
        TridiagonalDecompositionHouseholder_ZDRM tri = new TridiagonalDecompositionHouseholder_ZDRM();
        tri.decompose(a);
        double[] diag = new double[2 * n];
        double[] off = new double[2 * n];
        tri.getDiagonal(diag, off);
        ZMatrixRMaj q = tri.getQ(null, false);

        // D = diag(d_i), d_{i+1} = d_i conj(t_i) / |t_i| turns the off-diagonal t_i into |t_i|.
        double[] d = new double[2 * n];
        double[] realDiag = new double[n];
        double[] realOff = new double[Math.max(1, n - 1)];
        d[0] = 1;
        for (int i = 0; i < n; i++) {
            realDiag[i] = diag[2 * i];
            if (i + 1 < n) {
                double tr = off[2 * i];
                double ti = off[2 * i + 1];
                double r = Math.hypot(tr, ti);
                realOff[i] = r;
                double ur = r > 0 ? tr / r : 1;
                double ui = r > 0 ? -ti / r : 0; // conj(t) / |t|
                d[2 * i + 2] = d[2 * i] * ur - d[2 * i + 1] * ui;
                d[2 * i + 3] = d[2 * i] * ui + d[2 * i + 1] * ur;
            }
        }
        SymmetricQREigenHelper_DDRM helper = new SymmetricQREigenHelper_DDRM();
        SymmetricQrAlgorithm_DDRM qr = new SymmetricQrAlgorithm_DDRM(helper);
        helper.init(realDiag, realOff, n);
        DMatrixRMaj v = CommonOps_DDRM.identity(n);
        helper.setQ(v);
        qr.setFastEigenvalues(false);
        if (!qr.process(-1, null, null)) {
            throw new ArithmeticException("the symmetric QR algorithm did not converge on a " + n + "x" + n
                    + " Hermitian matrix");
        }
        double[] values = helper.copyEigenvalues(null);
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> values[i]).reversed());
        return new HermitianEigen(n, values, q, d, v, order);
    }

    /** The k-th largest eigenvalue. */
    double value(int k) {
        return values[order[k]];
    }

    /** The unit eigenvector of the k-th largest eigenvalue, interleaved complex, {@code 2n} doubles. */
    double[] vector(int k) {
        int row = order[k]; // EJML leaves the eigenvectors of T' in the rows of v
        double[] dv = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double x = realVectors.get(row, i);
            dv[2 * i] = phases[2 * i] * x;
            dv[2 * i + 1] = phases[2 * i + 1] * x;
        }
        double[] out = new double[2 * n];
        double[] qd = q.data;
        for (int i = 0; i < n; i++) {
            double re = 0;
            double im = 0;
            int base = 2 * i * n;
            for (int j = 0; j < n; j++) {
                double ar = qd[base + 2 * j];
                double ai = qd[base + 2 * j + 1];
                re += ar * dv[2 * j] - ai * dv[2 * j + 1];
                im += ar * dv[2 * j + 1] + ai * dv[2 * j];
            }
            out[2 * i] = re;
            out[2 * i + 1] = im;
        }
        return out;
    }
}
