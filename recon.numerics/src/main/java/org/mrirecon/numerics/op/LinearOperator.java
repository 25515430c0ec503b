package org.mrirecon.numerics.op;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A complex linear operator {@code A} from arrays of shape {@link #domain()} to arrays of shape {@link #range()},
 * with its adjoint, on flat interleaved (re, im) float arrays (see {@link Shape}). Implementations are thread-safe
 * for concurrent calls with distinct output arrays, and every one passes {@link AdjointTest}.
 */
@ConsumerType
public interface LinearOperator {

    /** The shape of the input x. */
    Shape domain();

    /** The shape of the output {@code A x}. */
    Shape range();

    /**
     * {@code y = A x}. {@code y} is overwritten; it must not alias {@code x} unless the operator says so.
     *
     * @param x input, {@code domain().floats()} floats
     * @param y output, {@code range().floats()} floats
     */
    void apply(float[] x, float[] y);

    /** {@code x = A^H y}; {@code x} is overwritten. */
    void applyAdjoint(float[] y, float[] x);

    /** {@code A x} into a new array. */
    default float[] apply(float[] x) {
        float[] y = new float[range().floats()];
        apply(x, y);
        return y;
    }

    /** {@code A^H y} into a new array. */
    default float[] applyAdjoint(float[] y) {
        float[] x = new float[domain().floats()];
        applyAdjoint(y, x);
        return x;
    }

    /**
     * The composition {@code next . this}: first this operator, then {@code next}.
     *
     * @throws IllegalArgumentException if this range is not next's domain
     */
    default LinearOperator then(LinearOperator next) {
        return Operators.compose(next, this);
    }

    /** The adjoint {@code A^H} as an operator of its own. */
    default LinearOperator adjoint() {
        return Operators.adjoint(this);
    }

    /**
     * The normal operator {@code A^H A}. Operators with a cheaper way to apply it than {@code A} then {@code A^H}
     * override this (see {@link Sense}); compositions keep such an override of their outer operator.
     */
    default LinearOperator normal() {
        return then(adjoint());
    }
}
