package org.mrirecon.api;

import java.util.Arrays;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Multi-coil Cartesian k-space of one 2-D slice, complex float32, immutable.
 *
 * <p>Layout: one array per coil, each holding {@code phaseEncodes * readouts} complex samples as interleaved
 * (re, im) floats in row-major order; sample {@code (ky, kx)} of coil {@code c} is at
 * {@code coil(c)[2 * (ky * readouts + kx)]} (real part) and the next index (imaginary part). DC is at
 * {@code (phaseEncodes / 2, readouts / 2)}.
 */
@ProviderType
public final class KSpace {

    private final int coils;
    private final int phaseEncodes;
    private final int readouts;
    private final float[][] data;

    private KSpace(int coils, int phaseEncodes, int readouts, float[][] data) {
        this.coils = coils;
        this.phaseEncodes = phaseEncodes;
        this.readouts = readouts;
        this.data = data;
    }

    /**
     * Creates k-space from per-coil interleaved complex arrays; the arrays are copied.
     *
     * @throws IllegalArgumentException if the shape is inconsistent or a sample is NaN or infinite
     */
    public static KSpace of(int phaseEncodes, int readouts, float[][] coilData) {
        if (coilData == null || coilData.length == 0) {
            throw new IllegalArgumentException("k-space has no coils: provide at least one coil array");
        }
        float[][] copy = new float[coilData.length][];
        for (int c = 0; c < coilData.length; c++) {
            copy[c] = coilData[c] == null ? null : coilData[c].clone();
        }
        return wrap(phaseEncodes, readouts, copy);
    }

    /**
     * Creates k-space that takes ownership of the given arrays without copying them. The caller must not
     * modify the arrays afterwards; use this only for arrays freshly created by the caller.
     */
    public static KSpace wrap(int phaseEncodes, int readouts, float[][] coilData) {
        if (phaseEncodes < 1 || readouts < 1) {
            throw new IllegalArgumentException(
                    "k-space matrix must be at least 1x1, got " + phaseEncodes + "x" + readouts);
        }
        if (coilData == null || coilData.length == 0) {
            throw new IllegalArgumentException("k-space has no coils: provide at least one coil array");
        }
        long expected = 2L * phaseEncodes * readouts;
        for (int c = 0; c < coilData.length; c++) {
            float[] d = coilData[c];
            if (d == null || d.length != expected) {
                throw new IllegalArgumentException("coil " + c + " holds " + (d == null ? 0 : d.length)
                        + " floats, expected " + expected + " (2 x " + phaseEncodes + " phase-encodes x "
                        + readouts + " readouts)");
            }
            for (int i = 0; i < d.length; i++) {
                if (!Float.isFinite(d[i])) {
                    int sample = i / 2;
                    throw new IllegalArgumentException("k-space sample is " + d[i] + " at coil " + c + ", ky "
                            + sample / readouts + ", kx " + sample % readouts
                            + ": the data is corrupt; NaN or infinite samples cannot be reconstructed");
                }
            }
        }
        return new KSpace(coilData.length, phaseEncodes, readouts, coilData);
    }

    public int coils() {
        return coils;
    }

    /** Number of phase-encode lines (rows, ky). */
    public int phaseEncodes() {
        return phaseEncodes;
    }

    /** Number of readout samples per line (columns, kx). */
    public int readouts() {
        return readouts;
    }

    /** A copy of one coil's interleaved complex samples. */
    public float[] coil(int c) {
        return data[c].clone();
    }

    /** A copy of all coils' samples, {@code [coil][2 * (ky * readouts + kx) + (0 re | 1 im)]}. */
    public float[][] copyData() {
        float[][] copy = new float[coils][];
        for (int c = 0; c < coils; c++) {
            copy[c] = data[c].clone();
        }
        return copy;
    }

    public float re(int coil, int ky, int kx) {
        return data[coil][2 * (ky * readouts + kx)];
    }

    public float im(int coil, int ky, int kx) {
        return data[coil][2 * (ky * readouts + kx) + 1];
    }

    /** Copies one phase-encode line of one coil (interleaved complex, {@code 2 * readouts} floats) into dst. */
    public void copyLine(int coil, int ky, float[] dst, int dstOffset) {
        System.arraycopy(data[coil], 2 * ky * readouts, dst, dstOffset, 2 * readouts);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof KSpace)) {
            return false;
        }
        KSpace other = (KSpace) o;
        return coils == other.coils && phaseEncodes == other.phaseEncodes && readouts == other.readouts
                && Arrays.deepEquals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * coils + phaseEncodes) + readouts;
    }

    @Override
    public String toString() {
        return "KSpace[" + coils + " coils x " + phaseEncodes + " phase-encodes x " + readouts + " readouts]";
    }
}
