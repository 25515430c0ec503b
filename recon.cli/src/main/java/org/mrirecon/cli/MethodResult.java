package org.mrirecon.cli;

import java.util.List;

import org.mrirecon.api.ReconstructedImage;

/** What one method produced on one dataset under one protocol, with its scores against the reference. */
public final class MethodResult {

    public final String methodId;
    public final String displayName;
    public final String version;
    public final Protocol protocol;
    public final double effectiveAcceleration;
    public final double scanTimeSeconds;
    public final List<ReconstructedImage> images;
    public final double nmse;
    public final double psnr;
    public final double ssim;
    public final double[] sliceNmse;
    public final double[] slicePsnr;
    public final double[] sliceSsim;
    public final double secondsTotal;

    MethodResult(String methodId, String displayName, String version, Protocol protocol, double effectiveAcceleration,
            double scanTimeSeconds, List<ReconstructedImage> images, double nmse, double psnr, double ssim,
            double[] sliceNmse, double[] slicePsnr, double[] sliceSsim, double secondsTotal) {
        this.methodId = methodId;
        this.displayName = displayName;
        this.version = version;
        this.protocol = protocol;
        this.effectiveAcceleration = effectiveAcceleration;
        this.scanTimeSeconds = scanTimeSeconds;
        this.images = images;
        this.nmse = nmse;
        this.psnr = psnr;
        this.ssim = ssim;
        this.sliceNmse = sliceNmse;
        this.slicePsnr = slicePsnr;
        this.sliceSsim = sliceSsim;
        this.secondsTotal = secondsTotal;
    }

    public double secondsPerSlice() {
        return secondsTotal / images.size();
    }
}
