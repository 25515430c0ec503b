/**
 * Datasets: what a reader or the phantom delivers and the evaluation consumes. A {@link org.mrirecon.data.Dataset}
 * holds the k-space of every slice with the lines it holds, the {@link org.mrirecon.data.ScanHeader} (timing and
 * geometry, from which scan time is computed), the reference images a file carries and, where known (the phantom,
 * or a file with a {@code truth} array), the noise-free truth. Methods never see this package: they receive
 * {@link org.mrirecon.api.Acquisition}s.
 */
@Export
@Version("1.0.0")
package org.mrirecon.data;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
