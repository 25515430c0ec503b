package org.mrirecon.mrd.internal;

import java.util.Locale;

import org.mrirecon.io.ismrmrd.InvalidHeaderException;
import org.mrirecon.io.ismrmrd.IsmrmrdHeader;

/**
 * The stream's side of the MRD XML header (read by recon.io's {@link IsmrmrdHeader}, as the file readers read it):
 * parsing with the stream's errors, and what slice assembly requires of it.
 */
final class MrdHeader {

    private MrdHeader() {
    }

    /** Parses the METADATA_XML message; the header arrives from the network, so DTDs and entities are refused. */
    static IsmrmrdHeader parse(String xml) throws StreamException {
        try {
            return IsmrmrdHeader.parse("the METADATA_XML message", "send the MRD (ISMRMRD) XML header", xml);
        } catch (InvalidHeaderException e) {
            throw new StreamException(e.getMessage(), e);
        }
    }

    /** Checks what slice assembly relies on: one 2-D Cartesian encoding with a matrix. */
    static void checkCartesian2d(IsmrmrdHeader header) throws StreamException {
        if (header.trajectory != null && !header.trajectory.toLowerCase(Locale.ROOT).equals("cartesian")) {
            throw new StreamException("the trajectory is '" + header.trajectory
                    + "': only Cartesian data can be reconstructed here; grid non-Cartesian data first");
        }
        if (header.encodedX == null || header.encodedY == null || header.encodedX < 1 || header.encodedY < 1) {
            throw new StreamException("the XML header states no valid encodedSpace matrixSize x and y: "
                    + "add the encoded matrix to the header");
        }
        if (header.encodedZ != null && header.encodedZ > 1) {
            throw new StreamException("the encoding is 3-D (encodedSpace matrixSize z = " + header.encodedZ
                    + "): only 2-D encodings can be reconstructed");
        }
    }
}
