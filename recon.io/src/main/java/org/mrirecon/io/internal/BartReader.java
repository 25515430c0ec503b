package org.mrirecon.io.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.mrirecon.api.KSpace;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.data.Dataset;
import org.mrirecon.data.ScanHeader;
import org.mrirecon.io.Cfl;
import org.mrirecon.io.DataFormat;
import org.mrirecon.io.DataFormatException;
import org.mrirecon.io.ismrmrd.CalibrationBlock;

/**
 * BART k-space as raw data: dim 0 (READ) is our readout, dim 1 (PHS1) our phase-encode, dim 3 (COIL) the coils;
 * dims 4 to 15 (maps, echoes, time, slices, ...) are flattened, column-major, into separate 2-D images. One coil of
 * one image is a contiguous block whose column-major order is our row-major {@code [ky][kx]}.
 */
public final class BartReader {

    private static final String[] NAMES = {"READ", "PHS1", "PHS2", "COIL", "MAPS", "TE", "COEFF", "COEFF2", "ITER",
        "CSHIFT", "TIME", "TIME2", "LEVEL", "SLICE", "AVG", "BATCH"};

    private BartReader() {
    }

    public static Dataset read(Path file, long limit) throws DataFormatException {
        Cfl.Array a = Cfl.read(file, limit);
        int nx = a.dim(0);
        int ny = a.dim(1);
        int coils = a.dim(3);
        if (a.dim(2) > 1) {
            throw new DataFormatException(file, "BART k-space " + Arrays.toString(a.shape()) + " is 3-D (PHS2 = "
                    + a.dim(2) + ")", "only 2-D k-space can be read: take one partition after an FFT along dim 2 "
                    + "(bart fft -u 4, then bart slice 2 N)");
        }
        if (nx < 2 || ny < 2) {
            throw new DataFormatException(file, "BART k-space " + Arrays.toString(a.shape()) + " is not a 2-D matrix",
                    "k-space needs READ (dim 0) and PHS1 (dim 1) of at least 2 samples each");
        }
        int images = 1;
        StringBuilder flattened = new StringBuilder();
        for (int d = 4; d < Cfl.DIMS; d++) {
            images *= a.dim(d);
            if (a.dim(d) > 1) {
                flattened.append(flattened.length() == 0 ? "" : ", ").append(NAMES[d]).append('=').append(a.dim(d));
            }
        }
        float[] all = a.data();
        int plane = 2 * nx * ny;
        List<KSpace> kspace = new ArrayList<>();
        List<SamplingPattern> patterns = new ArrayList<>();
        boolean full = true;
        for (int i = 0; i < images; i++) {
            float[][] data = new float[coils][];
            for (int c = 0; c < coils; c++) {
                int from = (i * coils + c) * plane;
                data[c] = Arrays.copyOfRange(all, from, from + plane);
                for (int j = 0; j < plane; j++) {
                    if (!Float.isFinite(data[c][j])) {
                        throw Problems.nonFinite(file, data[c][j], "image " + i + ", coil " + c + ", PHS1 "
                                + (j / 2) / nx + ", READ " + (j / 2) % nx);
                    }
                }
            }
            boolean[] acquired = Lines.nonZero(data, ny, nx);
            if (Lines.count(acquired) == 0) {
                throw new DataFormatException(file, "image " + i + " holds no acquired line (all samples are zero)",
                        "the k-space is empty: check that the right file was given");
            }
            full &= Lines.count(acquired) == ny;
            kspace.add(KSpace.ofCoils(ny, nx, data));
            patterns.add(CalibrationBlock.aroundCentre(acquired));
        }
        Dataset.Builder b = Dataset.builder(file.getFileName() + " (" + DataFormat.BART.description() + ")",
                DataFormat.BART.description(), ScanHeader.defaults()).fullySampled(full);
        for (int i = 0; i < images; i++) {
            b.slice(kspace.get(i), patterns.get(i));
        }
        b.note("BART dims " + Arrays.toString(a.shape()) + ": READ is our readout (columns), PHS1 our phase-encode "
                + "(rows), COIL the coils" + (flattened.length() == 0 ? "" : "; " + flattened + " flattened into "
                        + images + " images"));
        b.note("a BART header carries no acquisition parameters: FOV, TR, echo-train length are the defaults of a clinical knee TSE");
        b.note("no reference image: BART k-space carries none");
        return b.build();
    }
}
