package org.mrirecon.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One undersampled slice as a method receives it: k-space and the sampling pattern. Samples on lines the pattern
 * marks as not acquired are zero (the constructor enforces it, so a method may rely on it). What the scan was
 * (timing, field of view, protocol name) is the evaluation's business, not the method's, and is not here.
 */
@ProviderType
public final class Acquisition {

    private final KSpace kspace;
    private final SamplingPattern pattern;
    private final int sliceIndex;

    private Acquisition(KSpace kspace, SamplingPattern pattern, int sliceIndex) {
        this.kspace = kspace;
        this.pattern = pattern;
        this.sliceIndex = sliceIndex;
    }

    /**
     * Combines k-space and pattern after checking that their shapes agree. Lines not acquired according to the
     * pattern are zeroed in a copy; the given k-space is not modified.
     *
     * @param sliceIndex the slice's index within its volume (0 for a single slice)
     * @throws IllegalArgumentException naming the disagreement (pattern length, slice index)
     */
    public static Acquisition of(KSpace kspace, SamplingPattern pattern, int sliceIndex) {
        if (kspace == null || pattern == null) {
            throw new IllegalArgumentException("k-space and sampling pattern are both required");
        }
        if (pattern.phaseEncodes() != kspace.phaseEncodes()) {
            throw new IllegalArgumentException("sampling pattern covers " + pattern.phaseEncodes()
                    + " phase-encode lines but k-space has " + kspace.phaseEncodes());
        }
        if (sliceIndex < 0) {
            throw new IllegalArgumentException("slice index must be >= 0, got " + sliceIndex);
        }
        return new Acquisition(masked(kspace, pattern), pattern, sliceIndex);
    }

    private static KSpace masked(KSpace kspace, SamplingPattern pattern) {
        boolean clean = true;
        int nx = kspace.readouts();
        for (int ky = 0; ky < kspace.phaseEncodes() && clean; ky++) {
            if (pattern.isAcquired(ky)) {
                continue;
            }
            for (int c = 0; c < kspace.coils() && clean; c++) {
                for (int kx = 0; kx < nx; kx++) {
                    if (kspace.re(c, ky, kx) != 0f || kspace.im(c, ky, kx) != 0f) {
                        clean = false;
                        break;
                    }
                }
            }
        }
        if (clean) {
            return kspace;
        }
        float[] data = kspace.copyData();
        int ny = kspace.phaseEncodes();
        for (int c = 0; c < kspace.coils(); c++) {
            for (int ky = 0; ky < ny; ky++) {
                if (!pattern.isAcquired(ky)) {
                    int from = 2 * (c * ny + ky) * nx;
                    java.util.Arrays.fill(data, from, from + 2 * nx, 0f);
                }
            }
        }
        return KSpace.wrap(kspace.coils(), ny, nx, data);
    }

    public KSpace kspace() {
        return kspace;
    }

    public SamplingPattern pattern() {
        return pattern;
    }

    /** Index of this slice within its volume (0 for a single slice). */
    public int sliceIndex() {
        return sliceIndex;
    }

    @Override
    public String toString() {
        return "Acquisition[slice " + sliceIndex + ", " + kspace + ", " + pattern + "]";
    }
}
