package org.mrirecon.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mrirecon.api.Acquisition;
import org.mrirecon.api.AcquisitionVolume;
import org.mrirecon.api.KSpace;
import org.mrirecon.api.SamplingPattern;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The data a reader or the phantom delivers, independent of where it came from. Immutable.
 *
 * <ul>
 * <li>{@link #kspace(int)}: one {@link KSpace} per 2-D image (slice, or slice x repetition and so on for ISMRMRD; the
 * notes say which), as stored: phase-encode lines are rows, DC at {@code (ny/2, nx/2)}, zero where the data holds
 * nothing.</li>
 * <li>{@link #pattern(int)}: the lines the data actually holds for that slice, with the calibration (ACS) block and
 * the encoded range (lines outside it are zero padding).</li>
 * <li>{@link #reference(int)}: the source's own reference image (fastMRI {@code reconstruction_rss}, the phantom's
 * fully sampled RSS), or none; {@link #truth(int)}: the noise-free, motion-free object magnitude where it is known
 * (the phantom; a file with a {@code truth} array), or none. Both are {@code referenceRows x referenceCols}, possibly
 * smaller than the k-space matrix: {@link #cropToReference(float[])} maps a reconstruction onto them, as fastMRI's
 * loader does.</li>
 * <li>{@link #sliceNumber(int)}: the slice's number in its source (the phantom volume, the file), so that a subset
 * keeps its real slice numbers.</li>
 * <li>{@link #notes()}: what the reader decided on the way (transposes, defaults used), for the console and the
 * report.</li>
 * </ul>
 *
 * <p>A <b>fully sampled</b> dataset ({@link #isFullySampled()}) is a ground truth that a comparison undersamples per
 * protocol (intersecting the protocol's mask with {@link #pattern(int)}, so padding stays unacquired); an
 * undersampled one is reconstructed on its own sampling ({@link #toVolume()}).
 */
@ProviderType
public final class Dataset {

    private final String source;
    private final String format;
    private final ScanHeader header;
    private final List<KSpace> slices;
    private final List<SamplingPattern> patterns;
    private final int[] sliceNumbers;
    private final List<float[]> references;
    private final List<float[]> truths;
    private final int referenceRows;
    private final int referenceCols;
    private final boolean fullySampled;
    private final List<String> notes;
    private final Map<String, String> attributes;

    private Dataset(Builder b) {
        this.source = b.source;
        this.format = b.format;
        this.header = b.header;
        this.slices = List.copyOf(b.slices);
        this.patterns = List.copyOf(b.patterns);
        this.sliceNumbers = new int[slices.size()];
        for (int i = 0; i < sliceNumbers.length; i++) {
            sliceNumbers[i] = b.sliceNumbers.get(i);
        }
        this.references = Collections.unmodifiableList(new ArrayList<>(b.references));
        this.truths = Collections.unmodifiableList(new ArrayList<>(b.truths));
        this.referenceRows = b.referenceRows;
        this.referenceCols = b.referenceCols;
        this.fullySampled = b.fullySampled;
        this.notes = List.copyOf(b.notes);
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
    }

    /**
     * Starts a dataset.
     *
     * @param source where the data came from (file name, phantom settings), for reports
     * @param format the kind of source in words ("fastMRI HDF5", "knee phantom")
     */
    public static Builder builder(String source, String format, ScanHeader header) {
        return new Builder(source, format, header);
    }

    public String source() {
        return source;
    }

    public String format() {
        return format;
    }

    public ScanHeader header() {
        return header;
    }

    public int sliceCount() {
        return slices.size();
    }

    /** The k-space of every slice as stored. */
    public List<KSpace> slices() {
        return slices;
    }

    public KSpace kspace(int i) {
        return slices.get(i);
    }

    /** The lines the data holds for slice {@code i}, with its calibration block and encoded range. */
    public SamplingPattern pattern(int i) {
        return patterns.get(i);
    }

    public List<SamplingPattern> patterns() {
        return patterns;
    }

    /** The slice's number in its source (phantom volume, file). */
    public int sliceNumber(int i) {
        return sliceNumbers[i];
    }

    /** Phase-encode lines of the k-space matrix. */
    public int rows() {
        return slices.get(0).phaseEncodes();
    }

    /** Readout samples of the k-space matrix. */
    public int cols() {
        return slices.get(0).readouts();
    }

    public int coils() {
        return slices.get(0).coils();
    }

    /**
     * True when every line the scan encodes is present in every slice: the data is a ground truth that a
     * comparison may undersample. Lines outside the encoded range (zero padding) do not count.
     */
    public boolean isFullySampled() {
        return fullySampled;
    }

    public boolean hasReference() {
        return !references.isEmpty();
    }

    /**
     * A copy of the source's reference magnitude image of slice {@code i}, row-major
     * {@code [referenceRows()][referenceCols()]} with rows along phase-encode; null when there is none.
     */
    public float[] reference(int i) {
        return references.isEmpty() ? null : references.get(i).clone();
    }

    public boolean hasTruth() {
        return !truths.isEmpty();
    }

    /**
     * A copy of the noise-free object magnitude of slice {@code i}, laid out as {@link #reference(int)}; null when
     * the truth is not known.
     */
    public float[] truth(int i) {
        return truths.isEmpty() ? null : truths.get(i).clone();
    }

    /** Rows (phase-encode) of the reference and truth, and of the centre crop {@link #cropToReference} takes. */
    public int referenceRows() {
        return referenceRows;
    }

    /** Columns (readout) of the reference and truth, and of the centre crop {@link #cropToReference} takes. */
    public int referenceCols() {
        return referenceCols;
    }

    /**
     * Crops a real image of the k-space matrix size ({@code rows x cols}, row-major) to the reference size around
     * its centre, starting at {@code (n - m) / 2} along each axis as fastMRI's {@code center_crop}.
     */
    public float[] cropToReference(float[] image) {
        int rows = rows();
        int cols = cols();
        if (image == null || image.length != rows * cols) {
            throw new IllegalArgumentException("image holds " + (image == null ? 0 : image.length)
                    + " pixels, the k-space matrix is " + rows + "x" + cols);
        }
        if (rows == referenceRows && cols == referenceCols) {
            return image.clone();
        }
        int r0 = (rows - referenceRows) / 2;
        int c0 = (cols - referenceCols) / 2;
        float[] out = new float[referenceRows * referenceCols];
        for (int r = 0; r < referenceRows; r++) {
            System.arraycopy(image, (r0 + r) * cols + c0, out, r * referenceCols, referenceCols);
        }
        return out;
    }

    /** What the reader decided on the way (transposes, skipped scans, oversampling removed, defaults used). */
    public List<String> notes() {
        return notes;
    }

    /** Source-level metadata as text (fastMRI attributes such as {@code max}, {@code norm}, {@code acquisition}). */
    public Map<String, String> attributes() {
        return attributes;
    }

    /** The slices as the API's acquisitions on the data's own patterns, for running methods on undersampled data. */
    public AcquisitionVolume toVolume() {
        List<Acquisition> list = new ArrayList<>();
        for (int i = 0; i < slices.size(); i++) {
            list.add(Acquisition.of(slices.get(i), patterns.get(i), i));
        }
        return AcquisitionVolume.of(list);
    }

    /**
     * The dataset restricted to the slices at the given positions (indices into this dataset, in the order given),
     * keeping their slice numbers, references, truth, notes and attributes.
     *
     * @throws IllegalArgumentException for an empty selection or a position out of range
     */
    public Dataset select(int... positions) {
        if (positions.length == 0) {
            throw new IllegalArgumentException("select at least one slice");
        }
        Builder b = new Builder(source, format, header).referenceSize(referenceRows, referenceCols)
                .fullySampled(fullySampled);
        for (int p : positions) {
            if (p < 0 || p >= slices.size()) {
                throw new IllegalArgumentException("slice position " + p + " is outside the " + slices.size()
                        + " slices of " + source);
            }
            b.slice(slices.get(p), patterns.get(p), sliceNumbers[p]);
            if (!references.isEmpty()) {
                b.reference(references.get(p));
            }
            if (!truths.isEmpty()) {
                b.truth(truths.get(p));
            }
        }
        notes.forEach(b::note);
        attributes.forEach(b::attribute);
        return b.build();
    }

    /** This dataset without its truth: scored the fastMRI way, against its reference alone. */
    public Dataset withoutTruth() {
        if (truths.isEmpty()) {
            return this;
        }
        Builder b = new Builder(source, format, header).referenceSize(referenceRows, referenceCols)
                .fullySampled(fullySampled);
        for (int i = 0; i < slices.size(); i++) {
            b.slice(slices.get(i), patterns.get(i), sliceNumbers[i]);
            if (!references.isEmpty()) {
                b.reference(references.get(i));
            }
        }
        notes.forEach(b::note);
        attributes.forEach(b::attribute);
        return b.build();
    }

    @Override
    public String toString() {
        return "Dataset[" + source + ", " + slices.size() + " x " + slices.get(0) + (fullySampled ? ", fully sampled"
                : ", undersampled") + (hasReference() ? ", reference " + referenceRows + "x" + referenceCols : "")
                + (hasTruth() ? ", truth" : "") + "]";
    }

    /** Builder for {@link Dataset}; {@link #build()} checks that all parts agree. */
    public static final class Builder {
        private final String source;
        private final String format;
        private final ScanHeader header;
        private final List<KSpace> slices = new ArrayList<>();
        private final List<SamplingPattern> patterns = new ArrayList<>();
        private final List<Integer> sliceNumbers = new ArrayList<>();
        private final List<float[]> references = new ArrayList<>();
        private final List<float[]> truths = new ArrayList<>();
        private int referenceRows = -1;
        private int referenceCols = -1;
        private boolean fullySampled;
        private final List<String> notes = new ArrayList<>();
        private final Map<String, String> attributes = new LinkedHashMap<>();

        private Builder(String source, String format, ScanHeader header) {
            if (source == null || format == null || header == null) {
                throw new IllegalArgumentException("a dataset needs a source, a format and a scan header");
            }
            this.source = source;
            this.format = format;
            this.header = header;
        }

        /** Adds a slice with the lines it holds; its slice number is its position. */
        public Builder slice(KSpace kspace, SamplingPattern pattern) {
            return slice(kspace, pattern, slices.size());
        }

        /** Adds a slice with the lines it holds and its number in the source. */
        public Builder slice(KSpace kspace, SamplingPattern pattern, int sliceNumber) {
            slices.add(kspace);
            patterns.add(pattern);
            sliceNumbers.add(sliceNumber);
            return this;
        }

        /** Sets the reference (and truth) size (default: the k-space matrix). */
        public Builder referenceSize(int rows, int cols) {
            this.referenceRows = rows;
            this.referenceCols = cols;
            return this;
        }

        /** Adds the reference image of the next slice ({@code referenceRows x referenceCols}, copied). */
        public Builder reference(float[] image) {
            references.add(image.clone());
            return this;
        }

        /** Adds the noise-free truth of the next slice ({@code referenceRows x referenceCols}, copied). */
        public Builder truth(float[] image) {
            truths.add(image.clone());
            return this;
        }

        public Builder fullySampled(boolean value) {
            this.fullySampled = value;
            return this;
        }

        public Builder note(String note) {
            notes.add(note);
            return this;
        }

        public Builder attribute(String key, String value) {
            attributes.put(key, value);
            return this;
        }

        /** @throws IllegalArgumentException naming the first part that disagrees */
        public Dataset build() {
            require(!slices.isEmpty(), "the dataset holds no slice");
            KSpace first = slices.get(0);
            for (int i = 0; i < slices.size(); i++) {
                KSpace k = slices.get(i);
                require(k.coils() == first.coils(), "slice " + i + " holds " + k.coils() + " coils, slice 0 "
                        + first.coils() + ": all slices of a dataset must share coils and matrix");
                require(k.phaseEncodes() == first.phaseEncodes() && k.readouts() == first.readouts(), "slice " + i
                        + " is " + k.phaseEncodes() + "x" + k.readouts() + ", slice 0 " + first.phaseEncodes() + "x"
                        + first.readouts() + ": all slices of a dataset must share coils and matrix");
                require(patterns.get(i).phaseEncodes() == k.phaseEncodes(), "the pattern of slice " + i + " covers "
                        + patterns.get(i).phaseEncodes() + " lines, the k-space " + k.phaseEncodes());
            }
            if (referenceRows < 0) {
                referenceRows = first.phaseEncodes();
                referenceCols = first.readouts();
            }
            require(referenceRows >= 1 && referenceRows <= first.phaseEncodes() && referenceCols >= 1
                    && referenceCols <= first.readouts(), "reference size " + referenceRows + "x" + referenceCols
                    + " does not fit in the " + first.phaseEncodes() + "x" + first.readouts() + " matrix");
            checkImages(references, "reference");
            checkImages(truths, "truth");
            return new Dataset(this);
        }

        private void checkImages(List<float[]> images, String what) {
            require(images.isEmpty() || images.size() == slices.size(),
                    images.size() + " " + what + " images for " + slices.size() + " slices");
            for (float[] r : images) {
                require(r.length == referenceRows * referenceCols, "a " + what + " image holds " + r.length
                        + " pixels, not " + referenceRows + "x" + referenceCols);
            }
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
