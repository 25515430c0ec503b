package org.mrirecon.mrd.internal;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * ISMRMRD's MetaContainer as XML ({@code <ismrmrdMeta><meta><name>N</name><value>V</value>...</meta>...}): the
 * attributes of an image that its fixed header has no field for.
 */
public final class MetaAttributes {

    private MetaAttributes() {
    }

    public static String write(Map<String, List<String>> meta) {
        StringBuilder s = new StringBuilder("<?xml version=\"1.0\"?><ismrmrdMeta>");
        for (Map.Entry<String, List<String>> e : meta.entrySet()) {
            s.append("<meta><name>").append(escape(e.getKey())).append("</name>");
            for (String v : e.getValue()) {
                s.append("<value>").append(escape(v)).append("</value>");
            }
            s.append("</meta>");
        }
        return s.append("</ismrmrdMeta>").toString();
    }

    /**
     * Parses attributes; text that is empty gives no attributes.
     *
     * @throws IOException if the text is not a MetaContainer
     */
    public static Map<String, List<String>> parse(String xml) throws IOException {
        Map<String, List<String>> meta = new LinkedHashMap<>();
        if (xml == null || xml.isBlank()) {
            return meta;
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            Element root = builder.parse(new InputSource(new StringReader(xml.trim()))).getDocumentElement();
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (!(n instanceof Element) || !"meta".equals(n.getNodeName())) {
                    continue;
                }
                String name = null;
                List<String> values = new ArrayList<>();
                for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
                    if ("name".equals(c.getNodeName())) {
                        name = c.getTextContent();
                    } else if ("value".equals(c.getNodeName())) {
                        values.add(c.getTextContent());
                    }
                }
                if (name != null) {
                    meta.put(name, values);
                }
            }
            return meta;
        } catch (SAXException | ParserConfigurationException e) {
            throw new IOException("image attributes are not an ISMRMRD MetaContainer (" + e.getMessage() + ")", e);
        }
    }

    private static String escape(String v) {
        StringBuilder s = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '&' -> s.append("&amp;");
                case '"' -> s.append("&quot;");
                default -> {
                    // XML 1.0 allows no control characters but tab, newline and carriage return
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        s.append(c);
                    }
                }
            }
        }
        return s.toString();
    }
}
