package org.mrirecon.io.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.mrirecon.api.KSpace;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.data.ScanHeader;
import org.mrirecon.io.DataFormat;
import org.mrirecon.io.DataFormatException;
import org.mrirecon.io.ismrmrd.CalibrationBlock;
import org.mrirecon.io.ismrmrd.IsmrmrdHeader;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;

/**
 * Reads fastMRI's HDF5 layout: {@code kspace} [slices, coils, H, W] (singlecoil: [slices, H, W]) complex64,
 * {@code ismrmrd_header}, optional {@code reconstruction_rss} / {@code reconstruction_esc} [slices, h, w], optional
 * {@code mask} [W] and root attributes. fastMRI undersamples along W, its last axis: W is our phase-encode (rows)
 * and H our readout, so every slice and reference is transposed.
 */
public final class FastMriReader {

    private FastMriReader() {
    }

    /** The dataset attribute that says the file's own image axes are the transpose of ours ("true"). */
    public static final String TRANSPOSED = "layout.transposed";

    public static org.mrirecon.data.Dataset read(Path file, HdfFile hdf, long limit, long fileSize)
            throws DataFormatException {
        Dataset k = Hdf5.dataset(file, hdf, "kspace");
        int[] dims = k.getDimensions();
        if (dims.length != 3 && dims.length != 4) {
            throw new DataFormatException(file, "fastMRI kspace has shape " + Arrays.toString(dims) + " (rank "
                    + dims.length + ")", "fastMRI stores multicoil kspace as [slices, coils, H, W] and singlecoil as "
                    + "[slices, H, W]");
        }
        if (!Hdf5.isComplex(k)) {
            throw new DataFormatException(file, "fastMRI kspace holds " + Hdf5.describe(k) + ", not complex numbers",
                    "store kspace as complex64 (h5py writes a compound of two float32)");
        }
        boolean single = dims.length == 3;
        int slices = dims[0];
        int coils = single ? 1 : dims[1];
        int h = dims[dims.length - 2];
        int w = dims[dims.length - 1];
        if (slices == 0 || coils == 0 || h == 0 || w == 0) {
            throw new DataFormatException(file, "fastMRI kspace has shape " + Arrays.toString(dims) + ": "
                    + (coils == 0 ? "zero coils" : slices == 0 ? "no slices" : "an empty matrix"),
                    "the file holds no k-space samples: re-export it");
        }
        Hdf5.checkSize(file, "kspace", k, 8, limit, fileSize);
        List<String> notes = new ArrayList<>();
        IsmrmrdHeader xml = header(file, hdf, notes);
        checkAxes(file, dims, xml, notes);
        if (xml != null && !single && xml.receiverChannels != null && xml.receiverChannels != coils) {
            throw new DataFormatException(file, "ismrmrd_header declares " + xml.receiverChannels
                    + " receiver channels but kspace holds " + coils + " coils",
                    "header and data come from different scans or a coil was dropped: re-export the file");
        }
        notes.add(0, "fastMRI kspace " + Arrays.toString(dims) + " is [slices, " + (single ? "" : "coils, ")
                + "H readout, W phase-encode]; read transposed (W, along which fastMRI masks, as our phase-encode "
                + "rows, H as our columns): images and arrays in our layout are the transpose of the file's "
                + "orientation (" + TRANSPOSED + " = true)");
        int[] padding = padding(xml, w, notes);
        Map<String, Attribute> attributes = hdf.getAttributes();
        Mask mask = mask(file, hdf, w, padding, limit, fileSize, notes);
        Integer lowFrequency = intAttribute(attributes, "num_low_frequency");
        Double acceleration = doubleAttribute(attributes, "acceleration");

        List<KSpace> kspace = new ArrayList<>();
        List<SamplingPattern> patterns = new ArrayList<>();
        boolean full = true;
        int droppedPaddingLines = 0;
        int maskedOutLines = 0;
        float[][] checkSlice = null;
        for (int s = 0; s < slices; s++) {
            long[] offset = single ? new long[] {s, 0, 0} : new long[] {s, 0, 0, 0};
            int[] block = single ? new int[] {1, h, w} : new int[] {1, coils, h, w};
            float[] raw = Hdf5.complexBlock(file, "kspace", k, offset, block);
            float[][] data = transpose(file, raw, s, coils, h, w);
            boolean[] holding = Lines.nonZero(data, w, h);
            boolean[] acquired = new boolean[w];
            for (int ky = 0; ky < w; ky++) {
                boolean padded = ky < padding[0] || ky >= padding[1];
                if (padded && holding[ky]) {
                    droppedPaddingLines++;
                }
                acquired[ky] = !padded && (mask != null ? mask.lines[ky] : holding[ky]);
            }
            if (mask != null) {
                Consistency.markedLinesHoldData(file, "the mask (" + mask.encoding + ")", acquired, holding, s,
                        "the mask does not belong to this k-space: use the file's own mask, or delete the mask "
                                + "dataset to take the lines that hold data");
            }
            maskedOutLines += Consistency.zeroUnacquired(data, acquired, holding, h);
            if (Lines.count(acquired) == 0) {
                throw new DataFormatException(file, "slice " + s + " holds no acquired phase-encode line"
                        + (mask != null ? " (mask and padding leave none)" : " (all samples are zero)"),
                        "the k-space is empty: check that the right file was given");
            }
            SamplingPattern pattern = CalibrationBlock.aroundCentre(acquired).withEncodedRange(padding[0], padding[1]);
            if (lowFrequency != null && pattern.calibrationLines() < lowFrequency) {
                throw new DataFormatException(file, "attribute num_low_frequency declares " + lowFrequency
                        + " fully sampled centre lines but the mask of slice " + s + " has "
                        + pattern.calibrationLines(), "the mask lacks its calibration lines: use the file's own mask");
            }
            if (s == 0 && acceleration != null && acceleration >= 1) {
                checkAcceleration(file, acceleration, pattern);
            }
            for (int ky = padding[0]; ky < padding[1]; ky++) {
                full &= acquired[ky];
            }
            if (s == slices / 2) {
                checkSlice = data;
            }
            kspace.add(KSpace.ofCoils(w, h, data));
            patterns.add(pattern);
        }

        if (droppedPaddingLines > 0) {
            notes.add(droppedPaddingLines + " line(s) outside the encoding limits [" + padding[0] + ", " + padding[1]
                    + ") hold non-zero samples: treated as zero padding (not acquired) and zeroed, as the header "
                    + "says");
        }
        int zeroedByMask = maskedOutLines - droppedPaddingLines;
        if (zeroedByMask > 0) {
            notes.add(zeroedByMask + " line(s) hold data the mask does not mark: zeroed, as fastMRI applies the "
                    + "mask, so that no method sees lines outside the file's sampling");
        }
        ScanHeader.Builder hb = ScanHeader.builder();
        if (xml != null) {
            if (xml.encodedFovX != null && xml.encodedFovY != null && xml.encodedFovX > 0 && xml.encodedFovY > 0) {
                hb.fieldOfViewMm(xml.encodedFovY, xml.encodedFovX);
            }
            IsmrmrdXml.applyTo(xml, hb, notes);
        }
        if (attributes.containsKey("acquisition")) {
            hb.protocolName(Hdf5.attributeText(attributes.get("acquisition")));
        }
        org.mrirecon.data.Dataset.Builder rb = org.mrirecon.data.Dataset.builder(file.getFileName() + " ("
                + DataFormat.FASTMRI.description() + ")", DataFormat.FASTMRI.description(), build(file, hb))
                .fullySampled(full);
        for (int s = 0; s < slices; s++) {
            rb.slice(kspace.get(s), patterns.get(s));
        }
        List<float[]> references = reference(file, hdf, single, slices, h, w, xml, rb, notes, limit, fileSize);
        if (references != null && full) {
            String name = single ? "reconstruction_esc" : "reconstruction_rss";
            int[] size = imageSize(hdf, file, name);
            Consistency.referenceMatchesKSpace(file, name, slices / 2, checkSlice, w, h, references.get(slices / 2),
                    size[1], size[0], "the " + name + " belongs to another file, or was cropped, flipped or "
                            + "transposed differently: use the file's own " + name);
        }
        truth(file, hdf, slices, h, w, rb, notes, limit, fileSize);
        attributes.forEach((name, a) -> rb.attribute(name, Hdf5.attributeText(a)));
        rb.attribute(TRANSPOSED, "true");
        notes.forEach(rb::note);
        return rb.build();
    }

