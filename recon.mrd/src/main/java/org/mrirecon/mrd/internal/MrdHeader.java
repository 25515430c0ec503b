package org.mrirecon.mrd.internal;

import java.io.IOException;
import java.io.StringReader;
import java.util.Locale;

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
 * The parts of the MRD XML header that slice assembly and image headers need, from the first {@code <encoding>};
 * absent elements are null. The header arrives from the network, so DTDs and external entities are refused.
 */
public final class MrdHeader {

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
    public final String trajectory;
    public final Integer accelerationStep1;
    public final String calibrationMode;
    public final Integer receiverChannels;
    public final String protocolName;
    public final int encodings;

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

    private MrdHeader(Element root) throws StreamException {
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
        trajectory = text(enc, "trajectory");
        accelerationStep1 = integer(enc, "parallelImaging", "accelerationFactor", "kspace_encoding_step_1");
        calibrationMode = text(enc, "parallelImaging", "calibrationMode");
        receiverChannels = integer(root, "acquisitionSystemInformation", "receiverChannels");
        protocolName = text(root, "measurementInformation", "protocolName");
    }

    public static MrdHeader parse(String xml) throws StreamException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            DocumentBuilder builder = f.newDocumentBuilder();
            builder.setErrorHandler(STRICT); // the default handler prints to stderr before it throws
            Element root = builder.parse(new InputSource(new StringReader(xml.trim()))).getDocumentElement();
            if (!"ismrmrdHeader".equals(local(root))) {
                throw new StreamException("the METADATA_XML message is XML but its root is <" + local(root)
                        + ">, not <ismrmrdHeader>: send the MRD (ISMRMRD) XML header");
            }
            return new MrdHeader(root);
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new StreamException("the METADATA_XML message is not well-formed XML (" + e.getMessage()
                    + "): send the MRD (ISMRMRD) XML header");
        }
    }

    /** Checks what slice assembly relies on: one 2-D Cartesian encoding with a matrix. */
    public void checkCartesian2d() throws StreamException {
        if (trajectory != null && !trajectory.toLowerCase(Locale.ROOT).equals("cartesian")) {
            throw new StreamException("the trajectory is '" + trajectory
                    + "': only Cartesian data can be reconstructed here; grid non-Cartesian data first");
        }
        if (encodedX == null || encodedY == null || encodedX < 1 || encodedY < 1) {
            throw new StreamException("the XML header states no valid encodedSpace matrixSize x and y: "
                    + "add the encoded matrix to the header");
        }
        if (encodedZ != null && encodedZ > 1) {
            throw new StreamException("the encoding is 3-D (encodedSpace matrixSize z = " + encodedZ
                    + "): only 2-D encodings can be reconstructed");
        }
    }

    /** Readout samples after oversampling removal: reconSpace x when it is smaller than encodedSpace x. */
    public int outputX() {
        return reconX != null && reconX > 0 && reconX < encodedX ? reconX : encodedX;
    }

    /** Image rows: reconSpace y, at most the encoded lines (the reference size recon.io's reader sets). */
    public int outputY() {
        return reconY != null && reconY > 0 ? Math.min(reconY, encodedY) : encodedY;
    }

    /** The k-space line that holds encoding step 1's centre. */
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

    private static Integer integer(Element parent, String... path) throws StreamException {
        Double v = number(parent, path);
        if (v != null && (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE)) {
            throw new StreamException("XML header element " + String.join("/", path) + " is " + v
                    + ", not an integer: repair the header");
        }
        return v == null ? null : v.intValue();
    }

    private static Double number(Element parent, String... path) throws StreamException {
        String t = text(parent, path);
        if (t == null || t.isEmpty()) {
            return null;
        }
        try {
            double v = Double.parseDouble(t);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new StreamException("XML header element " + String.join("/", path) + " is '" + t
                + "', not a finite number: repair the header");
    }
}
