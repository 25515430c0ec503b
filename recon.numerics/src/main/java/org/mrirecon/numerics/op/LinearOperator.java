package org.mrirecon.numerics.op;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A complex linear operator {@code A: C^n -> C^m} on interleaved (re, im) float arrays, with its adjoint.
 * Implementations are thread-safe for concurrent calls with distinct output arrays.
 */
@ConsumerType
public interface LinearOperator {

    /** Number of complex elements of the input, n. */
    int domainSize();

    /** Number of complex elements of the output, m. */
    int rangeSize();

    /**
     * {@code y = A x}. {@code y} is overwritten; it must not alias {@code x} unless the operator says so.
     *
     * @param x input, {@code 2 * domainSize()} floats
     * @param y output, {@code 2 * rangeSize()} floats
     */
    void apply(float[] x, float[] y);

    /** {@code x = A^H y}; {@code x} is overwritten. */
    void applyAdjoint(float[] y, float[] x);

    /** {@code A x} into a new array. */
    default float[] apply(float[] x) {
        float[] y = new float[2 * rangeSize()];
        apply(x, y);
        return y;
    }

    /** {@code A^H y} into a new array. */
    default float[] applyAdjoint(float[] y) {
        float[] x = new float[2 * domainSize()];
        applyAdjoint(y, x);
        return x;
    }

    /** The composition {@code next . this}: first this operator, then {@code next}. */
    default LinearOperator then(LinearOperator next) {
        return Operators.compose(next, this);
    }

    /** The adjoint as an operator of its own. */
    default LinearOperator adjoint() {
        return Operators.adjoint(this);
    }

    /** The normal operator {@code A^H A}. */
    default LinearOperator normal() {
        return then(adjoint());
    }
}
