package org.mrirecon.cli;

import java.util.List;

import org.mrirecon.api.AcquisitionHeader;
import org.mrirecon.api.KSpace;

/**
 * Fully sampled multi-coil data with its reference images: what a comparison undersamples and scores against.
 * The reference of each slice is the root-sum-of-squares of the fully sampled coil images, as fastMRI's
 * {@code reconstruction_rss}.
 */
public final class Dataset {

    private final String name;
    private final AcquisitionHeader header;
    private final List<KSpace> kspace;
    private final float[][] reference;

    public Dataset(String name, AcquisitionHeader header, List<KSpace> kspace, float[][] reference) {
        if (kspace.isEmpty() || kspace.size() != reference.length) {
            throw new IllegalArgumentException("dataset needs one reference image per k-space slice, got "
                    + kspace.size() + " slices and " + reference.length + " references");
        }
        this.name = name;
        this.header = header;
        this.kspace = List.copyOf(kspace);
        this.reference = reference;
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

    public int rows() {
        return header.phaseEncodes();
    }

    public int cols() {
        return header.readouts();
    }

    public KSpace kspace(int slice) {
        return kspace.get(slice);
    }

    /** Reference magnitude images, {@code [slice][y * cols + x]}; callers must not modify them. */
    public float[][] reference() {
        return reference;
    }
}
