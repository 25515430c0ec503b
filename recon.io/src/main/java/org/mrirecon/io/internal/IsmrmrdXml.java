package org.mrirecon.io.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.mrirecon.data.ScanHeader;
import org.mrirecon.io.DataFormatException;
import org.mrirecon.io.ismrmrd.InvalidHeaderException;
import org.mrirecon.io.ismrmrd.IsmrmrdHeader;

/**
 * The file readers' side of the ISMRMRD XML header (the one in ISMRMRD files and in fastMRI's
 * {@code ismrmrd_header}): parsing with errors that name the file, and what the header states for the scan header.
 */
final class IsmrmrdXml {

    private IsmrmrdXml() {
    }

    /** Parses the header text stored in {@code dataset} of {@code file}. */
    static IsmrmrdHeader parse(Path file, String dataset, String xml) throws DataFormatException {
        try {
            return IsmrmrdHeader.parse(dataset, "repair or re-export the ISMRMRD header", xml);
        } catch (InvalidHeaderException e) {
            throw new DataFormatException(file, e.problem(), e.fix(), e);
        }
    }

    /**
     * Fills what the header states into a builder (TR, echo-train length, averages, slice thickness, protocol name)
     * and notes the API defaults used for what it does not.
     */
    static void applyTo(IsmrmrdHeader xml, ScanHeader.Builder b, List<String> notes) {
        List<String> defaults = new ArrayList<>();
        if (xml.repetitionTimeMs != null && xml.repetitionTimeMs > 0) {
            b.repetitionTimeMs(xml.repetitionTimeMs);
        } else {
            defaults.add("TR");
        }
        if (xml.echoTrainLength != null && xml.echoTrainLength >= 1) {
            b.echoTrainLength(xml.echoTrainLength);
        } else {
            defaults.add("echo-train length");
        }
        if (xml.averageMaximum != null && xml.averageMaximum >= 0) {
            b.averages(xml.averageMaximum + 1);
        }
        if (xml.encodedFovZ != null && xml.encodedFovZ > 0) {
            b.sliceThicknessMm(xml.encodedFovZ);
        } else {
            defaults.add("slice thickness");
        }
        if (xml.protocolName != null) {
            b.protocolName(xml.protocolName);
        }
        if (!defaults.isEmpty()) {
            notes.add("the ISMRMRD header does not state " + String.join(", ", defaults) + ": the defaults of a "
                    + "clinical knee TSE are used");
        }
    }
}
