package org.mrirecon.phantom;

import java.util.List;

import org.mrirecon.data.ScanHeader;

/** All slices of a phantom scan, in slice order (medial to lateral), with their shared header. Immutable. */
public final class PhantomVolume {

    private final ScanHeader header;
    private final List<PhantomSlice> slices;

    PhantomVolume(ScanHeader header, List<PhantomSlice> slices) {
        this.header = header;
        this.slices = List.copyOf(slices);
    }

    public ScanHeader header() {
        return header;
    }

    /** The slices, unmodifiable, index i holding slice i. */
    public List<PhantomSlice> slices() {
        return slices;
    }

    @Override
    public String toString() {
        return "PhantomVolume[" + slices.size() + " slices, " + header + "]";
    }
}
