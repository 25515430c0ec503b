/**
 * Iterative solvers over {@link org.mrirecon.numerics.op.LinearOperator}: conjugate gradients for Hermitian
 * positive-definite systems, FISTA and ADMM for {@code min 1/2 ||A x - y||^2 + g(x)} with a
 * {@link org.mrirecon.numerics.solve.ProximalOperator} for {@code g}, and power iteration for the step size. The
 * proximal operators of the usual priors are here: complex soft-thresholding, l1 of orthogonal wavelet coefficients
 * and isotropic total variation. Every solver reports each iteration to an
 * {@link org.mrirecon.numerics.solve.IterationMonitor}, which is also how a caller stops it.
 */
@Export
@Version("1.0.0")
package org.mrirecon.numerics.solve;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
