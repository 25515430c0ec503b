package org.mrirecon.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mrirecon.api.Acquisition;
import org.mrirecon.api.AcquisitionHeader;
import org.mrirecon.api.AcquisitionVolume;
import org.mrirecon.api.KSpace;
import org.mrirecon.api.SamplingPattern;

/**
 * What a raw-data file holds, in the API's data model and independent of the format it came from. Immutable.
 *
 * <ul>
 * <li>{@link #slices()}: one {@link KSpace} per 2-D image (slice, or slice x repetition and so on for ISMRMRD; the
 * notes say which), as stored: phase-encode lines are rows, DC at {@code (ny/2, nx/2)}, zero where the file holds no
 * data.</li>
 * <li>{@link #pattern(int)}: the lines the file actually holds for that slice, with the calibration (ACS) block.
 * Zero-padding lines outside the encoded k-space (fastMRI's {@code padding_left/right}) count as not acquired.</li>
 * <li>{@link #reference(int)}: the file's own reference image (fastMRI {@code reconstruction_rss}), or none.
 * References may be smaller than the k-space matrix: crop a reconstruction with {@link #cropToReference(float[])}
 * before comparing, as fastMRI's loader does.</li>
 * </ul>
 *
 * <h2>How a comparison uses it</h2>
 * <ul>
 * <li><b>Fully sampled file</b> ({@link #isFullySampled()}): the ground truth. A comparison undersamples it per the
 * method protocol (intersect the protocol's mask with {@link #pattern(int)}, so padding lines stay unacquired) and
 * scores every method against the reference, or, where the file has none, against the root-sum-of-squares of the
 * fully sampled coil images cropped with {@link #cropToReference(float[])}.</li>
 * <li><b>Undersampled file</b>: methods run on the file's own pattern ({@link #toVolume()}); no protocol mask is
 * applied. Image metrics need a reference; without one only the images (and timings) can be compared.</li>
 * </ul>
 */
public final class RawData {

    private final String source;
    private final DataFormat format;
    private final AcquisitionHeader header;
    private final List<KSpace> slices;
    private final List<SamplingPattern> patterns;
    private final List<float[]> references;
    private final int referenceRows;
    private final int referenceCols;
    private final boolean fullySampled;
    private final List<String> notes;
    private final Map<String, String> attributes;

    private RawData(Builder b) {
        this.source = b.source;
        this.format = b.format;
        this.header = b.header;
        this.slices = List.copyOf(b.slices);
        this.patterns = List.copyOf(b.patterns);
        this.references = Collections.unmodifiableList(new ArrayList<>(b.references));
        this.referenceRows = b.referenceRows;
        this.referenceCols = b.referenceCols;
        this.fullySampled = b.fullySampled;
        this.notes = List.copyOf(b.notes);
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
    }

    /**
     * Starts raw data for the given header; every slice added must match its matrix and coil count, and the number
     * of slices must equal {@code header.slices()}.
     */
    public static Builder builder(String source, DataFormat format, AcquisitionHeader header) {
        return new Builder(source, format, header);
    }

    /** Where the data came from (file name and format), for reports. */
    public String source() {
        return source;
    }

    public DataFormat format() {
        return format;
    }

    /** Matrix, coils, slices, FOV and timing as the file states them (defaults where it does not; see notes). */
    public AcquisitionHeader header() {
        return header;
    }

    public int sliceCount() {
        return slices.size();
    }

    /** The k-space of every slice as stored. */
    public List<KSpace> slices() {
        return slices;
    }

    public KSpace slice(int i) {
        return slices.get(i);
    }

    /** The lines the file holds for slice {@code i}, with the calibration block found in them. */
    public SamplingPattern pattern(int i) {
        return patterns.get(i);
    }

    public List<SamplingPattern> patterns() {
        return patterns;
    }

    /**
     * True when every line the scan encodes is present in every slice: the file is a ground truth that a
     * comparison may undersample. Lines outside the encoded k-space (zero padding) do not count.
     */
    public boolean isFullySampled() {
        return fullySampled;
    }

    public boolean hasReference() {
        return !references.isEmpty();
    }

    /**
     * A copy of the file's reference magnitude image of slice {@code i}, row-major
     * {@code [referenceRows()][referenceCols()]} with rows along phase-encode; null when the file has none.
     */
    public float[] reference(int i) {
        return references.isEmpty() ? null : references.get(i).clone();
    }

    /** Rows (phase-encode) of the reference, and of the centre crop {@link #cropToReference(float[])} takes. */
    public int referenceRows() {
        return referenceRows;
    }

