package org.mrirecon.evaluation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one trial produced on one dataset (one subject): the images, every score per slice and per volume, the
 * sampling it ran with, the scan time that sampling takes, the run time, and which bundle really produced it.
 * A trial that failed carries its error instead of images and scores. Immutable by convention: callers must not
 * modify the arrays.
 */
public final class TrialResult {

    private final Trial trial;
    private final MethodIdentity method;
    private final String subject;
    private final int[] sliceNumbers;
    private final int acceleration;
    private final int calibrationLines;
    private final double effectiveAcceleration;
    private final int acquiredLines;
    private final double scanTimeSeconds;
    private final List<float[]> images;
    private final Map<Score, double[]> perSlice;
    private final Map<Score, Double> volume;
    private final double seconds;
    private final Map<String, String> info;
    private final String error;

    private TrialResult(Builder b) {
        this.trial = b.trial;
        this.method = b.method;
        this.subject = b.subject;
        this.sliceNumbers = b.sliceNumbers.clone();
        this.acceleration = b.acceleration;
        this.calibrationLines = b.calibrationLines;
        this.effectiveAcceleration = b.effectiveAcceleration;
        this.acquiredLines = b.acquiredLines;
        this.scanTimeSeconds = b.scanTimeSeconds;
        this.images = List.copyOf(b.images);
        this.perSlice = Collections.unmodifiableMap(new LinkedHashMap<>(b.perSlice));
        this.volume = Collections.unmodifiableMap(new LinkedHashMap<>(b.volume));
        this.seconds = b.seconds;
        this.info = Map.copyOf(b.info);
        this.error = b.error;
    }

    public static Builder builder(Trial trial, MethodIdentity method, String subject, int[] sliceNumbers) {
        return new Builder(trial, method, subject, sliceNumbers);
    }

    public Trial trial() {
        return trial;
    }

    /** The trial's label, e.g. {@code grappa@2:32}. */
    public String label() {
        return trial.label();
    }

    public MethodIdentity method() {
        return method;
    }

    /** The dataset (subject, volume) this result belongs to. */
    public String subject() {
        return subject;
    }

    /** The slices' numbers in their source, in result order. */
    public int[] sliceNumbers() {
        return sliceNumbers.clone();
    }

    public int slices() {
        return sliceNumbers.length;
    }

    /** The acceleration the protocol names (or the data states); for display and grouping. */
    public int acceleration() {
        return acceleration;
    }

    public int calibrationLines() {
        return calibrationLines;
    }

    /** Encoded lines divided by acquired lines. */
    public double effectiveAcceleration() {
        return effectiveAcceleration;
    }

    public int acquiredLines() {
        return acquiredLines;
    }

    public double scanTimeSeconds() {
        return scanTimeSeconds;
    }

    /** Magnitude images {@code [slice][rows * cols]} as scored (at the reference size); empty if not kept. */
    public List<float[]> images() {
        return images;
    }

    /** Every score this result has, in the order computed. */
    public List<Score> scores() {
        return List.copyOf(volume.keySet());
    }

    public boolean has(Score s) {
        return volume.containsKey(s);
    }

    /** The score of the volume (fastMRI's aggregation), NaN if not computed. */
    public double volume(Score s) {
        Double v = volume.get(s);
        return v == null ? Double.NaN : v;
    }

    /** The score of every slice, in result order; null if not computed. */
    public double[] perSlice(Score s) {
        return perSlice.get(s);
    }

    /** Seconds the method took for the whole volume. */
    public double seconds() {
        return seconds;
    }

    public double secondsPerSlice() {
        return seconds / Math.max(1, sliceNumbers.length);
    }

    /** What the method reported about its first slice (iterations, model, timings). */
    public Map<String, String> info() {
        return info;
    }

    public boolean failed() {
        return error != null;
    }

    /** Why the trial failed, or null. */
    public String error() {
        return error;
    }

    @Override
    public String toString() {
        return "TrialResult[" + label() + " on " + subject + (failed() ? ", failed: " + error : "") + "]";
    }

    /** Builder for {@link TrialResult}. */
    public static final class Builder {
        private final Trial trial;
        private final MethodIdentity method;
        private final String subject;
        private final int[] sliceNumbers;
        private int acceleration;
        private int calibrationLines;
        private double effectiveAcceleration = Double.NaN;
        private int acquiredLines;
        private double scanTimeSeconds = Double.NaN;
        private List<float[]> images = List.of();
        private final Map<Score, double[]> perSlice = new LinkedHashMap<>();
        private final Map<Score, Double> volume = new LinkedHashMap<>();
        private double seconds = Double.NaN;
        private Map<String, String> info = Map.of();
        private String error;

        private Builder(Trial trial, MethodIdentity method, String subject, int[] sliceNumbers) {
            this.trial = trial;
            this.method = method;
            this.subject = subject;
            this.sliceNumbers = sliceNumbers;
        }

        public Builder sampling(int acceleration, int calibrationLines, double effectiveAcceleration,
                int acquiredLines, double scanTimeSeconds) {
            this.acceleration = acceleration;
            this.calibrationLines = calibrationLines;
            this.effectiveAcceleration = effectiveAcceleration;
            this.acquiredLines = acquiredLines;
            this.scanTimeSeconds = scanTimeSeconds;
            return this;
        }

        public Builder images(List<float[]> images) {
            this.images = images;
            return this;
        }

        public Builder score(Score s, double volumeValue, double[] sliceValues) {
            volume.put(s, volumeValue);
            perSlice.put(s, sliceValues.clone());
            return this;
        }

        public Builder seconds(double seconds) {
            this.seconds = seconds;
            return this;
        }

        public Builder info(Map<String, String> info) {
            this.info = info;
            return this;
        }

        public Builder error(String error) {
            this.error = error;
            return this;
        }

        public TrialResult build() {
            return new TrialResult(this);
        }
    }
}
