/**
 * Phase-encode sampling masks: equispaced with a fully sampled centre (the clinical GRAPPA/VarNet protocols) and
 * fastMRI-style random masks, seeded.
 */
@Export
@Version("1.0.0")
package org.mrirecon.numerics.mask;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
