package org.mrirecon.report;

/**
 * How images are shown in PNGs and the report: as stored (rows = phase-encode, columns = readout) or transposed,
 * with the orientation stated in words. Arrays are always written as stored.
 *
 * @param transpose   whether to show the transpose of the stored image
 * @param description the orientation as the viewer sees it, e.g. "superior up, anterior left (radiological
 *                    sagittal)"
 */
public record Display(boolean transpose, String description) {

    /** As stored: rows along phase-encode (down), columns along readout (right). */
    public static final Display AS_STORED = new Display(false,
            "as stored: phase-encode from top to bottom, readout from left to right");

    /**
     * The display the data asks for in its attributes {@code display.transpose} and {@code display.orientation};
     * else, for data the reader transposed ({@code layout.transposed}), the source file's own orientation.
     */
    public static Display of(java.util.Map<String, String> attributes) {
        String orientation = attributes.get("display.orientation");
        if (orientation != null) {
            return new Display(Boolean.parseBoolean(attributes.get("display.transpose")), orientation);
        }
        if ("true".equals(attributes.get("layout.transposed"))) {
            return new Display(true, "in the file's own orientation: phase-encode from left to right, readout from "
                    + "top to bottom (the transpose of the tables' layout)");
        }
        return AS_STORED;
    }
}
