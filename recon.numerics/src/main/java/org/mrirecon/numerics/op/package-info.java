/**
 * The MRI forward model as linear operators with adjoints, on flat interleaved complex arrays: the per-coil
 * centred FFT, the phase-encode sampling mask, coil sensitivities, and their composition, the SENSE operator
 * {@code A = M F S}. Every operator is checked by a dot-product adjointness test ({@link org.mrirecon.numerics.op.AdjointTest}).
 *
 * <p>Multi-coil arrays are coil-major: coil {@code c}, pixel {@code (y, x)} is at float index
 * {@code 2 * ((c * rows + y) * cols + x)}.
 */
@Export
@Version("1.0.0")
package org.mrirecon.numerics.op;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
