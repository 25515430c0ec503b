/**
 * Coil images and coil combination on flat coil-major stacks {@code [coils, rows, cols]}: the zero-filled coil images
 * of k-space, root-sum-of-squares, sensitivity-weighted combination, the combination of soft-SENSE images of several
 * sets of maps, and data consistency with RSS output.
 */
@Export
@Version("2.0.0")
package org.mrirecon.numerics.coil;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
