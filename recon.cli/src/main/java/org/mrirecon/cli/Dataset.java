package org.mrirecon.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.mrirecon.api.AcquisitionHeader;
import org.mrirecon.api.KSpace;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.io.RawData;
import org.mrirecon.numerics.coil.CoilCombine;
import org.mrirecon.numerics.fft.Fft2c;

/**
 * The data a command runs on, with what it needs to score methods: the k-space of every slice with the lines it
 * actually holds, whether it is fully sampled (then each method's protocol undersamples it) or already
 * undersampled (then methods run on its own pattern), and the reference images to score against (fastMRI's
 * {@code reconstruction_rss} convention: the root-sum-of-squares of the fully sampled coil images), possibly smaller
 * than the k-space matrix, with the crop that maps a reconstruction onto them.
 */
public final class Dataset {

    private final String name;
    private final AcquisitionHeader header;
    private final List<KSpace> kspace;
    private final List<SamplingPattern> patterns;
    private final boolean fullySampled;
    private final float[][] reference;
    private final int referenceRows;
    private final int referenceCols;
    private final UnaryOperator<float[]> crop;

    private Dataset(String name, AcquisitionHeader header, List<KSpace> kspace, List<SamplingPattern> patterns,
            boolean fullySampled, float[][] reference, int referenceRows, int referenceCols,
            UnaryOperator<float[]> crop) {
        if (kspace.isEmpty() || kspace.size() != patterns.size()
                || (reference != null && reference.length != kspace.size())) {
            throw new IllegalArgumentException("dataset needs a pattern and a reference per k-space slice");
        }
        this.name = name;
        this.header = header;
        this.kspace = List.copyOf(kspace);
        this.patterns = List.copyOf(patterns);
        this.fullySampled = fullySampled;
        this.reference = reference;
        this.referenceRows = referenceRows;
        this.referenceCols = referenceCols;
        this.crop = crop;
    }

    /** Fully sampled slices whose references are full-size (the phantom). */
    public static Dataset fullySampled(String name, AcquisitionHeader header, List<KSpace> kspace,
            float[][] reference) {
        List<SamplingPattern> all = new ArrayList<>();
        kspace.forEach(k -> all.add(SamplingPattern.fullySampled(k.phaseEncodes())));
        return new Dataset(name, header, kspace, all, true, reference, header.phaseEncodes(), header.readouts(),
                UnaryOperator.identity());
    }

    /**
     * A file's data. A fully sampled file without its own reference is scored against the RSS of its coil images
     * (cropped like the file's reference would be); an undersampled file without a reference cannot be scored.
     */
    public static Dataset fromFile(RawData d) {
        float[][] reference = null;
        if (d.hasReference()) {
            reference = new float[d.sliceCount()][];
            for (int i = 0; i < reference.length; i++) {
                reference[i] = d.reference(i);
            }
        } else if (d.isFullySampled()) {
            reference = new float[d.sliceCount()][];
            for (int i = 0; i < reference.length; i++) {
                KSpace k = d.slice(i);
                float[][] coils = k.copyData();
                Fft2c.inverse(coils, k.phaseEncodes(), k.readouts());
                reference[i] = d.cropToReference(CoilCombine.rss(coils));
            }
        }
        return new Dataset(d.source(), d.header(), d.slices(), d.patterns(), d.isFullySampled(), reference,
                d.referenceRows(), d.referenceCols(), d::cropToReference);
    }

    public String name() {
        return name;
    }

    public AcquisitionHeader header() {
        return header;
    }

    public int slices() {
        return kspace.size();
    }

    /** Phase-encode lines of the k-space matrix. */
    public int rows() {
        return header.phaseEncodes();
    }

    /** Readout samples of the k-space matrix. */
    public int cols() {
        return header.readouts();
    }

    public KSpace kspace(int slice) {
        return kspace.get(slice);
    }

    /** The lines the data holds for that slice (all of them for fully sampled data). */
    public SamplingPattern pattern(int slice) {
        return patterns.get(slice);
    }

    /** Whether each method's protocol may undersample the data (else methods run on the data's own pattern). */
    public boolean isFullySampled() {
        return fullySampled;
    }

    public boolean hasReference() {
        return reference != null;
    }

    /** Reference magnitude images {@code [slice][y * referenceCols + x]}, or null; callers must not modify them. */
    public float[][] reference() {
        return reference;
    }

    public int referenceRows() {
        return referenceRows;
    }

    public int referenceCols() {
        return referenceCols;
    }

    /** A reconstruction of the k-space matrix size cropped to the reference size. */
    public float[] cropToReference(float[] image) {
        return crop.apply(image);
    }
}
