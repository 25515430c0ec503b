package org.mrirecon.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One undersampled slice as a method receives it: k-space, the sampling pattern and the header. Samples on lines
 * the pattern marks as not acquired are zero (the constructor enforces it, so a method may rely on it).
 */
@ProviderType
public final class Acquisition {

    private final KSpace kspace;
    private final SamplingPattern pattern;
    private final AcquisitionHeader header;
    private final int sliceIndex;

    private Acquisition(KSpace kspace, SamplingPattern pattern, AcquisitionHeader header, int sliceIndex) {
        this.kspace = kspace;
        this.pattern = pattern;
        this.header = header;
        this.sliceIndex = sliceIndex;
    }

    /**
     * Combines k-space, pattern and header after checking that their shapes agree. Lines not acquired according to
     * the pattern are zeroed in a copy; the given k-space is not modified.
     *
     * @throws IllegalArgumentException naming the disagreement (coil count, matrix, pattern length)
     */
    public static Acquisition of(KSpace kspace, SamplingPattern pattern, AcquisitionHeader header, int sliceIndex) {
        if (kspace == null || pattern == null || header == null) {
            throw new IllegalArgumentException("k-space, sampling pattern and header are all required");
        }
        if (pattern.phaseEncodes() != kspace.phaseEncodes()) {
            throw new IllegalArgumentException("sampling pattern covers " + pattern.phaseEncodes()
                    + " phase-encode lines but k-space has " + kspace.phaseEncodes());
        }
        if (header.coils() != kspace.coils()) {
            throw new IllegalArgumentException(
                    "header declares " + header.coils() + " coils but k-space holds " + kspace.coils());
        }
        if (header.phaseEncodes() != kspace.phaseEncodes() || header.readouts() != kspace.readouts()) {
            throw new IllegalArgumentException("header matrix " + header.phaseEncodes() + "x" + header.readouts()
                    + " does not match k-space " + kspace.phaseEncodes() + "x" + kspace.readouts());
        }
        if (sliceIndex < 0) {
            throw new IllegalArgumentException("slice index must be >= 0, got " + sliceIndex);
        }
        return new Acquisition(masked(kspace, pattern), pattern, header, sliceIndex);
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
        float[][] data = kspace.copyData();
        for (float[] coil : data) {
            for (int ky = 0; ky < kspace.phaseEncodes(); ky++) {
                if (!pattern.isAcquired(ky)) {
                    java.util.Arrays.fill(coil, 2 * ky * nx, 2 * (ky + 1) * nx, 0f);
                }
            }
        }
        return KSpace.wrap(kspace.phaseEncodes(), nx, data);
    }

    public KSpace kspace() {
        return kspace;
    }

    public SamplingPattern pattern() {
        return pattern;
    }

    public AcquisitionHeader header() {
        return header;
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
