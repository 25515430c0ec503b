package org.mrirecon.api;

import java.util.Arrays;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Multi-coil Cartesian k-space of one 2-D slice, complex float32, immutable.
 *
 * <p>Layout, shared with the operators of recon.numerics and with NumPy's {@code complex64[coils, ky, kx]}: one flat
 * array, coil-major, then phase-encode (rows), then readout (columns), each sample as interleaved (re, im) floats.
 * Sample {@code (c, ky, kx)} has its real part at {@code 2 * ((c * phaseEncodes + ky) * readouts + kx)} and its
 * imaginary part at the next index. DC is at {@code (phaseEncodes / 2, readouts / 2)}.
 */
@ProviderType
public final class KSpace {

    private final int coils;
    private final int phaseEncodes;
    private final int readouts;
    private final float[] data;

    private KSpace(int coils, int phaseEncodes, int readouts, float[] data) {
        this.coils = coils;
        this.phaseEncodes = phaseEncodes;
        this.readouts = readouts;
        this.data = data;
    }

    /**
     * Creates k-space from one flat coil-major array (see the class comment); the array is copied.
     *
     * @throws IllegalArgumentException if the shape is inconsistent or a sample is NaN or infinite
     */
    public static KSpace of(int coils, int phaseEncodes, int readouts, float[] data) {
        return wrap(coils, phaseEncodes, readouts, data == null ? null : data.clone());
    }

    /**
     * Creates k-space that takes ownership of the given flat array without copying it. The caller must not modify
     * the array afterwards; use this only for arrays freshly created by the caller.
     */
    public static KSpace wrap(int coils, int phaseEncodes, int readouts, float[] data) {
        if (coils < 1) {
            throw new IllegalArgumentException("k-space has no coils: provide at least one coil");
        }
        if (phaseEncodes < 1 || readouts < 1) {
            throw new IllegalArgumentException(
                    "k-space matrix must be at least 1x1, got " + phaseEncodes + "x" + readouts);
        }
        long expected = 2L * coils * phaseEncodes * readouts;
        if (expected > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("k-space of " + coils + " coils x " + phaseEncodes + " x " + readouts
                    + " does not fit one Java array: reconstruct fewer coils or a smaller matrix");
        }
        if (data == null || data.length != expected) {
            throw new IllegalArgumentException("k-space array holds " + (data == null ? 0 : data.length)
                    + " floats, expected " + expected + " (2 x " + coils + " coils x " + phaseEncodes
                    + " phase-encodes x " + readouts + " readouts)");
        }
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                int sample = i / 2;
                int perCoil = phaseEncodes * readouts;
                int inCoil = sample % perCoil;
                throw new IllegalArgumentException("k-space sample is " + data[i] + " at coil " + sample / perCoil
                        + ", ky " + inCoil / readouts + ", kx " + inCoil % readouts
                        + ": the data is corrupt; NaN or infinite samples cannot be reconstructed");
            }
        }
        return new KSpace(coils, phaseEncodes, readouts, data);
    }

    /**
     * Creates k-space from one interleaved complex array per coil, each {@code [ky][kx]}; the arrays are copied into
     * the flat layout.
     */
    public static KSpace ofCoils(int phaseEncodes, int readouts, float[][] coilData) {
        if (coilData == null || coilData.length == 0) {
            throw new IllegalArgumentException("k-space has no coils: provide at least one coil array");
        }
        int per = 2 * phaseEncodes * readouts;
        float[] flat = new float[Math.multiplyExact(coilData.length, Math.max(per, 0))];
        for (int c = 0; c < coilData.length; c++) {
            float[] d = coilData[c];
            if (d == null || d.length != per) {
                throw new IllegalArgumentException("coil " + c + " holds " + (d == null ? 0 : d.length)
                        + " floats, expected " + per + " (2 x " + phaseEncodes + " phase-encodes x " + readouts
                        + " readouts)");
            }
            System.arraycopy(d, 0, flat, c * per, per);
        }
        return wrap(coilData.length, phaseEncodes, readouts, flat);
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

    /** The logical shape {@code {coils, phaseEncodes, readouts}} of the complex array. */
    public int[] shape() {
        return new int[] {coils, phaseEncodes, readouts};
    }

    /** A copy of all samples in the flat coil-major layout, {@code 2 * coils * phaseEncodes * readouts} floats. */
    public float[] copyData() {
        return data.clone();
    }

    /** Copies all samples, flat coil-major, into {@code dst} from {@code dstOffset}. */
    public void copyTo(float[] dst, int dstOffset) {
        System.arraycopy(data, 0, dst, dstOffset, data.length);
    }

    /** A copy of one coil's interleaved complex samples, {@code [ky][kx]}. */
    public float[] coil(int c) {
        int per = 2 * phaseEncodes * readouts;
        return Arrays.copyOfRange(data, c * per, (c + 1) * per);
    }

    public float re(int coil, int ky, int kx) {
        return data[2 * ((coil * phaseEncodes + ky) * readouts + kx)];
    }

    public float im(int coil, int ky, int kx) {
        return data[2 * ((coil * phaseEncodes + ky) * readouts + kx) + 1];
    }

    /** Copies one phase-encode line of one coil (interleaved complex, {@code 2 * readouts} floats) into dst. */
    public void copyLine(int coil, int ky, float[] dst, int dstOffset) {
        System.arraycopy(data, 2 * (coil * phaseEncodes + ky) * readouts, dst, dstOffset, 2 * readouts);
    }

    /** Whether every sample of phase-encode line {@code ky} is zero in every coil. */
    public boolean isLineEmpty(int ky) {
        for (int c = 0; c < coils; c++) {
            int from = 2 * (c * phaseEncodes + ky) * readouts;
            for (int i = from, end = from + 2 * readouts; i < end; i++) {
                if (data[i] != 0f) {
                    return false;
                }
            }
        }
        return true;
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
                && Arrays.equals(data, other.data);
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
