package org.mrirecon.evaluation;

/**
 * An image-quality metric of magnitude images against a yardstick, per slice and per volume, optionally inside a
 * region (a per-pixel mask). Implementations are stateless.
 */
public interface Metric {

    /** Short name used in tables and files, e.g. {@code SSIM}. */
    String name();

    /** Unit for display, e.g. {@code dB}; empty when the metric has none. */
    String unit();

    boolean higherIsBetter();

    /** The equivalence and non-inferiority margin, in the metric's units. */
    double margin();

    /**
     * The metric of one slice.
     *
     * @param region    pixels to score ({@code rows * cols}), or null for the whole image
     * @param dataRange the yardstick volume's maximum (fastMRI's {@code maxval})
     */
    double slice(float[] yardstick, float[] image, boolean[] region, int rows, int cols, double dataRange);

    /** The metric of a volume, as fastMRI's {@code evaluate.py} aggregates it over slices. */
    double volume(float[][] yardstick, float[][] images, boolean[][] region, int rows, int cols, double dataRange);
}
