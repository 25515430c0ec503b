package org.mrirecon.numerics.sens;

/**
 * Settings of an ESPIRiT calibration, with BART {@code ecalib}'s meaning and defaults.
 *
 * @param kernelSize      side of the k-space kernel ({@code ecalib -k}, default 6)
 * @param calibrationSize largest side of the calibration region, ACS lines by readout samples ({@code -r}, default 24)
 * @param threshold       keep singular vectors of the calibration matrix with {@code sigma^2 / sigma_max^2} above this
 *                        ({@code -t}, default 0.001, i.e. {@code sigma / sigma_max > 0.032})
 * @param crop            zero a map where its eigenvalue is at or below this ({@code -c}, default 0.8)
 * @param sets            sets of maps, one per leading eigenvector ({@code -m}, default 2): a second set captures
 *                        the signal that folds in where the object is larger than the field of view
 */
public record EspiritParameters(int kernelSize, int calibrationSize, double threshold, double crop, int sets) {

    /** Validates the values. */
    public EspiritParameters {
        if (kernelSize < 1) {
            throw new IllegalArgumentException("ESPIRiT kernel size must be >= 1, got " + kernelSize);
        }
        if (calibrationSize < kernelSize) {
            throw new IllegalArgumentException("ESPIRiT calibration size (" + calibrationSize
                    + ") must be at least the kernel size (" + kernelSize + ")");
        }
        if (!(threshold >= 0 && threshold < 1)) {
            throw new IllegalArgumentException("ESPIRiT threshold must lie in [0, 1), got " + threshold);
        }
        if (!(crop >= 0 && crop <= 1)) {
            throw new IllegalArgumentException("ESPIRiT crop must lie in [0, 1], got " + crop);
        }
        if (sets < 1) {
            throw new IllegalArgumentException("ESPIRiT needs at least one set of maps, got " + sets);
        }
    }

    /** BART's defaults: kernel 6, calibration 24, threshold 0.001, crop 0.8, two sets of maps. */
    public static EspiritParameters defaults() {
        return new EspiritParameters(6, 24, 0.001, 0.8, 2);
    }

    public EspiritParameters withThreshold(double t) {
        return new EspiritParameters(kernelSize, calibrationSize, t, crop, sets);
    }

    public EspiritParameters withCrop(double c) {
        return new EspiritParameters(kernelSize, calibrationSize, threshold, c, sets);
    }

    public EspiritParameters withSets(int m) {
        return new EspiritParameters(kernelSize, calibrationSize, threshold, crop, m);
    }
}
