package org.mrirecon.io.internal;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.mrirecon.data.ScanHeader;
import org.mrirecon.io.DataFormatException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The parts of an ISMRMRD XML header (the one in ISMRMRD files and in fastMRI's {@code ismrmrd_header}) that the
 * readers use; absent elements are null. Only the first {@code <encoding>} is read.
 */
public final class IsmrmrdXml {

    public final Integer encodedX;
    public final Integer encodedY;
    public final Integer encodedZ;
    public final Integer reconX;
    public final Integer reconY;
    public final Double encodedFovX;
    public final Double encodedFovY;
    public final Double encodedFovZ;
    public final Double reconFovX;
    public final Integer step1Minimum;
    public final Integer step1Maximum;
    public final Integer step1Center;
    public final Integer averageMaximum;
    /** The encodingLimits maxima of the loop counters that make separate images: slice, contrast, phase,
     * repetition, set (absent ones are not in the map). */
    public final Map<String, Integer> counterMaximum = new LinkedHashMap<>();
    public final String trajectory;
    public final Integer accelerationStep1;
    public final String calibrationMode;
    public final Integer receiverChannels;
    public final Double repetitionTimeMs;
    public final Integer echoTrainLength;
    public final String protocolName;
    public final int encodings;

    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // a warning leaves the document usable
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private final Path file;

    private IsmrmrdXml(Path file, Element root) throws DataFormatException {
        this.file = file;
        Element enc = child(root, "encoding");
        encodings = count(root, "encoding");
        encodedX = integer(enc, "encodedSpace", "matrixSize", "x");
        encodedY = integer(enc, "encodedSpace", "matrixSize", "y");
        encodedZ = integer(enc, "encodedSpace", "matrixSize", "z");
        reconX = integer(enc, "reconSpace", "matrixSize", "x");
        reconY = integer(enc, "reconSpace", "matrixSize", "y");
        encodedFovX = number(enc, "encodedSpace", "fieldOfView_mm", "x");
        encodedFovY = number(enc, "encodedSpace", "fieldOfView_mm", "y");
        encodedFovZ = number(enc, "encodedSpace", "fieldOfView_mm", "z");
        reconFovX = number(enc, "reconSpace", "fieldOfView_mm", "x");
        step1Minimum = integer(enc, "encodingLimits", "kspace_encoding_step_1", "minimum");
        step1Maximum = integer(enc, "encodingLimits", "kspace_encoding_step_1", "maximum");
        step1Center = integer(enc, "encodingLimits", "kspace_encoding_step_1", "center");
        averageMaximum = integer(enc, "encodingLimits", "average", "maximum");
        for (String counter : new String[] {"contrast", "phase", "repetition", "set", "slice"}) {
            Integer max = integer(enc, "encodingLimits", counter, "maximum");
            if (max != null) {
                counterMaximum.put(counter, max);
            }
        }
        trajectory = text(enc, "trajectory");
        accelerationStep1 = integer(enc, "parallelImaging", "accelerationFactor", "kspace_encoding_step_1");
        calibrationMode = text(enc, "parallelImaging", "calibrationMode");
        echoTrainLength = integer(enc, "echoTrainLength");
        receiverChannels = integer(root, "acquisitionSystemInformation", "receiverChannels");
        repetitionTimeMs = number(root, "sequenceParameters", "TR");
        protocolName = text(root, "measurementInformation", "protocolName");
    }

    /** Parses the header text; external entities and DTDs are refused (the text comes from untrusted files). */
    public static IsmrmrdXml parse(Path file, String dataset, String xml) throws DataFormatException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(SILENT); // the default handler prints to stderr before the exception
            Element root = builder.parse(new InputSource(new StringReader(xml.trim()))).getDocumentElement();
            if (!"ismrmrdHeader".equals(local(root))) {
                throw new DataFormatException(file, dataset + " is XML but its root is <" + local(root)
                        + ">, not <ismrmrdHeader>", "store an ISMRMRD XML header there");
            }
            return new IsmrmrdXml(file, root);
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new DataFormatException(file, dataset + " is not well-formed XML (" + e.getMessage() + ")",
                    "repair or re-export the ISMRMRD header", e);
        }
    }

    /**
     * Fills what the header states into a builder (TR, echo-train length, averages, slice thickness, protocol name) and notes the API defaults used for what it does not.
     */
    public void applyTo(ScanHeader.Builder b, List<String> notes) {
        List<String> defaults = new ArrayList<>();
        if (repetitionTimeMs != null && repetitionTimeMs > 0) {
            b.repetitionTimeMs(repetitionTimeMs);
        } else {
            defaults.add("TR");
        }
        if (echoTrainLength != null && echoTrainLength >= 1) {
            b.echoTrainLength(echoTrainLength);
        } else {
            defaults.add("echo-train length");
        }
        if (averageMaximum != null && averageMaximum >= 0) {
            b.averages(averageMaximum + 1);
        }
        if (encodedFovZ != null && encodedFovZ > 0) {
            b.sliceThicknessMm(encodedFovZ);
        } else {
            defaults.add("slice thickness");
        }
        if (protocolName != null) {
            b.protocolName(protocolName);
        }
        if (!defaults.isEmpty()) {
            notes.add("the ISMRMRD header does not state " + String.join(", ", defaults) + ": the defaults of a clinical knee TSE "
                    + "are used");
        }
    }

    private static Element child(Element parent, String... path) {
        Element e = parent;
        for (String name : path) {
            if (e == null) {
                return null;
            }
            Element found = null;
            for (Node n = e.getFirstChild(); n != null && found == null; n = n.getNextSibling()) {
                if (n instanceof Element && name.equals(local(n))) {
                    found = (Element) n;
                }
            }
            e = found;
        }
        return e;
    }

    private static int count(Element parent, String name) {
        int c = 0;
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && name.equals(local(n))) {
                c++;
            }
        }
        return c;
    }

    private static String local(Node n) {
        String name = n.getNodeName();
        return name.substring(name.indexOf(':') + 1);
    }

    private static String text(Element parent, String... path) {
        Element e = child(parent, path);
        return e == null ? null : e.getTextContent().trim();
    }

    private Integer integer(Element parent, String... path) throws DataFormatException {
        Double v = number(parent, path);
        if (v == null) {
            return null;
        }
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw invalid(path, String.valueOf(v), "an integer");
        }
        return v.intValue();
    }

    private Double number(Element parent, String... path) throws DataFormatException {
        String t = text(parent, path);
        if (t == null || t.isEmpty()) {
            return null;
        }
        try {
            double v = Double.parseDouble(t);
            if (!Double.isFinite(v)) {
                throw invalid(path, t, "a finite number");
            }
            return v;
        } catch (NumberFormatException e) {
            throw invalid(path, t, "a number");
        }
    }

    private DataFormatException invalid(String[] path, String value, String expected) {
        return new DataFormatException(file, "ISMRMRD header element " + String.join("/", path) + " is '" + value
                + "', not " + expected, "repair the XML header");
    }
}
