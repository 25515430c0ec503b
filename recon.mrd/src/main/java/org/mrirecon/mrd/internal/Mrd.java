package org.mrirecon.mrd.internal;

/**
 * Message ids, fixed sizes and flags of the MRD streaming protocol (ISMRMRD's doc/mrd_messages.md, ismrmrd.h,
 * waveform.h). Every number on the wire is little-endian.
 */
public final class Mrd {

    public static final int CONFIG_FILE = 1;
    public static final int CONFIG_TEXT = 2;
    public static final int HEADER = 3;
    public static final int CLOSE = 4;
    public static final int TEXT = 5;
    public static final int ACQUISITION = 1008;
    public static final int IMAGE = 1022;
    public static final int WAVEFORM = 1026;

    /** The NUL-padded file name of a CONFIG_FILE message. */
    public static final int CONFIG_FILE_BYTES = 1024;
    /** ISMRMRD_AcquisitionHeader, packed to 2 bytes. */
    public static final int ACQUISITION_HEADER_BYTES = 340;
    /** ISMRMRD_ImageHeader, packed to 2 bytes. */
    public static final int IMAGE_HEADER_BYTES = 198;
    /**
     * ISMRMRD_WaveformHeader, naturally aligned: waveform.h asserts 40 bytes (a comment in python-ismrmrd-server's
     * connection.py says 240; the struct it deserialises is the 40-byte one).
     */
    public static final int WAVEFORM_HEADER_BYTES = 40;

    // Acquisition flags (ismrmrd.h): bit (flag - 1) of the 64-bit flags field.
    public static final int LAST_IN_SLICE = 8;
    public static final int IS_NOISE_MEASUREMENT = 19;
    public static final int IS_PARALLEL_CALIBRATION = 20;
    public static final int IS_PARALLEL_CALIBRATION_AND_IMAGING = 21;
    public static final int IS_REVERSE = 22;
    /**
     * Noise, navigation, phase correction, HP feedback, dummy scan, RT feedback, surface-coil correction, phase
     * stabilisation (reference): not image lines. The same set recon.io's ISMRMRD reader skips.
     */
    static final int[] NOT_IMAGING = {19, 23, 24, 26, 27, 28, 29, 30, 31};

    // Image data types and types (ismrmrd.h).
    public static final int DATA_USHORT = 1;
    public static final int DATA_SHORT = 2;
    public static final int DATA_UINT = 3;
    public static final int DATA_INT = 4;
    public static final int DATA_FLOAT = 5;
    public static final int DATA_DOUBLE = 6;
    public static final int DATA_CXFLOAT = 7;
    public static final int DATA_CXDOUBLE = 8;
    public static final int IMTYPE_MAGNITUDE = 1;

    private Mrd() {
    }

    public static boolean flag(long flags, int flag) {
        return (flags & (1L << (flag - 1))) != 0;
    }

    /** The first non-imaging flag set, or 0 for an image line. */
    public static int nonImagingFlag(long flags) {
        for (int f : NOT_IMAGING) {
            if (flag(flags, f)) {
                return f;
            }
        }
        return 0;
    }

    /** Bytes per pixel of an image data type, or -1 for an unknown type. */
    public static int bytesPerPixel(int dataType) {
        return switch (dataType) {
            case DATA_USHORT, DATA_SHORT -> 2;
            case DATA_UINT, DATA_INT, DATA_FLOAT -> 4;
            case DATA_DOUBLE, DATA_CXFLOAT -> 8;
            case DATA_CXDOUBLE -> 16;
            default -> -1;
        };
    }

    public static String name(int id) {
        return switch (id) {
            case CONFIG_FILE -> "CONFIG_FILE (1)";
            case CONFIG_TEXT -> "CONFIG_TEXT (2)";
            case HEADER -> "METADATA_XML (3)";
            case CLOSE -> "CLOSE (4)";
            case TEXT -> "TEXT (5)";
            case ACQUISITION -> "ACQUISITION (1008)";
            case IMAGE -> "IMAGE (1022)";
            case WAVEFORM -> "WAVEFORM (1026)";
            default -> "unknown message id " + id;
        };
    }
}
