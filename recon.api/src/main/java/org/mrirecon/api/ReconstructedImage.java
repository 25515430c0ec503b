package org.mrirecon.api;

import java.util.Map;
import java.util.TreeMap;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A reconstructed 2-D image, row-major {@code [y][x]} with y along phase-encode and x along readout. The magnitude
 * is always present; the complex coil-combined image (interleaved re, im) is present where the method produces
 * one (e.g. sensitivity-weighted combination), else {@link #hasComplex()} is false. Immutable.
 */
@ProviderType
public final class ReconstructedImage {

    private final int height;
    private final int width;
    private final float[] magnitude;
    private final float[] complex;
    private final Map<String, String> info;

    private ReconstructedImage(int height, int width, float[] magnitude, float[] complex, Map<String, String> info) {
        this.height = height;
        this.width = width;
        this.magnitude = magnitude;
        this.complex = complex;
        this.info = info;
    }

    /**
     * A magnitude-only image; the array is copied.
     *
     * @param info free-form notes a method wants to report (iterations run, model id); may be empty
     */
    public static ReconstructedImage ofMagnitude(int height, int width, float[] magnitude, Map<String, String> info) {
        check(height, width, magnitude, 1, "magnitude");
        return new ReconstructedImage(height, width, magnitude.clone(), null, copy(info));
    }

    /**
     * A complex image (interleaved re, im; copied); the magnitude is derived from it.
     *
     * @throws IllegalArgumentException if a value is NaN or infinite, or a magnitude overflows float
     */
    public static ReconstructedImage ofComplex(int height, int width, float[] complex, Map<String, String> info) {
        check(height, width, complex, 2, "complex");
        float[] mag = new float[height * width];
        for (int i = 0; i < mag.length; i++) {
            mag[i] = (float) Math.hypot(complex[2 * i], complex[2 * i + 1]);
            if (!Float.isFinite(mag[i])) {
                throw new IllegalArgumentException("complex image has a magnitude beyond float's range at pixel ("
                        + i / width + ", " + i % width + "): the method produced an invalid value");
            }
        }
        return new ReconstructedImage(height, width, mag, complex.clone(), copy(info));
    }

    private static void check(int height, int width, float[] data, int floatsPerPixel, String what) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image must be at least 1x1, got " + height + "x" + width);
        }
        if (data == null || data.length != (long) floatsPerPixel * height * width) {
            throw new IllegalArgumentException(what + " image holds " + (data == null ? 0 : data.length)
                    + " floats, expected " + (long) floatsPerPixel * height * width);
        }
        for (float v : data) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(what + " image contains " + v
                        + ": the method produced an invalid value");
            }
        }
    }

    private static Map<String, String> copy(Map<String, String> info) {
        return info == null ? Map.of() : Map.copyOf(new TreeMap<>(info));
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** A copy of the magnitude image, {@code height * width} floats. */
    public float[] magnitude() {
        return magnitude.clone();
    }

    public float magnitudeAt(int y, int x) {
        return magnitude[y * width + x];
    }

    public boolean hasComplex() {
        return complex != null;
    }

    /**
     * A copy of the complex image, {@code 2 * height * width} floats.
     *
     * @throws IllegalStateException if the method produced magnitude only
     */
    public float[] complex() {
        if (complex == null) {
            throw new IllegalStateException("this reconstruction has no complex image (magnitude only)");
        }
        return complex.clone();
    }

    /** Notes the method reported, e.g. {@code iterations=50}; unmodifiable. */
    public Map<String, String> info() {
        return info;
    }

    @Override
    public String toString() {
        return "ReconstructedImage[" + height + "x" + width + (complex != null ? ", complex" : "") + "]";
    }
}
