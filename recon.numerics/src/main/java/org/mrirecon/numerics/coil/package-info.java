/** Coil combination: root-sum-of-squares and sensitivity-weighted (SENSE-style, B1-weighted) combination. */
@Export
@Version("1.0.0")
package org.mrirecon.numerics.coil;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
