/**
 * Coil-sensitivity estimation for parallel imaging and SENSE-type reconstructions: {@link
 * org.mrirecon.numerics.sens.Espirit} estimates ESPIRiT maps from the calibration region of a k-space
 * ({@link org.mrirecon.numerics.sens.EspiritParameters} has BART {@code ecalib}'s meaning and defaults, and the maps
 * agree with {@code ecalib}'s, phase convention included). The maps
 * ({@link org.mrirecon.numerics.sens.SensitivityMaps}) use the flat layout of
 * {@link org.mrirecon.numerics.op.Sensitivity}, which they also build, and are normalised to
 * {@code sum_c |S_c|^2 = 1}, so the SENSE image {@code sum_c conj(S_c) x_c} of fully sampled coil images equals their root-sum-of-squares in magnitude wherever the maps are exact. Plain SENSE takes one set
 * ({@code operator(1)}); where the object is larger than the field of view, a second set carries the signal that
 * folds in (ESPIRiT's soft SENSE, {@code operator()}), and one image per set is reconstructed.
 */
@Export
@Version("2.0.0")
package org.mrirecon.numerics.sens;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
