package org.mrirecon.phantom;

import java.util.Arrays;

import org.mrirecon.api.SamplingPattern;
import org.mrirecon.data.ScanHeader;

/**
 * When each acquired phase-encode line of a 2-D multi-slice turbo-spin-echo scan is measured. Immutable.
 *
 * <p><b>The schedule.</b> The acquired lines of the pattern, in ascending ky, are split into
 * {@code S = ceil(lines / ETL)} shots (echo trains) in the interleaved-segment order of a clinical TSE: shot
 * {@code s} takes the acquired lines {@code s, s + S, s + 2S, ...}, so every echo train runs once through k-space
 * from top to bottom (echo e samples segment e; the last shots may be one echo short). Shot {@code s} is played at
 * {@code s x TR}. With {@code averages > 1} the whole sequence of shots is repeated: average {@code a} plays shot
 * {@code s} at {@code (a S + s) x TR}. The duration {@code shots() x TR} equals
 * {@link ScanHeader#scanTimeSeconds(int)}.
 *
 * <p><b>Slices.</b> All slices are interleaved inside each TR (as the scan-time formula assumes): slice {@code i}
 * of {@code n} is excited {@link #sliceOffsetSeconds(int, int)} after the start of each TR, in the interleaved
 * order 0, 2, 4, ..., 1, 3, 5, ... that keeps neighbouring slices apart in time, i.e. at
 * {@code TR x position / n}. A jerk within a TR thus reaches only the slices played after it in that TR.
 *
 * <p>The echo train itself (about 100 ms at an echo spacing of 10-12 ms) is taken as instantaneous: all lines of
 * one shot of one slice share one time.
 */
public final class AcquisitionSchedule {

    private final SamplingPattern pattern;
    private final double repetitionTimeSeconds;
    private final int echoTrainLength;
    private final int averages;
    private final int shotsPerAverage;
    /** Per ky, the shot within one average; -1 when not acquired. */
    private final int[] shotOfLine;
    /** Per shot within one average, its lines in echo order. */
    private final int[][] linesOfShot;

    private AcquisitionSchedule(SamplingPattern pattern, ScanHeader header) {
        this.pattern = pattern;
        this.repetitionTimeSeconds = header.repetitionTimeMs() / 1000.0;
        this.echoTrainLength = header.echoTrainLength();
        this.averages = header.averages();
        int lines = pattern.acquiredLines();
        this.shotsPerAverage = (lines + echoTrainLength - 1) / echoTrainLength;
        this.shotOfLine = new int[pattern.phaseEncodes()];
        Arrays.fill(shotOfLine, -1);
        int[] acquired = new int[lines];
        int n = 0;
        for (int ky = 0; ky < pattern.phaseEncodes(); ky++) {
            if (pattern.isAcquired(ky)) {
                acquired[n++] = ky;
            }
        }
        this.linesOfShot = new int[shotsPerAverage][];
        for (int s = 0; s < shotsPerAverage; s++) {
            int count = (lines - s + shotsPerAverage - 1) / shotsPerAverage;
            linesOfShot[s] = new int[count];
            for (int e = 0; e < count; e++) {
                int ky = acquired[s + e * shotsPerAverage];
                linesOfShot[s][e] = ky;
                shotOfLine[ky] = s;
            }
        }
    }

    /** The schedule of the given pattern with the header's TR, echo-train length and averages. */
    public static AcquisitionSchedule of(SamplingPattern pattern, ScanHeader header) {
        if (pattern == null || header == null) {
            throw new IllegalArgumentException("a schedule needs a sampling pattern and a scan header");
        }
        return new AcquisitionSchedule(pattern, header);
    }

    /** The lines this schedule acquires. */
    public SamplingPattern pattern() {
        return pattern;
    }

    public double repetitionTimeSeconds() {
        return repetitionTimeSeconds;
    }

    public int echoTrainLength() {
        return echoTrainLength;
    }

    public int averages() {
        return averages;
    }

    /** Shots of one average: {@code ceil(acquired lines / ETL)}. */
    public int shotsPerAverage() {
        return shotsPerAverage;
    }

    /** All shots, averages included. */
    public int shots() {
        return shotsPerAverage * averages;
    }

    /** {@code shots() x TR}: the scan time of {@link ScanHeader#scanTimeSeconds(int)}. */
    public double durationSeconds() {
        return shots() * repetitionTimeSeconds;
    }

    /**
     * Start of shot {@code shot} (0 .. shots() - 1; shot {@code a S + s} is shot s of average a):
     * {@code shot x TR}.
     */
    public double shotTimeSeconds(int shot) {
        if (shot < 0 || shot >= shots()) {
            throw new IndexOutOfBoundsException("shot " + shot + " of " + shots());
        }
        return shot * repetitionTimeSeconds;
    }

    /** The lines of shot {@code shot} (any average), in echo order (ascending ky). */
    public int[] shotLines(int shot) {
        if (shot < 0 || shot >= shots()) {
            throw new IndexOutOfBoundsException("shot " + shot + " of " + shots());
        }
        return linesOfShot[shot % shotsPerAverage].clone();
    }

    /** The shot within one average that acquires line {@code ky}, or -1 when the pattern does not acquire it. */
    public int shotOf(int ky) {
        return shotOfLine[ky];
    }

    /**
     * When slice {@code slice} of {@code slices} is played within each TR: {@code TR x position / slices}, position
     * in the interleaved order 0, 2, 4, ..., 1, 3, 5, ...
     */
    public double sliceOffsetSeconds(int slice, int slices) {
        if (slice < 0 || slice >= slices) {
            throw new IndexOutOfBoundsException("slice " + slice + " of " + slices);
        }
        int position = slice % 2 == 0 ? slice / 2 : (slices + 1) / 2 + slice / 2;
        return repetitionTimeSeconds * position / slices;
    }

    /**
     * The time of every line of slice {@code slice} of {@code slices} in its first average: {@code [ky]} =
     * shot start + slice offset, {@code NaN} for lines not acquired. Later averages add
     * {@code a x shotsPerAverage() x TR}.
     */
    public double[] lineTimesSeconds(int slice, int slices) {
        double offset = sliceOffsetSeconds(slice, slices);
        double[] t = new double[shotOfLine.length];
        for (int ky = 0; ky < t.length; ky++) {
            t[ky] = shotOfLine[ky] < 0 ? Double.NaN : shotOfLine[ky] * repetitionTimeSeconds + offset;
        }
        return t;
    }

    @Override
    public String toString() {
        return String.format("AcquisitionSchedule[%d lines, ETL %d, %d shots x %d average%s, TR %.0f ms, %.1f s]",
                pattern.acquiredLines(), echoTrainLength, shotsPerAverage, averages, averages == 1 ? "" : "s",
                repetitionTimeSeconds * 1000, durationSeconds());
    }
}
