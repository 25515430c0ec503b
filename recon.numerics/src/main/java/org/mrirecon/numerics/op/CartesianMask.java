package org.mrirecon.numerics.op;

import java.util.Arrays;

import org.mrirecon.api.SamplingPattern;

/**
 * {@code M}: keeps the acquired phase-encode lines (the second-to-last axis) of multi-coil k-space and zeroes the
 * others. The output keeps the full grid, zeros where not acquired, as fastMRI's masked k-space. Self-adjoint and
 * idempotent. {@code x} and {@code y} may be the same array.
 */
public final class CartesianMask extends ShapedOperator {

    private final boolean[] acquired;

    /**
     * @param shape {@code [..., ky, kx]} with as many ky as the pattern has lines, e.g. {@code [coils, ky, kx]}
     */
    public CartesianMask(SamplingPattern pattern, Shape shape) {
        super(shape);
        if (shape.rank() < 2 || shape.dim(-2) != pattern.phaseEncodes()) {
            throw new IllegalArgumentException("a pattern of " + pattern.phaseEncodes() + " lines cannot mask k-space "
                    + "of shape " + shape + " (phase-encode is the second-to-last axis)");
        }
        this.acquired = pattern.mask();
    }

    /** Whether line ky is kept. */
    public boolean isAcquired(int ky) {
        return acquired[ky];
    }

    @Override
    public void apply(float[] x, float[] y) {
        domain().require(x, "input of " + this);
        domain().require(y, "output of " + this);
        int rows = acquired.length;
        int line = 2 * domain().dim(-1);
        for (int off = 0, ky = 0; off < y.length; off += line, ky = (ky + 1) % rows) {
            if (!acquired[ky]) {
                Arrays.fill(y, off, off + line, 0f);
            } else if (x != y) {
                System.arraycopy(x, off, y, off, line);
            }
        }
    }

    @Override
    public void applyAdjoint(float[] y, float[] x) {
        apply(y, x);
    }

    @Override
    public LinearOperator normal() {
        return this;
    }

    @Override
    public String toString() {
        return "M" + domain();
    }
}
