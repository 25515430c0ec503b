/**
 * Centred, orthonormal 2-D FFT of multi-coil images and k-space, matching fastMRI's {@code fft2c}/{@code ifft2c}
 * and BART's {@code fft -u} (ifftshift, FFT scaled by 1/sqrt(N), fftshift), on FFTW where its natives load and on
 * JTransforms elsewhere ({@link org.mrirecon.numerics.op.FftEngine}). Any size works, not only powers of two.
 */
@Export
@Version("2.0.0")
package org.mrirecon.numerics.fft;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
