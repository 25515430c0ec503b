package org.mrirecon.report;

import java.util.List;

import org.mrirecon.evaluation.Score;
import org.mrirecon.evaluation.TrialResult;

/** Aggregates of a trial over the subjects of a comparison. */
public final class Summary {

    private Summary() {
    }

    /** The mean over subjects of the volume score (fastMRI averages volumes); NaN if any failed or lacks it. */
    public static double mean(List<TrialResult> results, Score s) {
        double sum = 0;
        for (TrialResult r : results) {
            if (r.failed() || !r.has(s)) {
                return Double.NaN;
            }
            sum += r.volume(s);
        }
        return sum / results.size();
    }

    /** Mean seconds per slice over the subjects. */
    public static double secondsPerSlice(List<TrialResult> results) {
        double sum = 0;
        int n = 0;
        for (TrialResult r : results) {
            if (!r.failed()) {
                sum += r.secondsPerSlice();
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