    /**
     * Checks that the kspace's axes are fastMRI's: H and W as the header's encodedSpace x and y, and, multicoil,
     * the coils on axis 1. An array whose axes match the header only in another order is refused with the
     * transpose that repairs it; without a header, a last axis shorter than the coil axis and than any image is a
     * coil axis saved last.
     */
    private static void checkAxes(Path file, int[] dims, IsmrmrdHeader xml, List<String> notes)
            throws DataFormatException {
        boolean single = dims.length == 3;
        int h = dims[dims.length - 2];
        int w = dims[dims.length - 1];
        String shape = Arrays.toString(dims);
        Integer x = xml == null ? null : xml.encodedX;
        Integer y = xml == null ? null : xml.encodedY;
        if (x == null || y == null) {
            if (!single) {
                Consistency.coilAxisNotLast(file, "fastMRI kspace", dims, dims[1], w, "[slices, coils, H, W]",
                        "fastMRI stores multicoil kspace as [slices, coils, H, W]: if the coils are last, save "
                                + "numpy.transpose(k, (0, 3, 1, 2))");
            }
            return;
        }
        if (h == x && w == y) {
            return;
        }
        String enc = "the ismrmrd_header's encodedSpace is " + x + " x " + y + " (readout x phase-encode)";
        if (!single && dims[1] == x && dims[2] == y) {
            throw new DataFormatException(file, "fastMRI kspace " + shape + " has its coil axis last: " + enc
                    + ", which are its axes 1 and 2", "fastMRI stores [slices, coils, H, W]: save "
                            + "numpy.transpose(k, (0, 3, 1, 2))");
        }
        if (h == y && w == x) {
            throw new DataFormatException(file, "fastMRI kspace " + shape + " has H and W swapped: " + enc
                    + " but H = " + h + ", W = " + w, "fastMRI stores [.., H readout, W phase-encode]: save "
                            + "numpy.swapaxes(k, -1, -2)");
        }
        if (h != x && w != y) {
            throw new DataFormatException(file, "fastMRI kspace " + shape + " does not match the header: " + enc
                    + " but the kspace's H x W is " + h + " x " + w, "header and data come from different scans: "
                            + "re-export the file with the scan's own header");
        }
        notes.add("the ismrmrd_header's encodedSpace " + x + " x " + y + " differs from the kspace's H x W " + h
                + " x " + w + " in one axis: the k-space's own size is used");
    }

