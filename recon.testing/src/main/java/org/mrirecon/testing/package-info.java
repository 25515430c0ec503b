/**
 * Checks a third party calls from an in-framework test of a reconstruction method: run a {@code Reconstructor} on
 * the built-in knee phantom under a protocol and get fastMRI's metrics against the fully sampled reference.
 */
@Export
@Version("2.0.0")
package org.mrirecon.testing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
