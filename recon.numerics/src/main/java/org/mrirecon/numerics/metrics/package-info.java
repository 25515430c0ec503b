/**
 * Image-quality metrics exactly as fastMRI's {@code evaluate.py} defines them: NMSE, PSNR and SSIM, with the data
 * range taken from the reference volume's maximum and scikit-image's SSIM defaults.
 */
@Export
@Version("1.0.0")
package org.mrirecon.numerics.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