    /**
     * Fails when the file's nominal acceleration and its sampling disagree by more than a factor 2: the centre lines
     * make a real mask's acceleration somewhat lower than the nominal one, never half of it.
     */
    private static void checkAcceleration(Path file, double declared, SamplingPattern p) throws DataFormatException {
        double actual = p.effectiveAcceleration();
        if (declared > 2 * actual || actual > 2 * declared) {
            throw new DataFormatException(file, "attribute acceleration declares " + fmt(declared) + " but the "
                    + "sampling acquires " + p.acquiredLines() + " of the " + p.encodedLines() + " encoded lines (R "
                    + String.format(Locale.ROOT, "%.1f", actual) + ")", "the attribute and the k-space "
                            + "disagree: use the file's own mask and attributes");
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static IsmrmrdHeader header(Path file, HdfFile hdf, List<String> notes) throws DataFormatException {
        Dataset d = Hdf5.dataset(file, hdf, "ismrmrd_header");
        if (d == null) {
            notes.add("no ismrmrd_header: FOV, timing, padding and crop size take defaults");
            return null;
        }
        return IsmrmrdXml.parse(file, "dataset ismrmrd_header", Hdf5.text(file, "ismrmrd_header", d));
    }

    /** fastMRI's padding_left/right: the lines outside the encoding limits are zero padding, not data. */
    private static int[] padding(IsmrmrdHeader xml, int w, List<String> notes) {
        if (xml == null || xml.encodedY == null || xml.step1Center == null || xml.step1Maximum == null) {
            return new int[] {0, w};
        }
        int left = xml.encodedY / 2 - xml.step1Center;
        int right = left + xml.step1Maximum + 1;
        if (left < 0 || right > w || left >= right) {
            notes.add("encoding limits give padding [" + left + ", " + right + ") outside the " + w
                    + " lines: ignored");
            return new int[] {0, w};
        }
        if (left > 0 || right < w) {
            notes.add("lines outside fastMRI's padding [" + left + ", " + right + ") are zero padding: not acquired");
        }
        return new int[] {left, right};
    }

    /** A file's mask: the lines it marks and how it was stored, for messages. */
    private record Mask(boolean[] lines, String encoding) {
    }

    /**
     * The {@code mask} dataset in any of the encodings fastMRI's files and users write: bool (h5py: an HDF5 enum
     * FALSE/TRUE), integers or floats, of 0 and 1; shape [W] or W entries with every other axis 1 (as fastMRI's
     * mask functions return, [1, 1, W, 1]).
     */
    private static Mask mask(Path file, HdfFile hdf, int w, int[] padding, long limit, long fileSize,
            List<String> notes) throws DataFormatException {
        Dataset d = Hdf5.dataset(file, hdf, "mask");
        if (d == null) {
            return null;
        }
        int[] shape = d.getDimensions();
        String encoding = Hdf5.describe(d);
        if (!Hdf5.isNumeric(d)) {
            throw new DataFormatException(file, "mask holds " + encoding + ", not numbers", "store the mask "
                    + "as bool, integers or floats of 0 and 1, one per phase-encode line (W = " + w + ")");
        }
        long entries = Problems.product(Arrays.stream(shape).asLongStream().toArray());
        long longest = Arrays.stream(shape).max().orElse(0);
        if (entries != w || longest != w) {
            throw new DataFormatException(file, "mask has shape " + Arrays.toString(shape) + " but kspace has " + w
                    + " phase-encode lines (its last axis)", "store the file's own mask of " + w + " entries");
        }
        Hdf5.checkSize(file, "mask", d, 4, limit, fileSize);
        float[] m = Hdf5.realArray(file, "mask", d);
        boolean[] mask = new boolean[w];
        for (int i = 0; i < w; i++) {
            if (m[i] != 0f && m[i] != 1f) {
                throw new DataFormatException(file, "mask holds " + m[i] + " at line " + i + ", not 0 or 1",
                        "a fastMRI mask marks each line acquired (1) or not (0): store a binary mask");
            }
            mask[i] = m[i] != 0f;
        }
        if (Lines.count(mask) == 0) {
            throw new DataFormatException(file, "mask marks no line as acquired", "the mask is empty: use the file's "
                    + "own mask or drop the dataset");
        }
        int inPadding = 0;
        for (int i = 0; i < w; i++) {
            inPadding += mask[i] && (i < padding[0] || i >= padding[1]) ? 1 : 0;
        }
        notes.add("mask " + Arrays.toString(shape) + " (" + encoding + ") marks " + Lines.count(mask) + " of " + w
                + " lines: the file's own sampling" + (inPadding == 0 ? "" : "; " + inPadding + " of them lie in the "
                        + "zero padding, never acquired"));
        return new Mask(mask, encoding);
    }

    /** fastMRI [coil][H][W] interleaved to ours: per coil [W][H], checking every sample. */
    private static float[][] transpose(Path file, float[] raw, int slice, int coils, int h, int w)
            throws DataFormatException {
        float[][] out = new float[coils][2 * h * w];
        for (int c = 0; c < coils; c++) {
            float[] dst = out[c];
            for (int x = 0; x < h; x++) {
                int src = 2 * (c * h + x) * w;
                for (int y = 0; y < w; y++) {
                    float re = raw[src + 2 * y];
                    float im = raw[src + 2 * y + 1];
                    if (!Float.isFinite(re) || !Float.isFinite(im)) {
                        throw Problems.nonFinite(file, Float.isFinite(re) ? im : re, "kspace slice " + slice
                                + ", coil " + c + ", H " + x + ", W " + y);
                    }
                    dst[2 * (y * h + x)] = re;
                    dst[2 * (y * h + x) + 1] = im;
                }
            }
        }
        return out;
    }

    /**
     * The reference and the crop size, as fastMRI's loader takes them: the target's own shape where the file has
     * one, else the reconSpace matrix (x along H, y along W), squared to W when W is smaller than y.
     */
    private static List<float[]> reference(Path file, HdfFile hdf, boolean single, int slices, int h, int w,
            IsmrmrdHeader xml, org.mrirecon.data.Dataset.Builder rb, List<String> notes, long limit, long fileSize)
            throws DataFormatException {
        String name = single ? "reconstruction_esc" : "reconstruction_rss";
        Dataset d = Hdf5.dataset(file, hdf, name);
        if (d == null) {
            int cropH = xml != null && xml.reconX != null ? xml.reconX : h;
            int cropW = xml != null && xml.reconY != null ? xml.reconY : w;
            if (w < cropW) {
                cropH = w;
                cropW = w;
            }
            rb.referenceSize(Math.min(cropW, w), Math.min(cropH, h));
            notes.add("no " + name + ": no reference image");
            return null;
        }
        int[] rd = d.getDimensions();
        List<float[]> images = images(file, name, d, slices, h, w, limit, fileSize, rb);
        images.forEach(rb::reference);
        notes.add(name + " " + Arrays.toString(rd) + " transposed like kspace: reference " + rd[2] + "x" + rd[1]
                + " (phase-encode x readout); transposed back it is the file's " + name + " bit for bit");
        return images;
    }

    /** The [h, w] of a [slices, h, w] image dataset already checked by {@link #images}. */
    private static int[] imageSize(HdfFile hdf, Path file, String name) throws DataFormatException {
        int[] rd = Hdf5.dataset(file, hdf, name).getDimensions();
        return new int[] {rd[1], rd[2]};
    }

    /**
     * A {@code truth} dataset laid out as {@code reconstruction_rss} ([slices, h, w], transposed like the k-space):
     * the noise-free truth a simulation knows, scored like the reference.
     */
    private static void truth(Path file, HdfFile hdf, int slices, int h, int w,
            org.mrirecon.data.Dataset.Builder rb, List<String> notes, long limit, long fileSize)
            throws DataFormatException {
        Dataset d = Hdf5.dataset(file, hdf, "truth");
        if (d == null) {
            return;
        }
        int[] rd = d.getDimensions();
        images(file, "truth", d, slices, h, w, limit, fileSize, rb).forEach(rb::truth);
        notes.add("truth " + Arrays.toString(rd) + " transposed like kspace: scored as the noise-free truth");
    }

    /**
     * The slices of a real [slices, h, w] image dataset, transposed like the k-space (phase-encode rows), and the
     * reference size set from them.
     */
    private static List<float[]> images(Path file, String name, Dataset d, int slices, int h, int w, long limit,
            long fileSize, org.mrirecon.data.Dataset.Builder rb) throws DataFormatException {
        int[] rd = d.getDimensions();
        if (rd.length != 3 || rd[0] != slices || rd[1] > h || rd[2] > w || rd[1] == 0 || rd[2] == 0) {
            throw new DataFormatException(file, name + " has shape " + Arrays.toString(rd) + " but kspace has "
                    + slices + " slices of " + h + "x" + w, "the " + name + " must be [slices, h, w] with h <= " + h
                    + " and w <= " + w + ": use the file's own " + name);
        }
        Hdf5.checkSize(file, name, d, 4, limit, fileSize);
        float[] all = Hdf5.realArray(file, name, d);
        int rh = rd[1];
        int rw = rd[2];
        rb.referenceSize(rw, rh);
        List<float[]> out = new java.util.ArrayList<>();
        for (int s = 0; s < slices; s++) {
            float[] img = new float[rh * rw];
            for (int x = 0; x < rh; x++) {
                for (int y = 0; y < rw; y++) {
                    float v = all[(s * rh + x) * rw + y];
                    if (!Float.isFinite(v)) {
                        throw Problems.nonFinite(file, v, name + " slice " + s + ", " + x + ", " + y);
                    }
                    img[y * rh + x] = v;
                }
            }
            out.add(img);
        }
        return out;
    }

    private static ScanHeader build(Path file, ScanHeader.Builder b) throws DataFormatException {
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(file, e.getMessage(), "repair the ismrmrd_header", e);
        }
    }

    private static Integer intAttribute(Map<String, Attribute> attributes, String name) {
        Double v = doubleAttribute(attributes, name);
        return v == null ? null : (int) Math.round(v);
    }

    private static Double doubleAttribute(Map<String, Attribute> attributes, String name) {
        Attribute a = attributes.get(name);
        Object v = a == null ? null : a.getData();
        return v instanceof Number ? ((Number) v).doubleValue() : null;
    }
}
