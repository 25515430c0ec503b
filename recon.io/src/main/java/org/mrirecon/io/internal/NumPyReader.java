package org.mrirecon.io.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.mrirecon.api.KSpace;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.data.Dataset;
import org.mrirecon.data.ScanHeader;
import org.mrirecon.io.DataFormat;
import org.mrirecon.io.DataFormatException;
import org.mrirecon.io.NumPy;
import org.mrirecon.io.ismrmrd.CalibrationBlock;

/**
 * NumPy k-space in this project's layout, as {@link NumPy} writes it: {@code kspace} complex, shape
 * [phase-encode, readout], [coils, phase-encode, readout] or [slices, coils, phase-encode, readout] (rows along
 * phase-encode, DC at the centre); an {@code .npz} may add {@code reference} ([rows, cols] or [slices, rows, cols])
 * and {@code mask} ([phase-encode], non-zero = acquired).
 */
public final class NumPyReader {

    private NumPyReader() {
    }

    public static Dataset read(Path file, boolean archive, long limit) throws DataFormatException {
        Map<String, NumPy.Array> arrays = archive ? NumPy.readNpz(file, limit)
                : Map.of("kspace", NumPy.readNpy(file, limit));
        NumPy.Array k = arrays.get("kspace");
        if (k == null) {
            throw new DataFormatException(file, "the archive holds " + arrays.keySet() + " but no kspace array",
                    "save the k-space as kspace (numpy.savez(f, kspace=k))");
        }
        int[] s = k.shape();
        if (!k.isComplex() || s.length < 2 || s.length > 4) {
            throw new DataFormatException(file, "kspace has " + (k.isComplex() ? "" : "real dtype and ") + "shape "
                    + Arrays.toString(s), "save complex k-space as [ky, kx], [coils, ky, kx] or [slices, coils, ky, "
                    + "kx] (a fastMRI array [slices, coils, H, W] needs numpy.swapaxes(k, -1, -2))");
        }
        int ny = s[s.length - 2];
        int nx = s[s.length - 1];
        int coils = s.length >= 3 ? s[s.length - 3] : 1;
        int slices = s.length == 4 ? s[0] : 1;
        if (ny == 0 || nx == 0 || coils == 0 || slices == 0) {
            throw new DataFormatException(file, "kspace has shape " + Arrays.toString(s) + ": "
                    + (coils == 0 ? "zero coils" : "no samples"), "the array is empty: save the k-space data");
        }
        if (s.length >= 3) {
            Consistency.coilAxisNotLast(file, "kspace", s, coils, nx, s.length == 3 ? "[coils, ky, kx]"
                    : "[slices, coils, ky, kx]", "save the coils before the image axes: numpy.moveaxis(k, -1, -3)");
        }
        boolean[] mask = mask(file, arrays.get("mask"), ny);
        float[] all = k.data();
        int plane = 2 * ny * nx;
        List<KSpace> kspace = new ArrayList<>();
        List<SamplingPattern> patterns = new ArrayList<>();
        List<float[][]> coilData = new ArrayList<>();
        boolean full = true;
        int zeroed = 0;
        for (int sl = 0; sl < slices; sl++) {
            float[][] data = new float[coils][];
            for (int c = 0; c < coils; c++) {
                int from = (sl * coils + c) * plane;
                data[c] = Arrays.copyOfRange(all, from, from + plane);
                for (int j = 0; j < plane; j++) {
                    if (!Float.isFinite(data[c][j])) {
                        throw Problems.nonFinite(file, data[c][j], "kspace slice " + sl + ", coil " + c + ", ky "
                                + (j / 2) / nx + ", kx " + (j / 2) % nx);
                    }
                }
            }
            boolean[] holding = Lines.nonZero(data, ny, nx);
            boolean[] acquired = mask != null ? mask : holding;
            if (mask != null) {
                Consistency.markedLinesHoldData(file, "mask", mask, holding, sl, "the mask does not belong to this "
                        + "k-space: save the mask the data was acquired with, or none to take the lines that hold data");
                zeroed += Consistency.zeroUnacquired(data, mask, holding, nx);
            }
            if (Lines.count(acquired) == 0) {
                throw new DataFormatException(file, "kspace slice " + sl + " holds no acquired line (all zero)",
                        "the k-space is empty: check that the right file was given");
            }
            full &= Lines.count(acquired) == ny;
            coilData.add(data);
            kspace.add(KSpace.ofCoils(ny, nx, data));
            patterns.add(CalibrationBlock.aroundCentre(acquired));
        }
        Dataset.Builder b = Dataset.builder(file.getFileName() + " (" + DataFormat.NUMPY.description() + ")",
                DataFormat.NUMPY.description(), ScanHeader.defaults()).fullySampled(full);
        for (int i = 0; i < slices; i++) {
            b.slice(kspace.get(i), patterns.get(i));
        }
        if (zeroed > 0) {
            b.note(zeroed + " line(s) hold data the mask does not mark: zeroed, so that no method sees lines outside "
                    + "the file's sampling");
        }
        List<float[]> references = new ArrayList<>();
        int[] size = images(file, "reference", arrays.get("reference"), slices, ny, nx, references::add, null);
        references.forEach(b::reference);
        if (size == null) {
            b.note("no reference array: no reference image");
        } else if (full) {
            int mid = slices / 2;
            Consistency.referenceMatchesKSpace(file, "reference", mid, coilData.get(mid), ny, nx, references.get(mid),
                    size[0], size[1], "save the reference that belongs to this k-space: its root-sum-of-squares "
                            + "image, centre-cropped if smaller (fastMRI's center_crop), in the k-space's orientation");
        }
        if (size != null && (size[0] < ny || size[1] < nx)) {
            b.note("reference " + size[0] + "x" + size[1] + " is smaller than the " + ny + "x" + nx + " k-space "
                    + "matrix: reconstructions are centre-cropped to it (fastMRI's center_crop)" + (full
                            ? "; it matches the centre of the k-space's image" : "; the k-space is undersampled, so "
                                    + "the crop cannot be checked against it"));
        }
        int[] truthSize = images(file, "truth", arrays.get("truth"), slices, ny, nx, b::truth, size);
        if (truthSize != null) {
            b.note("truth array: scored as the noise-free truth");
        }
        int[] imageSize = size != null ? size : truthSize;
        if (imageSize != null) {
            b.referenceSize(imageSize[0], imageSize[1]);
        }
        b.note("NumPy kspace " + Arrays.toString(s) + " read as [slices, coils, phase-encode, readout]");
        b.note("a NumPy array carries no acquisition parameters: FOV, TR, echo-train length are the defaults of a clinical knee TSE");
        return b.build();
    }

