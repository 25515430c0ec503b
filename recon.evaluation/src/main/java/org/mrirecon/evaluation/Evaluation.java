package org.mrirecon.evaluation;

import java.util.ArrayList;
import java.util.List;

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

/** Runs a trial on a dataset and scores it: the one evaluation behind run, compare, bench and the test harness. */
public final class Evaluation {

    /** The one scoring convention every method is held to, stated in every report. */
    public static final String SCORING_CONVENTION = "every method's natural image is scored as its magnitude, "
            + "centre-cropped to the reference size (fastMRI's center_crop); data range = the maximum of the "
            + "yardstick volume (fastMRI's evaluate.py); no method-specific post-processing";

    private Evaluation() {
    }

    /**
     * The volume a method receives. Fully sampled data is undersampled with the protocol's pattern, intersected with
     * the lines the data holds (zero padding stays unacquired); undersampled data keeps its own pattern.
     *
     * @throws IllegalArgumentException if the protocol does not fit the data, or a protocol is asked of
     *                                  undersampled data
     */
    public static AcquisitionVolume undersample(Dataset data, Sampling sampling) {
        List<Acquisition> slices = new ArrayList<>(data.sliceCount());
        if (sampling instanceof Sampling.Protocol protocol) {
            if (!data.isFullySampled()) {
                throw new IllegalArgumentException("the data is already undersampled: it cannot be sampled again "
                        + "with the protocol " + protocol + "; name the method without @ACCEL:ACS");
            }
            SamplingPattern wanted = protocol.pattern(data.rows());
            for (int s = 0; s < data.sliceCount(); s++) {
                slices.add(Acquisition.of(data.kspace(s), intersect(wanted, data.pattern(s)), s));
            }
        } else {
            for (int s = 0; s < data.sliceCount(); s++) {
                slices.add(Acquisition.of(data.kspace(s), data.pattern(s), s));
            }
        }
        return AcquisitionVolume.of(slices);
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
        return SamplingPattern.of(w, wanted.calibrationStart(), wanted.calibrationEnd(), held.encodedStart(),
                held.encodedEnd());
    }

    /**
     * Runs the trial and scores it against every yardstick of the data, per slice and per volume.
     *
     * @param yardsticks {@link Yardsticks#of(Dataset)} of the same data (computed once for all trials)
     * @param subject    the name of the dataset in a cohort (or the data's source)
     * @throws ReconstructionException  if the method rejects the input
     * @throws IllegalArgumentException if the sampling or the parameters do not fit the method or the data
     */
    public static TrialResult run(Reconstructor method, MethodIdentity identity, Dataset data, Yardsticks yardsticks,
            Trial trial, String subject, ReconContext context) throws ReconstructionException {
        MethodDescriptor d = method.descriptor();
        ReconParameters parameters = d.parameters(trial.parameters());
        AcquisitionVolume volume = undersample(data, trial.sampling());
        SamplingPattern pattern = volume.slice(0).pattern();
        if (pattern.calibrationLines() < d.minimumCalibrationLines()) {
            throw new IllegalArgumentException(String.format("%s needs at least %d calibration lines, %s has %d: "
                    + "use %s@%d:%d or more", d.displayName(), d.minimumCalibrationLines(),
                    trial.sampling() instanceof Sampling.Protocol p ? "the protocol " + p : "the data",
                    pattern.calibrationLines(), d.id(), acceleration(trial, data, pattern),
                    d.minimumCalibrationLines()));
        }

        long t0 = System.nanoTime();
        List<ReconstructedImage> images = method.reconstructVolume(volume, parameters, context);
        double seconds = (System.nanoTime() - t0) / 1e9;

        if (images == null || images.size() != data.sliceCount()) {
            throw new ReconstructionException(d.id() + " returned " + (images == null ? "no" : images.size())
                    + " images for " + data.sliceCount() + " slices");
        }
        List<float[]> scored = new ArrayList<>(images.size());
        for (ReconstructedImage img : images) {
            if (img == null || img.height() != data.rows() || img.width() != data.cols()) {
                throw new ReconstructionException(d.id() + " returned " + (img == null ? "no image" : "a "
                        + img.height() + "x" + img.width() + " image") + " for a " + data.rows() + "x" + data.cols()
                        + " matrix");
            }
            scored.add(data.cropToReference(img.magnitude()));
        }
        int[] numbers = new int[data.sliceCount()];
        for (int s = 0; s < numbers.length; s++) {
            numbers[s] = data.sliceNumber(s);
        }
        TrialResult.Builder b = TrialResult.builder(trial, identity, subject, numbers)
                .sampling(acceleration(trial, data, pattern), pattern.calibrationLines(),
                        pattern.effectiveAcceleration(), pattern.acquiredLines(),
                        data.header().scanTimeSeconds(pattern.acquiredLines()))
                .images(scored).seconds(seconds).info(images.get(0).info());
        score(b, scored, yardsticks);
        return b.build();
    }

    /** Adds every score of the yardsticks to the builder. */
    static void score(TrialResult.Builder b, List<float[]> images, Yardsticks y) {
        float[][] pred = images.toArray(new float[0][]);
        int rows = y.rows();
        int cols = y.cols();
        for (Score s : y.scores()) {
            float[][] ref = y.images(s.yardstick());
            boolean[][] region = y.region(s.region());
            double range = y.dataRange(s.yardstick());
            double[] perSlice = new double[pred.length];
            for (int i = 0; i < pred.length; i++) {
                perSlice[i] = s.metric().slice(ref[i], pred[i], region == null ? null : region[i], rows, cols, range);
            }
            double volume = s.metric().volumeOfSlices(perSlice)
                    .orElseGet(() -> s.metric().volume(ref, pred, region, rows, cols, range));
            b.score(s, volume, perSlice);
        }
    }

    /** The acceleration a result is labelled with: the protocol's, else the one the data states, else R_eff. */
    private static int acceleration(Trial trial, Dataset data, SamplingPattern pattern) {
        if (trial.sampling() instanceof Sampling.Protocol p) {
            return p.acceleration();
        }
        String stated = data.attributes().get("acceleration");
        try {
            if (stated != null && Double.parseDouble(stated) >= 1) {
                return (int) Math.round(Double.parseDouble(stated));
            }
        } catch (NumberFormatException notANumber) {
            // fall back to the pattern
        }
        return (int) Math.round(pattern.effectiveAcceleration());
    }
}
