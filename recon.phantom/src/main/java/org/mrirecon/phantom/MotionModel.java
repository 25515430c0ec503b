package org.mrirecon.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.mrirecon.phantom.internal.Seeds;

/**
 * Rigid in-plane motion of the knee during a scan, as a function of time since the scan started: sudden jerks at
 * the events of a Poisson process plus a slow linear drift. The object moves; the coils, the scanner's background
 * phase and the field of view stay put. Immutable and thread-safe; {@link #pose(double)} is a deterministic
 * function of (seed, rate, time).
 *
 * <p><b>The model</b> (rate λ in events per minute, time t in seconds from the start of the scan, pose 0 at t = 0):
 * <ul>
 * <li><b>Jerks.</b> Event k (k = 1, 2, ...) happens at {@code t_k = 60 (E_1 + ... + E_k) / λ} with {@code E_i}
 * independent standard exponential draws, a Poisson process of rate λ per minute. Each event adds a step that
 * persists (a random walk, the patient does not return): anterior-posterior and superior-inferior translations
 * drawn from N(0, ({@value #JERK_TRANSLATION_SD_MM} mm)²) each and a rotation from
 * N(0, ({@value #JERK_ROTATION_SD_DEG}°)²).</li>
 * <li><b>Drift.</b> A constant velocity drawn once per seed, N(0, ({@value #DRIFT_TRANSLATION_SD_MM_PER_MIN}
 * mm/min)²) per translation axis and N(0, ({@value #DRIFT_ROTATION_SD_DEG_PER_MIN}°/min)²) for the rotation,
 * multiplied by λ (in events per minute): a restless patient also drifts faster; rate 0 has no motion at all.</li>
 * <li><b>Limits.</b> The pose is the sum of drift and steps, each component clipped to ±{@value #MAX_TRANSLATION_MM}
 * mm and ±{@value #MAX_ROTATION_DEG}°: the knee lies padded in a rigid coil and cannot leave it.</li>
 * </ul>
 * The exponential draws, the steps and the drift velocity come from one stream of (seed, motion) in a fixed order,
 * independent of λ, so the same seed at a higher rate has the same jerks, only sooner and more of them within a
 * given time, and a faster drift in the same direction: rates can be compared on common random numbers.
 *
 * <p>Pose conventions: translation in mm along the rows (phase-encode, anterior to posterior positive) and the
 * columns (readout, superior to inferior positive); the object's point at {@code x} moves to
 * {@code R(θ) x + t}, with the rotation about the centre of the field of view and positive θ turning the
 * anterior-posterior axis towards inferior (clockwise in the radiological display, superior up and anterior left).
 */
public final class MotionModel {

    /** Standard deviation of a jerk's translation step, per in-plane axis. */
    public static final double JERK_TRANSLATION_SD_MM = 1.5;
    /** Standard deviation of a jerk's rotation step. */
    public static final double JERK_ROTATION_SD_DEG = 2.0;
    /** Standard deviation of the drift speed per translation axis, per event per minute of rate. */
    public static final double DRIFT_TRANSLATION_SD_MM_PER_MIN = 0.5;
    /** Standard deviation of the rotational drift speed, per event per minute of rate. */
    public static final double DRIFT_ROTATION_SD_DEG_PER_MIN = 0.5;
    /** Largest displacement along either axis: the coil's padding. */
    public static final double MAX_TRANSLATION_MM = 10;
    /** Largest in-plane rotation. */
    public static final double MAX_ROTATION_DEG = 10;
    /** Largest rate accepted, events per minute. */
    public static final double MAX_RATE = 600;

    private static final MotionModel NONE = new MotionModel(0, 0);

    private final double eventsPerMinute;
    private final long seed;
    /** Drift velocity per unit rate: mm/min, mm/min, deg/min. */
    private final double driftU;
    private final double driftV;
    private final double driftRotation;

