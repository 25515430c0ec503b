package org.mrirecon.io.ismrmrd;

import java.io.IOException;
import java.io.StringReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The parts of an ISMRMRD XML header that reading and reconstructing Cartesian data need, from the first
 * {@code <encoding>}; an element the header does not have is null. Immutable.
 */
public final class IsmrmrdHeader {

    public final Integer encodedX;
    public final Integer encodedY;
    public final Integer encodedZ;
    public final Integer reconX;
    public final Integer reconY;
    public final Double encodedFovX;
    public final Double encodedFovY;
    public final Double encodedFovZ;
    public final Double reconFovX;
    public final Double reconFovY;
    public final Double reconFovZ;
    public final Integer step1Minimum;
    public final Integer step1Maximum;
    public final Integer step1Center;
    public final Integer averageMaximum;
    /**
     * The encodingLimits maxima of the loop counters that make separate images: contrast, phase, repetition, set,
     * slice (absent ones are not in the map).
     */
    public final Map<String, Integer> counterMaximum;
    public final String trajectory;
    public final Integer accelerationStep1;
    public final String calibrationMode;
    public final Integer echoTrainLength;
    public final Integer receiverChannels;
    public final Double repetitionTimeMs;
    public final String protocolName;
    /** How many {@code <encoding>} elements the header has (only the first is read). */
    public final int encodings;

    private static final String FIX = "repair the XML header";

    private static final ErrorHandler STRICT = new ErrorHandler() {
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

    private IsmrmrdHeader(Element root) throws InvalidHeaderException {
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
        reconFovY = number(enc, "reconSpace", "fieldOfView_mm", "y");
        reconFovZ = number(enc, "reconSpace", "fieldOfView_mm", "z");
        step1Minimum = integer(enc, "encodingLimits", "kspace_encoding_step_1", "minimum");
        step1Maximum = integer(enc, "encodingLimits", "kspace_encoding_step_1", "maximum");
        step1Center = integer(enc, "encodingLimits", "kspace_encoding_step_1", "center");
        averageMaximum = integer(enc, "encodingLimits", "average", "maximum");
        Map<String, Integer> counters = new LinkedHashMap<>();
        for (String counter : new String[] {"contrast", "phase", "repetition", "set", "slice"}) {
            Integer max = integer(enc, "encodingLimits", counter, "maximum");
            if (max != null) {
                counters.put(counter, max);
            }
        }
        counterMaximum = Collections.unmodifiableMap(counters);
        trajectory = text(enc, "trajectory");
        accelerationStep1 = integer(enc, "parallelImaging", "accelerationFactor", "kspace_encoding_step_1");
        calibrationMode = text(enc, "parallelImaging", "calibrationMode");
        echoTrainLength = integer(enc, "echoTrainLength");
        receiverChannels = integer(root, "acquisitionSystemInformation", "receiverChannels");
        repetitionTimeMs = number(root, "sequenceParameters", "TR");
        protocolName = text(root, "measurementInformation", "protocolName");
    }

    /**
     * Parses a header. DTDs and external entities are refused: the text comes from files and networks we do not
     * trust.
     *
     * @param source       where the text comes from, for the messages (e.g. "dataset /dataset/xml")
     * @param fixForNotOne what to do when the text is no ISMRMRD header at all, as fits where it came from (a file:
     *                     "repair or re-export the ISMRMRD header"; a stream: "send the MRD (ISMRMRD) XML header")
     * @throws InvalidHeaderException if the text is not well-formed XML, its root is not {@code <ismrmrdHeader>},
     *                                or an element that must be a number is not one
     */
    public static IsmrmrdHeader parse(String source, String fixForNotOne, String xml) throws InvalidHeaderException {
        Element root;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            DocumentBuilder builder = f.newDocumentBuilder();
            builder.setErrorHandler(STRICT); // the default handler prints to stderr before it throws
            root = builder.parse(new InputSource(new StringReader(xml.trim()))).getDocumentElement();
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new InvalidHeaderException(source + " is not well-formed XML (" + e.getMessage() + ")",
                    fixForNotOne, e);
        }
        if (!"ismrmrdHeader".equals(local(root))) {
            throw new InvalidHeaderException(source + " is XML but its root is <" + local(root)
                    + ">, not <ismrmrdHeader>", fixForNotOne, null);
        }
        return new IsmrmrdHeader(root);
    }

    /** Readout samples after oversampling removal: reconSpace x where it is smaller than encodedSpace x. */
    public int outputX() {
        return reconX != null && reconX > 0 && reconX < encodedX ? reconX : encodedX;
    }

    /** Image rows: reconSpace y, at most the encoded lines. */
    public int outputY() {
        return reconY != null && reconY > 0 ? Math.min(reconY, encodedY) : encodedY;
    }

    /** The k-space line that holds encoding step 1's centre: its stated centre, else the middle line. */
    public int centreLine() {
        return step1Center != null ? step1Center : encodedY / 2;
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
            c += n instanceof Element && name.equals(local(n)) ? 1 : 0;
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

    private static Integer integer(Element parent, String... path) throws InvalidHeaderException {
        Double v = number(parent, path);
        if (v != null && (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE)) {
            throw invalid(path, String.valueOf(v), "an integer");
        }
        return v == null ? null : v.intValue();
    }

    private static Double number(Element parent, String... path) throws InvalidHeaderException {
        String t = text(parent, path);
        if (t == null || t.isEmpty()) {
            return null;
        }
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw invalid(path, t, "a number");
        }
        if (!Double.isFinite(v)) {
            throw invalid(path, t, "a finite number");
        }
        return v;
    }

    private static InvalidHeaderException invalid(String[] path, String value, String expected) {
        return new InvalidHeaderException("ISMRMRD header element " + String.join("/", path) + " is '" + value
                + "', not " + expected, FIX, null);
    }
}
