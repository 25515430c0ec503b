package org.mrirecon.testing;

import java.util.Map;
import java.util.stream.IntStream;

import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconstructionException;
import org.mrirecon.api.Reconstructor;
import org.mrirecon.data.Dataset;
import org.mrirecon.evaluation.Evaluation;
import org.mrirecon.evaluation.Metric;
import org.mrirecon.evaluation.Metrics;
import org.mrirecon.evaluation.MethodIdentity;
import org.mrirecon.evaluation.Region;
import org.mrirecon.evaluation.Sampling;
import org.mrirecon.evaluation.Score;
import org.mrirecon.evaluation.Trial;
import org.mrirecon.evaluation.TrialResult;
import org.mrirecon.evaluation.Yardstick;
import org.mrirecon.evaluation.Yardsticks;
import org.mrirecon.phantom.KneePhantom;
import org.mrirecon.phantom.PhantomConfig;

/**
 * Runs a method on a small knee phantom through the framework's own evaluation and scores it, so a method's
 * in-framework test is a few lines:
 *
 * <pre>{@code
 * PhantomCheck check = PhantomCheck.of(160, 8, 3);
 * assertTrue(check.run(reconstructor, 4, 20, Map.of()).ssim() > check.run(zeroFilled, 4, 20, Map.of()).ssim());
 * }</pre>
 */
public final class PhantomCheck {

    private final Dataset data;
    private final Yardsticks yardsticks;

    private PhantomCheck(int matrix, int coils, int sliceCount) {
        KneePhantom phantom = new KneePhantom(PhantomConfig.builder().matrix(matrix, matrix).coils(coils)
                .slices(Math.max(sliceCount, 3) + 2).build());
        this.data = phantom.dataset("knee phantom " + matrix + "x" + matrix + ", " + coils + " coils",
                IntStream.rangeClosed(1, sliceCount).toArray());
        this.yardsticks = Yardsticks.of(data);
    }

    /** A phantom of {@code matrix x matrix} with that many coils and central slices. */
    public static PhantomCheck of(int matrix, int coils, int slices) {
        return new PhantomCheck(matrix, coils, slices);
    }

    /** The phantom slices as a dataset (with the fully sampled reference and the noise-free truth). */
    public Dataset dataset() {
        return data;
    }

    /**
     * Scores of one run: fastMRI's metrics against the fully sampled reference over the whole image (as
     * {@code nmse()}, {@code psnr()}, {@code ssim()}), every other score in {@link #result()}.
     */
    public record Scores(double nmse, double psnr, double ssim, TrialResult result) {

        /** A score against another yardstick or over the foreground, e.g. truth / foreground / SSIM. */
        public double score(Yardstick y, Region r, Metric m) {
            return result.volume(new Score(y, r, m));
        }
    }

    /**
     * Undersamples every slice regularly by {@code acceleration} with {@code acsLines} centre lines, reconstructs
     * the volume with the method and scores it as the launcher does.
     */
    public Scores run(Reconstructor method, int acceleration, int acsLines, Map<String, String> parameters)
            throws ReconstructionException {
        Trial trial = new Trial(method.descriptor().id(), new Sampling.Protocol(acceleration, acsLines), parameters);
        TrialResult r = Evaluation.run(method, MethodIdentity.unbundled(method.descriptor().id(),
                method.descriptor().displayName()), data, yardsticks, trial, data.source(), ReconContext.none());
        return new Scores(r.volume(new Score(Yardstick.REFERENCE, Region.WHOLE, Metrics.NMSE)),
                r.volume(new Score(Yardstick.REFERENCE, Region.WHOLE, Metrics.PSNR)),
                r.volume(new Score(Yardstick.REFERENCE, Region.WHOLE, Metrics.SSIM)), r);
    }
}
