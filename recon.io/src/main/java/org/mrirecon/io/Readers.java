package org.mrirecon.io;

import java.nio.file.Path;

import org.mrirecon.data.Dataset;
import org.mrirecon.io.internal.BartReader;
import org.mrirecon.io.internal.FormatDetector;
import org.mrirecon.io.internal.Hdf5Reader;
import org.mrirecon.io.internal.NumPyReader;

/**
 * Reads raw data of any supported format ({@link DataFormat}), recognised by content. Files are opened read-only
 * and never modified. Declared sizes are checked against the file size and a memory limit before anything large is
 * allocated. Thread-safe (stateless).
 */
public final class Readers {

    private Readers() {
    }

    /** Reads a file within {@link #defaultLimit()}. */
    public static Dataset read(Path file) throws DataFormatException {
        return read(file, defaultLimit());
    }

    /**
     * Reads a file.
     *
     * @param maxBytes the most memory the decoded data may take; larger declared sizes fail before allocation
     * @throws DataFormatException with a one-line message for any file that cannot be read as raw data
     */
    public static Dataset read(Path file, long maxBytes) throws DataFormatException {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("the read limit must be positive, got " + maxBytes);
        }
        try {
            return switch (FormatDetector.container(file)) {
                case HDF5 -> Hdf5Reader.read(file, maxBytes);
                case BART -> BartReader.read(file, maxBytes);
                case NPY -> NumPyReader.read(file, false, maxBytes);
                case NPZ -> NumPyReader.read(file, true, maxBytes);
            };
        } catch (IllegalArgumentException e) {
            // the API's own checks (KSpace, SamplingPattern, dataset) on data that passed the readers' checks
            throw new DataFormatException(file, "inconsistent data: " + e.getMessage(), "the file is corrupt or "
                    + "mislabelled: check it with the tool that wrote it", e);
        }
    }

    /** The format of a file, from its content (HDF5 files are opened to tell ISMRMRD from fastMRI). */
    public static DataFormat detect(Path file) throws DataFormatException {
        return switch (FormatDetector.container(file)) {
            case HDF5 -> Hdf5Reader.format(file);
            case BART -> DataFormat.BART;
            case NPY, NPZ -> DataFormat.NUMPY;
        };
    }

    /** Half of the JVM's maximum heap: room for the decoded data and a reconstruction's working copies. */
    public static long defaultLimit() {
        return Runtime.getRuntime().maxMemory() / 2;
    }
}
