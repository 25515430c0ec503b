package org.mrirecon.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The slices of one scan, in slice order, all of the same matrix and coil count. Immutable. */
@ProviderType
public final class AcquisitionVolume {

    private final List<Acquisition> slices;

    private AcquisitionVolume(List<Acquisition> slices) {
        this.slices = slices;
    }

    /**
     * @throws IllegalArgumentException if there are no slices or the slices' matrix or coil count differ
     */
    public static AcquisitionVolume of(List<Acquisition> slices) {
        if (slices == null || slices.isEmpty()) {
            throw new IllegalArgumentException("a volume needs at least one slice");
        }
        Acquisition first = slices.get(0);
        for (Acquisition s : slices) {
            KSpace k = s.kspace();
            if (k.coils() != first.kspace().coils() || k.phaseEncodes() != first.kspace().phaseEncodes()
                    || k.readouts() != first.kspace().readouts()) {
                throw new IllegalArgumentException("slice " + s.sliceIndex() + " has shape " + k
                        + " but slice " + first.sliceIndex() + " has " + first.kspace()
                        + ": all slices of a volume must share matrix and coil count");
            }
        }
        return new AcquisitionVolume(List.copyOf(slices));
    }

    public List<Acquisition> slices() {
        return slices;
    }

    public int size() {
        return slices.size();
    }

    public Acquisition slice(int i) {
        return slices.get(i);
    }

    /** True when every slice was acquired with the same sampling pattern (a method may then calibrate once). */
    public boolean sharesPattern() {
        SamplingPattern p = slices.get(0).pattern();
        for (Acquisition s : slices) {
            if (!s.pattern().equals(p)) {
                return false;
            }
        }
        return true;
    }
}
