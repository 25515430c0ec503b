/**
 * The ISMRMRD (MRD) XML header, read once for every path that meets it: the ISMRMRD and fastMRI file readers of this
 * bundle and the MRD streaming server (recon.mrd), which receives the same header over the network.
 * {@link org.mrirecon.io.ismrmrd.IsmrmrdHeader#parse(String, String, String)} refuses DTDs and external entities and
 * reports a header it cannot use with an {@link org.mrirecon.io.ismrmrd.InvalidHeaderException} that names the problem
 * and the fix; each caller wraps it in its own error (a file's {@code DataFormatException}, a stream's refusal).
 * {@link org.mrirecon.io.ismrmrd.CalibrationBlock} finds the calibration lines the same way for both.
 */
@Export
@Version("1.0.0")
package org.mrirecon.io.ismrmrd;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
