package org.mrirecon.numerics.op;

/** Composition and adjoint of operators. */
public final class Operators {

    private Operators() {
    }

    /** {@code outer . inner}: x -> outer(inner(x)). */
    public static LinearOperator compose(LinearOperator outer, LinearOperator inner) {
        if (inner.rangeSize() != outer.domainSize()) {
            throw new IllegalArgumentException("cannot compose: inner operator yields " + inner.rangeSize()
                    + " elements, outer operator takes " + outer.domainSize());
        }
        return new LinearOperator() {
            @Override
            public int domainSize() {
                return inner.domainSize();
            }

            @Override
            public int rangeSize() {
                return outer.rangeSize();
            }

            @Override
            public void apply(float[] x, float[] y) {
                float[] tmp = new float[2 * inner.rangeSize()];
                inner.apply(x, tmp);
                outer.apply(tmp, y);
            }

            @Override
            public void applyAdjoint(float[] y, float[] x) {
                float[] tmp = new float[2 * outer.domainSize()];
                outer.applyAdjoint(y, tmp);
                inner.applyAdjoint(tmp, x);
            }

            @Override
            public String toString() {
                return outer + " . " + inner;
            }
        };
    }

    /** The adjoint of {@code a} as an operator. */
    public static LinearOperator adjoint(LinearOperator a) {
        return new LinearOperator() {
            @Override
            public int domainSize() {
                return a.rangeSize();
            }

            @Override
            public int rangeSize() {
                return a.domainSize();
            }

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
                return "(" + a + ")^H";
            }
        };
    }
}
