package org.mrirecon.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.mrirecon.api.Acquisition;
import org.mrirecon.api.AcquisitionVolume;
import org.mrirecon.api.MethodDescriptor;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconParameters;
import org.mrirecon.api.ReconstructedImage;
import org.mrirecon.api.ReconstructionException;
import org.mrirecon.api.Reconstructor;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.data.Dataset;
import org.mrirecon.numerics.coil.CoilImages;
import org.mrirecon.numerics.metrics.ImageMetrics;
import org.mrirecon.report.MethodResult;

/** Runs one method on a dataset under a protocol and scores it against the reference. */
public final class Evaluation {

    private Evaluation() {
    }

    /**
     * The volume a method receives. Fully sampled data is undersampled with the protocol's pattern, intersected with
     * the lines the data holds (a fastMRI file's zero padding stays unacquired); undersampled data keeps its own
     * pattern and takes no protocol ({@code protocol} must then be null).
     */
    static AcquisitionVolume undersample(Dataset data, Protocol protocol) {
        if (!data.isFullySampled()) {
            if (protocol != null) {
                throw new IllegalArgumentException("the data is already undersampled (R_eff "
                        + String.format("%.2f", data.pattern(0).effectiveAcceleration()) + ", "
                        + data.pattern(0).calibrationLines() + " ACS lines): methods run on its own sampling; "
                        + "name the method without @ACCEL:ACS");
            }
            List<Acquisition> slices = new ArrayList<>();
            for (int s = 0; s < data.sliceCount(); s++) {
                SamplingPattern p = data.pattern(s);
                slices.add(Acquisition.of(data.kspace(s), p, s));
            }
            return AcquisitionVolume.of(slices);
        }
        SamplingPattern wanted = protocol.pattern(data.rows());
        List<Acquisition> slices = new ArrayList<>(data.sliceCount());
        for (int s = 0; s < data.sliceCount(); s++) {
            SamplingPattern p = intersect(wanted, data.pattern(s));
            slices.add(Acquisition.of(data.kspace(s), p, s));
        }
        return AcquisitionVolume.of(slices);
    }

    /**
     * The images the data is scored against: its own reference, else for fully sampled data the root-sum-of-squares
     * of its coil images (cropped like a reference would be); null when undersampled data has no reference.
     */
    static float[][] reference(Dataset data) {
        float[][] reference = new float[data.sliceCount()][];
        for (int i = 0; i < reference.length; i++) {
            if (data.hasReference()) {
                reference[i] = data.reference(i);
            } else if (data.isFullySampled()) {
                reference[i] = data.cropToReference(CoilImages.rss(data.kspace(i)));
            } else {
                return null;
            }
        }
        return reference;
    }

    private static SamplingPattern intersect(SamplingPattern wanted, SamplingPattern held) {
        boolean[] w = wanted.mask();
        for (int ky = 0; ky < w.length; ky++) {
            w[ky] &= held.isAcquired(ky);
        }
        for (int ky = wanted.calibrationStart(); ky < wanted.calibrationEnd(); ky++) {
            if (!held.isAcquired(ky)) {
                throw new IllegalArgumentException("the protocol's calibration block [" + wanted.calibrationStart()
                        + ", " + wanted.calibrationEnd() + ") reaches line " + ky + ", which the data does not hold: "
                        + "use fewer ACS lines");
            }
        }
        return SamplingPattern.of(w, wanted.calibrationStart(), wanted.calibrationEnd());
    }

    /**
     * Reconstructs the volume with the method and computes fastMRI's NMSE, PSNR and SSIM against the reference
     * (data range = the reference volume's maximum), per volume and per slice; NaN where the data has no reference.
     *
     * @param protocol the protocol for fully sampled data; null for undersampled data
     * @throws ReconstructionException  if the method rejects the input
     * @throws IllegalArgumentException if the protocol or parameters are invalid for the method or the data
     */
    public static MethodResult run(Reconstructor method, String version, Dataset data, Protocol protocol,
            Map<String, String> params, ReconContext context) throws ReconstructionException {
        MethodDescriptor d = method.descriptor();
        ReconParameters parameters = d.parameters(params);
        AcquisitionVolume volume = undersample(data, protocol);
        SamplingPattern pattern = volume.slice(0).pattern();
        if (pattern.calibrationLines() < d.minimumCalibrationLines()) {
            throw new IllegalArgumentException(String.format("%s needs at least %d calibration lines, the %s has "
                    + "%d: use %s@%d:%d or more", d.displayName(), d.minimumCalibrationLines(),
                    protocol == null ? "data" : "protocol " + protocol, pattern.calibrationLines(), d.id(),
                    protocol == null ? Math.round(pattern.effectiveAcceleration()) : protocol.acceleration(),
                    d.minimumCalibrationLines()));
        }

        long t0 = System.nanoTime();
        List<ReconstructedImage> images = method.reconstructVolume(volume, parameters, context);
        double seconds = (System.nanoTime() - t0) / 1e9;

        if (images.size() != data.sliceCount()) {
            throw new ReconstructionException(d.id() + " returned " + images.size() + " images for "
                    + data.sliceCount() + " slices");
        }
        float[][] pred = new float[images.size()][];
        for (int s = 0; s < images.size(); s++) {
            ReconstructedImage img = images.get(s);
            if (img.height() != data.rows() || img.width() != data.cols()) {
                throw new ReconstructionException(d.id() + " returned a " + img.height() + "x" + img.width()
                        + " image for a " + data.rows() + "x" + data.cols() + " matrix");
            }
            pred[s] = data.cropToReference(img.magnitude());
        }
        double[] sliceNmse = new double[pred.length];
        double[] slicePsnr = new double[pred.length];
        double[] sliceSsim = new double[pred.length];
        double nmse = Double.NaN;
        double psnr = Double.NaN;
        double ssim = Double.NaN;
        float[][] ref = reference(data);
        if (ref != null) {
            int rows = data.referenceRows();
            int cols = data.referenceCols();
            double maxval = ImageMetrics.max(ref);
            for (int s = 0; s < pred.length; s++) {
                float[][] g = {ref[s]};
                float[][] p = {pred[s]};
                sliceNmse[s] = ImageMetrics.nmse(g, p);
                slicePsnr[s] = ImageMetrics.psnr(g, p, maxval);
                sliceSsim[s] = ImageMetrics.ssim(ref[s], pred[s], rows, cols, maxval);
            }
            nmse = ImageMetrics.nmse(ref, pred);
            psnr = ImageMetrics.psnr(ref, pred);
            ssim = ImageMetrics.ssim(ref, pred, rows, cols);
        } else {
            Arrays.fill(sliceNmse, Double.NaN);
            Arrays.fill(slicePsnr, Double.NaN);
            Arrays.fill(sliceSsim, Double.NaN);
        }
        String stated = data.attributes().get("acceleration");
        int acceleration = protocol != null ? protocol.acceleration()
                : (int) Math.round(stated != null && stated.matches("[0-9.]+") && Double.parseDouble(stated) >= 1
                        ? Double.parseDouble(stated) : pattern.effectiveAcceleration());
        return new MethodResult(d.id(), d.displayName(), version, acceleration, pattern.calibrationLines(),
                pattern.effectiveAcceleration(), data.header().scanTimeSeconds(pattern.acquiredLines()),
                List.of(pred), nmse, psnr, ssim, sliceNmse, slicePsnr, sliceSsim, seconds);
    }
}
