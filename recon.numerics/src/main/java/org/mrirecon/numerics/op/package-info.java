/**
 * The MRI forward model as linear operators with adjoints, on flat interleaved complex arrays with shapes
 * ({@link org.mrirecon.numerics.op.Shape}, NumPy's {@code complex64} layout, the layout of
 * {@link org.mrirecon.api.KSpace}): the centred FFT over chosen axes, coil sensitivities with one or more sets of
 * maps, the Cartesian phase-encode mask and their composition, the SENSE operator {@code A = M F S} with a fast
 * normal operator; the orthogonal wavelet transform and finite differences for priors; zero-padding; and the
 * element-wise complex kernels ({@link org.mrirecon.numerics.op.Vectors}) for loops that remain. Composition checks
 * shapes. Every operator is checked by a dot-product adjointness test ({@link org.mrirecon.numerics.op.AdjointTest}).
 *
 * <p>Multi-coil arrays are coil-major {@code [coils, rows, cols]}: coil {@code c}, pixel {@code (y, x)} is at float
 * index {@code 2 * ((c * rows + y) * cols + x)}; a stack of images (one per set of maps) is {@code [sets, rows, cols]}.
 */
@Export
@Version("2.1.0")
package org.mrirecon.numerics.op;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
