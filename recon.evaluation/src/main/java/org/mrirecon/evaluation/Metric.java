package org.mrirecon.evaluation;

import java.util.OptionalDouble;

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

    /**
     * The volume's value from the per-slice values alone, for metrics that aggregate that way (fastMRI's SSIM is the
     * mean over slices), so that an evaluation which has the slices need not compute them again; empty where the
     * volume needs the images (NMSE and PSNR pool the pixels).
     */
    default OptionalDouble volumeOfSlices(double[] perSlice) {
        return OptionalDouble.empty();
    }
}
