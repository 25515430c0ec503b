package org.mrirecon.io.internal;

import java.nio.file.Path;
import java.util.Locale;

import org.mrirecon.io.DataFormatException;

/** The checks every reader makes before it allocates, with their one-line messages. */
public final class Problems {

    private Problems() {
    }

    /** Fails unless {@code bytes} (what decoding would allocate) stays within {@code limit}. */
    public static void checkSize(Path file, String what, long bytes, long limit) throws DataFormatException {
        if (bytes < 0 || bytes > limit) {
            throw new DataFormatException(file, what + " would need " + human(bytes) + ", more than the read limit of "
                    + human(limit), "the declared size is corrupt, or the data is too large for this JVM: check the "
                    + "file, or raise the limit (Readers.read(path, maxBytes) and -Xmx)");
        }
    }

    /** Fails unless a stored, uncompressed payload of {@code bytes} fits in what the file holds. */
    public static void checkStored(Path file, String what, long bytes, long available) throws DataFormatException {
        if (bytes > available) {
            throw new DataFormatException(file, what + " declares " + human(bytes) + " of data but the file holds only "
                    + human(available), "the file is truncated: copy it again from its source");
        }
    }

    /** Product of the dimensions, or -1 on overflow (so that an absurd size fails {@link #checkSize}). */
    public static long product(long... dims) {
        long n = 1;
        for (long d : dims) {
            if (d < 0 || (d != 0 && n > Long.MAX_VALUE / d)) {
                return -1;
            }
            n *= d;
        }
        return n;
    }

    /** A DataFormatException for a non-finite sample at a named position. */
    public static DataFormatException nonFinite(Path file, float value, String where) {
        return new DataFormatException(file, "sample is " + value + " at " + where,
                "the data is corrupt: NaN or infinite samples cannot be reconstructed; re-export the file");
    }

    static String human(long bytes) {
        if (bytes < 0) {
            return "more than 9 EB";
        }
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};
        double v = bytes;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
