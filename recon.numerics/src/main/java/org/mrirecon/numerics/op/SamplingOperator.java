package org.mrirecon.numerics.op;

import java.util.Arrays;

import org.mrirecon.api.SamplingPattern;

/**
 * {@code M}: keeps the acquired phase-encode lines of every coil and zeroes the others. The output keeps the full
 * grid (zeros where not acquired), as fastMRI's masked k-space does. Self-adjoint and idempotent. {@code x} and
 * {@code y} may be the same array.
 */
public final class SamplingOperator implements LinearOperator {

    private final boolean[] acquired;
    private final int coils;
    private final int cols;

    public SamplingOperator(SamplingPattern pattern, int coils, int cols) {
        this.acquired = pattern.mask();
        this.coils = coils;
        this.cols = cols;
    }

    @Override
    public int domainSize() {
        return coils * acquired.length * cols;
    }

    @Override
    public int rangeSize() {
        return domainSize();
    }

    @Override
    public void apply(float[] x, float[] y) {
        int rows = acquired.length;
        int line = 2 * cols;
        for (int c = 0; c < coils; c++) {
            for (int ky = 0; ky < rows; ky++) {
                int off = (c * rows + ky) * line;
                if (acquired[ky]) {
                    if (x != y) {
                        System.arraycopy(x, off, y, off, line);
                    }
                } else {
                    Arrays.fill(y, off, off + line, 0f);
                }
            }
        }
    }

    @Override
    public void applyAdjoint(float[] y, float[] x) {
        apply(y, x);
    }

    @Override
    public String toString() {
        return "M[" + coils + "x" + acquired.length + "x" + cols + "]";
    }
}
