package org.mrirecon.numerics.op;

/** Composition, adjoint, sum and scaling of operators, and the identity. */
public final class Operators {

    private Operators() {
    }

    /**
     * {@code outer . inner}: x -> outer(inner(x)). Its normal operator is {@code inner^H outer^H outer inner} with
     * outer's own {@link LinearOperator#normal()}, so a fast normal operator survives composition.
     *
     * @throws IllegalArgumentException naming both operators if inner's range is not outer's domain
     */
    public static LinearOperator compose(LinearOperator outer, LinearOperator inner) {
        if (!inner.range().equals(outer.domain())) {
            throw new IllegalArgumentException("cannot compose " + outer + " after " + inner + ": " + inner
                    + " yields shape " + inner.range() + ", " + outer + " takes " + outer.domain());
        }
        return new ShapedOperator(inner.domain(), outer.range()) {
            @Override
            public void apply(float[] x, float[] y) {
                float[] tmp = new float[inner.range().floats()];
                inner.apply(x, tmp);
                outer.apply(tmp, y);
            }

            @Override
            public void applyAdjoint(float[] y, float[] x) {
                float[] tmp = new float[outer.domain().floats()];
                outer.applyAdjoint(y, tmp);
                inner.applyAdjoint(tmp, x);
            }

            @Override
            public LinearOperator normal() {
                return compose(inner.adjoint(), compose(outer.normal(), inner));
            }

            @Override
            public String toString() {
                return outer + " . " + inner;
            }
        };
    }

    /** The adjoint of {@code a} as an operator; its adjoint is {@code a} again. */
    public static LinearOperator adjoint(LinearOperator a) {
        return new ShapedOperator(a.range(), a.domain()) {
            @Override
            public void apply(float[] x, float[] y) {
                a.applyAdjoint(x, y);
            }

            @Override
            public void applyAdjoint(float[] y, float[] x) {
                a.apply(y, x);
            }

            @Override
            public LinearOperator adjoint() {
                return a;
            }

            @Override
            public String toString() {
                return a + "^H";
            }
        };
    }

    /**
     * {@code a + b}, e.g. {@code A^H A + lambda I} for Tikhonov-regularised least squares.
     *
     * @throws IllegalArgumentException if the shapes differ
     */
    public static LinearOperator sum(LinearOperator a, LinearOperator b) {
        if (!a.domain().equals(b.domain()) || !a.range().equals(b.range())) {
            throw new IllegalArgumentException("cannot add " + a + " (" + a.domain() + " -> " + a.range() + ") and "
                    + b + " (" + b.domain() + " -> " + b.range() + ")");
        }
        return new ShapedOperator(a.domain(), a.range()) {
            @Override
            public void apply(float[] x, float[] y) {
                float[] tmp = b.apply(x);
                a.apply(x, y);
                Vectors.axpy(1, tmp, y);
            }

            @Override
            public void applyAdjoint(float[] y, float[] x) {
                float[] tmp = b.applyAdjoint(y);
                a.applyAdjoint(y, x);
                Vectors.axpy(1, tmp, x);
            }

            @Override
            public String toString() {
                return "(" + a + " + " + b + ")";
            }
        };
    }

    /** {@code alpha I} on arrays of the given shape; {@code x} and {@code y} may be the same array. */
    public static LinearOperator scaledIdentity(Shape shape, float alpha) {
        return new ShapedOperator(shape) {
            @Override
            public void apply(float[] x, float[] y) {
                for (int i = 0; i < y.length; i++) {
                    y[i] = alpha * x[i];
                }
            }

            @Override
            public void applyAdjoint(float[] y, float[] x) {
                apply(y, x);
            }

            @Override
            public String toString() {
                return alpha + " I" + shape;
            }
        };
    }

    /** The identity on arrays of the given shape. */
    public static LinearOperator identity(Shape shape) {
        return scaledIdentity(shape, 1);
    }
}
