/**
 * Raw data in and out: readers that turn ISMRMRD, fastMRI, BART and NumPy files into the API's data model, and
 * writers for images (PNG), BART cfl and NumPy arrays.
 *
 * <h2>Reading</h2>
 * {@link org.mrirecon.io.Readers#read(java.nio.file.Path)} detects the format by content and returns
 * an {@link org.mrirecon.data.Dataset}: scan header, k-space per slice (phase-encode lines as rows, DC at the centre), the
 * sampling pattern the file holds, an optional reference image and notes on every conversion made. Any file that
 * cannot be read fails with a {@link org.mrirecon.io.DataFormatException} whose one-line message names the file,
 * the problem and the fix. Files are opened read-only.
 *
 * <h2>HDF5</h2>
 * HDF5 is read with jhdf (pure Java; it reads ISMRMRD's compound acquisitions with variable-length arrays and
 * fastMRI's complex compounds, sliced). It is embedded in this bundle with the parts of commons-lang3,
 * compress-lzf and slf4j (no-op provider) it uses, so the bundle imports only the API, the numerics and the JDK.
 *
 * <h2>Writing</h2>
 * {@link org.mrirecon.io.Png} (windowed to the 99.5th percentile), {@link org.mrirecon.io.Cfl} (BART cfl/hdr) and
 * {@link org.mrirecon.io.NumPy} ({@code .npy}/{@code .npz}, for Python users).
 */
@Export
@Version("2.0.0")
package org.mrirecon.io;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