    /** Columns (readout) of the reference, and of the centre crop {@link #cropToReference(float[])} takes. */
    public int referenceCols() {
        return referenceCols;
    }

    /**
     * Crops a real image of the k-space matrix size ({@code phaseEncodes x readouts}, row-major) to the reference
     * size around its centre, starting at {@code (n - m) / 2} along each axis as fastMRI's {@code center_crop}.
     */
    public float[] cropToReference(float[] image) {
        int rows = header.phaseEncodes();
        int cols = header.readouts();
        if (image == null || image.length != rows * cols) {
            throw new IllegalArgumentException("image holds " + (image == null ? 0 : image.length)
                    + " pixels, the k-space matrix is " + rows + "x" + cols);
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

    /** File-level metadata as text (fastMRI attributes such as {@code max}, {@code norm}, {@code acquisition}). */
    public Map<String, String> attributes() {
        return attributes;
    }

    /**
     * The slices as the API's acquisitions on the file's own patterns, for running methods on an undersampled
     * file. Each slice's header carries that slice's effective acceleration and calibration count.
     */
    public AcquisitionVolume toVolume() {
        List<Acquisition> list = new ArrayList<>();
        for (int i = 0; i < slices.size(); i++) {
            AcquisitionHeader h = header.toBuilder().sampling(patterns.get(i)).build();
            list.add(Acquisition.of(slices.get(i), patterns.get(i), h, i));
        }
        return AcquisitionVolume.of(list);
    }

    @Override
    public String toString() {
        return "RawData[" + source + ", " + header + (fullySampled ? ", fully sampled" : ", undersampled")
                + (hasReference() ? ", reference " + referenceRows + "x" + referenceCols : "") + "]";
    }

    /** Builder for {@link RawData}; {@link #build()} checks that all parts agree. */
    public static final class Builder {
        private final String source;
        private final DataFormat format;
        private final AcquisitionHeader header;
        private final List<KSpace> slices = new ArrayList<>();
        private final List<SamplingPattern> patterns = new ArrayList<>();
        private final List<float[]> references = new ArrayList<>();
        private int referenceRows;
        private int referenceCols;
        private boolean fullySampled;
        private final List<String> notes = new ArrayList<>();
        private final Map<String, String> attributes = new LinkedHashMap<>();

        private Builder(String source, DataFormat format, AcquisitionHeader header) {
            if (source == null || format == null || header == null) {
                throw new IllegalArgumentException("raw data needs a source, a format and a header");
            }
            this.source = source;
            this.format = format;
            this.header = header;
            this.referenceRows = header.phaseEncodes();
            this.referenceCols = header.readouts();
        }

        /** Adds a slice with the lines it holds. */
        public Builder slice(KSpace kspace, SamplingPattern pattern) {
            slices.add(kspace);
            patterns.add(pattern);
            return this;
        }

        /** Sets the reference size (default: the k-space matrix). */
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

        /** @throws IllegalArgumentException naming the first part that disagrees with the header */
        public RawData build() {
            require(!slices.isEmpty(), "raw data holds no slice");
            require(slices.size() == header.slices(),
                    "header declares " + header.slices() + " slices, " + slices.size() + " were given");
            for (int i = 0; i < slices.size(); i++) {
                KSpace k = slices.get(i);
                require(k.coils() == header.coils(), "slice " + i + " holds " + k.coils() + " coils, the header "
                        + header.coils());
                require(k.phaseEncodes() == header.phaseEncodes() && k.readouts() == header.readouts(), "slice " + i
                        + " is " + k.phaseEncodes() + "x" + k.readouts() + ", the header matrix "
                        + header.phaseEncodes() + "x" + header.readouts());
                require(patterns.get(i).phaseEncodes() == k.phaseEncodes(), "the pattern of slice " + i + " covers "
                        + patterns.get(i).phaseEncodes() + " lines, the k-space " + k.phaseEncodes());
            }
            require(referenceRows >= 1 && referenceRows <= header.phaseEncodes() && referenceCols >= 1
                    && referenceCols <= header.readouts(), "reference size " + referenceRows + "x" + referenceCols
                    + " does not fit in the " + header.phaseEncodes() + "x" + header.readouts() + " matrix");
            require(references.isEmpty() || references.size() == slices.size(),
                    references.size() + " reference images for " + slices.size() + " slices");
            for (float[] r : references) {
                require(r.length == referenceRows * referenceCols, "a reference image holds " + r.length
                        + " pixels, not " + referenceRows + "x" + referenceCols);
            }
            return new RawData(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
