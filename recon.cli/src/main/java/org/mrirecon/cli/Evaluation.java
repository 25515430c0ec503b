package org.mrirecon.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.mrirecon.api.Acquisition;
import org.mrirecon.api.AcquisitionHeader;
import org.mrirecon.api.AcquisitionVolume;
import org.mrirecon.api.MethodDescriptor;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconParameters;
import org.mrirecon.api.ReconstructedImage;
import org.mrirecon.api.ReconstructionException;
import org.mrirecon.api.Reconstructor;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.metrics.ImageMetrics;
import org.mrirecon.report.MethodResult;

/** Runs one method on a dataset under a protocol and scores it against the fully sampled reference. */
public final class Evaluation {

    private Evaluation() {
    }

    /** Every slice of the dataset undersampled with the protocol's pattern, with a header that records it. */
    static AcquisitionVolume undersample(Dataset data, Protocol protocol) {
        SamplingPattern pattern = protocol.pattern(data.rows());
        AcquisitionHeader header = data.header().toBuilder().nominalAcceleration(protocol.acceleration())
                .sampling(pattern).build();
        List<Acquisition> slices = new ArrayList<>(data.slices());
        for (int s = 0; s < data.slices(); s++) {
            slices.add(Acquisition.of(data.kspace(s), pattern, header, s));
        }
        return AcquisitionVolume.of(slices);
    }

    /**
     * Undersamples every slice of the dataset with the protocol's pattern, reconstructs the volume with the method
     * and computes fastMRI's NMSE, PSNR and SSIM (data range = the reference volume's maximum).
     *
     * @throws ReconstructionException  if the method rejects the input
     * @throws IllegalArgumentException if the protocol or parameters are invalid for the method
     */
    public static MethodResult run(Reconstructor method, Dataset data, Protocol protocol, Map<String, String> params,
            ReconContext context) throws ReconstructionException {
        MethodDescriptor d = method.descriptor();
        if (protocol.calibrationLines() < d.minimumCalibrationLines()) {
            throw new IllegalArgumentException(String.format("%s needs at least %d calibration lines, the protocol %s "
                    + "gives %d: use --protocol %s=%d:%d or more", d.displayName(), d.minimumCalibrationLines(),
                    protocol, protocol.calibrationLines(), d.id(), protocol.acceleration(),
                    d.minimumCalibrationLines()));
        }
        ReconParameters parameters = d.parameters(params);
        AcquisitionVolume volume = undersample(data, protocol);
        SamplingPattern pattern = volume.slice(0).pattern();
        AcquisitionHeader header = volume.header();

        long t0 = System.nanoTime();
        List<ReconstructedImage> images = method.reconstructVolume(volume, parameters, context);
        double seconds = (System.nanoTime() - t0) / 1e9;

        if (images.size() != data.slices()) {
            throw new ReconstructionException(d.id() + " returned " + images.size() + " images for "
                    + data.slices() + " slices");
        }
        float[][] ref = data.reference();
        float[][] pred = new float[images.size()][];
        for (int s = 0; s < images.size(); s++) {
            ReconstructedImage img = images.get(s);
            if (img.height() != data.rows() || img.width() != data.cols()) {
                throw new ReconstructionException(d.id() + " returned a " + img.height() + "x" + img.width()
                        + " image for a " + data.rows() + "x" + data.cols() + " matrix");
            }
            pred[s] = img.magnitude();
        }
        double maxval = ImageMetrics.max(ref);
        double[] sliceNmse = new double[pred.length];
        double[] slicePsnr = new double[pred.length];
        double[] sliceSsim = new double[pred.length];
        for (int s = 0; s < pred.length; s++) {
            float[][] g = {ref[s]};
            float[][] p = {pred[s]};
            sliceNmse[s] = ImageMetrics.nmse(g, p);
            slicePsnr[s] = ImageMetrics.psnr(g, p, maxval);
            sliceSsim[s] = ImageMetrics.ssim(ref[s], pred[s], data.rows(), data.cols(), maxval);
        }
        return new MethodResult(d.id(), d.displayName(), d.version(), protocol.acceleration(),
                protocol.calibrationLines(), pattern.effectiveAcceleration(),
                header.scanTimeSeconds(pattern.acquiredLines()), List.of(pred), ImageMetrics.nmse(ref, pred),
                ImageMetrics.psnr(ref, pred), ImageMetrics.ssim(ref, pred, data.rows(), data.cols()), sliceNmse,
                slicePsnr, sliceSsim, seconds);
    }
}
