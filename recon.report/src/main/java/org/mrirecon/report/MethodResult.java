package org.mrirecon.report;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What one method produced on one dataset under one protocol, with its scores against the fully sampled reference:
 * volume metrics as fastMRI's evaluate.py, the same metrics per slice (data range = the volume's maximum), scan time
 * and reconstruction time. Magnitude images are {@code [slice][y * cols + x]}. Immutable by convention: callers must
 * not modify the arrays they passed in.
 */
@ProviderType
public final class MethodResult {

    public final String methodId;
    public final String displayName;
    public final String version;
    public final int acceleration;
    public final int calibrationLines;
    public final double effectiveAcceleration;
    public final double scanTimeSeconds;
    public final List<float[]> images;
    public final double nmse;
    public final double psnr;
    public final double ssim;
    public final double[] sliceNmse;
    public final double[] slicePsnr;
    public final double[] sliceSsim;
    public final double secondsTotal;

    public MethodResult(String methodId, String displayName, String version, int acceleration, int calibrationLines,
            double effectiveAcceleration, double scanTimeSeconds, List<float[]> images, double nmse, double psnr,
            double ssim, double[] sliceNmse, double[] slicePsnr, double[] sliceSsim, double secondsTotal) {
        this.methodId = methodId;
        this.displayName = displayName;
        this.version = version;
        this.acceleration = acceleration;
        this.calibrationLines = calibrationLines;
        this.effectiveAcceleration = effectiveAcceleration;
        this.scanTimeSeconds = scanTimeSeconds;
        this.images = List.copyOf(images);
        this.nmse = nmse;
        this.psnr = psnr;
        this.ssim = ssim;
        this.sliceNmse = sliceNmse.clone();
        this.slicePsnr = slicePsnr.clone();
        this.sliceSsim = sliceSsim.clone();
        this.secondsTotal = secondsTotal;
    }

    /** {@code id@ACCEL:ACS}, unique within a comparison. */
    public String label() {
        return methodId + "@" + acceleration + ":" + calibrationLines;
    }

    public double secondsPerSlice() {
        return secondsTotal / images.size();
    }
}
