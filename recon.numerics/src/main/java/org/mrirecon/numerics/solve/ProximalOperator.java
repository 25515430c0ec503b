package org.mrirecon.numerics.solve;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The proximal operator of a convex function {@code g} (a prior with its weight included):
 * {@code prox_{s g}(v) = argmin_x s g(x) + 1/2 ||x - v||^2} for a step {@code s}. FISTA calls it with its gradient
 * step, ADMM with {@code 1/rho}.
 */
@ConsumerType
public interface ProximalOperator {

    /** {@code out = prox_{step g}(in)}; {@code in} and {@code out} may be the same array. */
    void apply(float[] in, float[] out, double step);
}