    /**
     * @param eventsPerMinute rate of sudden jerks (0 = no motion at all), at most {@value #MAX_RATE}
     * @param seed            fixes the event times, the steps and the drift direction
     * @throws IllegalArgumentException for a negative, non-finite or too large rate
     */
    public MotionModel(double eventsPerMinute, long seed) {
        if (!(eventsPerMinute >= 0) || eventsPerMinute > MAX_RATE) {
            throw new IllegalArgumentException("motion rate must lie in [0, " + MAX_RATE + "] events per minute, got "
                    + eventsPerMinute);
        }
        this.eventsPerMinute = eventsPerMinute;
        this.seed = seed;
        SplittableRandom drift = Seeds.stream(seed, Seeds.MOTION, 0);
        this.driftU = DRIFT_TRANSLATION_SD_MM_PER_MIN * drift.nextGaussian();
        this.driftV = DRIFT_TRANSLATION_SD_MM_PER_MIN * drift.nextGaussian();
        this.driftRotation = DRIFT_ROTATION_SD_DEG_PER_MIN * drift.nextGaussian();
    }

    /** No motion: every pose is the identity. */
    public static MotionModel none() {
        return NONE;
    }

    public double eventsPerMinute() {
        return eventsPerMinute;
    }

    public long seed() {
        return seed;
    }

    /** Whether the object never moves (rate 0). */
    public boolean isStatic() {
        return eventsPerMinute == 0;
    }

    /**
     * The times of the jerks in {@code [0, untilSeconds]}, ascending.
     *
     * @throws IllegalArgumentException for a negative or non-finite time
     */
    public double[] eventTimes(double untilSeconds) {
        checkTime(untilSeconds);
        List<Double> times = new ArrayList<>();
        walk(untilSeconds, (time, du, dv, dr) -> times.add(time));
        return times.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * The pose at {@code seconds} after the start of the scan: identity at 0 and always for rate 0.
     *
     * @throws IllegalArgumentException for a negative or non-finite time
     */
    public Pose pose(double seconds) {
        checkTime(seconds);
        if (isStatic()) {
            return Pose.IDENTITY;
        }
        double minutes = seconds / 60;
        double[] sum = {driftU * eventsPerMinute * minutes, driftV * eventsPerMinute * minutes,
            driftRotation * eventsPerMinute * minutes};
        walk(seconds, (time, du, dv, dr) -> {
            sum[0] += du;
            sum[1] += dv;
            sum[2] += dr;
        });
        return new Pose(clip(sum[0], MAX_TRANSLATION_MM), clip(sum[1], MAX_TRANSLATION_MM),
                clip(sum[2], MAX_ROTATION_DEG));
    }

    private interface Step {
        void at(double time, double du, double dv, double rotation);
    }

    /** Replays the events up to {@code until} from the seed's stream (a few draws per event: cheap). */
    private void walk(double until, Step step) {
        if (isStatic()) {
            return;
        }
        SplittableRandom r = Seeds.stream(seed, Seeds.MOTION, 1);
        double unitTime = 0;
        while (true) {
            unitTime += -Math.log(1 - r.nextDouble());
            double du = JERK_TRANSLATION_SD_MM * r.nextGaussian();
            double dv = JERK_TRANSLATION_SD_MM * r.nextGaussian();
            double dr = JERK_ROTATION_SD_DEG * r.nextGaussian();
            double time = 60 * unitTime / eventsPerMinute;
            if (time > until) {
                return;
            }
            step.at(time, du, dv, dr);
        }
    }

    private static double clip(double x, double limit) {
        return Math.max(-limit, Math.min(limit, x));
    }

    private static void checkTime(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("time must be finite and >= 0 s, got " + seconds);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MotionModel m && Double.compare(eventsPerMinute, m.eventsPerMinute) == 0
                && seed == m.seed;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(eventsPerMinute) * 31 + Long.hashCode(seed);
    }

    @Override
    public String toString() {
        return isStatic() ? "MotionModel[none]"
                : String.format("MotionModel[%.3g events/min, seed %d]", eventsPerMinute, seed);
    }

    /**
     * A rigid in-plane pose relative to the object's position at the start of the scan.
     *
     * @param phaseMm     translation along the rows (phase-encode), anterior to posterior positive, mm
     * @param readoutMm   translation along the columns (readout), superior to inferior positive, mm
     * @param rotationDeg rotation about the centre of the field of view, degrees, positive turning the
     *                    anterior-posterior axis towards inferior
     */
    public record Pose(double phaseMm, double readoutMm, double rotationDeg) {

        /** No displacement. */
        public static final Pose IDENTITY = new Pose(0, 0, 0);

        /** Whether this pose leaves the object where it was (all three components exactly 0). */
        public boolean isIdentity() {
            return phaseMm == 0 && readoutMm == 0 && rotationDeg == 0;
        }
    }
}