    private static boolean[] mask(Path file, NumPy.Array m, int ny) throws DataFormatException {
        if (m == null) {
            return null;
        }
        if (m.isComplex()) {
            throw new DataFormatException(file, "mask is complex", "save the mask as a 1-D real array of " + ny
                    + " entries, 1 for an acquired line and 0 for the others");
        }
        if (m.shape().length != 1 || m.shape()[0] != ny) {
            throw new DataFormatException(file, "mask has shape " + Arrays.toString(m.shape()) + ", kspace has " + ny
                    + " phase-encode lines", "save the mask as a 1-D real array of " + ny + " entries");
        }
        boolean[] mask = new boolean[ny];
        for (int i = 0; i < ny; i++) {
            mask[i] = m.data()[i] != 0f;
        }
        if (Lines.count(mask) == 0) {
            throw new DataFormatException(file, "mask marks no line as acquired", "the mask is empty: save the "
                    + "mask the data was acquired with");
        }
        return mask;
    }

    /**
     * Adds the slices of a real image array (reference or truth) and sets the reference size from it.
     *
     * @param sameAs the size another image array already set, which this one must match, or null
     * @return the image size {rows, cols}, or null when the array is absent
     */
    private static int[] images(Path file, String name, NumPy.Array r, int slices, int ny, int nx,
            java.util.function.Consumer<float[]> add, int[] sameAs) throws DataFormatException {
        if (r == null) {
            return null;
        }
        int[] s = r.shape();
        if (r.isComplex()) {
            throw new DataFormatException(file, name + " is complex", "save the " + name + " as a real magnitude "
                    + "image (numpy.abs), [rows, cols] or [slices, rows, cols]");
        }
        boolean ok = s.length == 2 && slices == 1 || s.length == 3 && s[0] == slices;
        int rows = ok ? s[s.length - 2] : 0;
        int cols = ok ? s[s.length - 1] : 0;
        if (!ok || rows < 1 || cols < 1 || rows > ny || cols > nx) {
            throw new DataFormatException(file, name + " has shape " + Arrays.toString(s) + " for " + slices
                    + " slice(s) of " + ny + "x" + nx, "save a real " + name + " of shape [rows, cols] or [slices, "
                    + "rows, cols] no larger than the k-space matrix");
        }
        if (sameAs != null && (sameAs[0] != rows || sameAs[1] != cols)) {
            throw new DataFormatException(file, name + " is " + rows + "x" + cols + " but the reference is "
                    + sameAs[0] + "x" + sameAs[1], "save the truth at the reference's size");
        }
        float[] all = r.data();
        for (int sl = 0; sl < slices; sl++) {
            float[] img = Arrays.copyOfRange(all, sl * rows * cols, (sl + 1) * rows * cols);
            for (int i = 0; i < img.length; i++) {
                if (!Float.isFinite(img[i])) {
                    throw Problems.nonFinite(file, img[i], name + " slice " + sl + ", pixel " + i);
                }
            }
            add.accept(img);
        }
        return new int[] {rows, cols};
    }
}
