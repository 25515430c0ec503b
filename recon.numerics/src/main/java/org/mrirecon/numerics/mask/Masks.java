package org.mrirecon.numerics.mask;

import java.util.SplittableRandom;

import org.mrirecon.api.SamplingPattern;

/**
 * Factories for 1-D phase-encode sampling patterns. The calibration (ACS) block is centred on line {@code n / 2}
 * (k-space DC): it spans {@code [n/2 - acs/2, n/2 - acs/2 + acs)}.
 */
public final class Masks {

    private Masks() {
    }

    /**
     * Regular undersampling as clinical parallel-imaging protocols acquire it: every {@code acceleration}-th line,
     * on a grid that passes through the centre line, plus a fully sampled centre block of {@code calibrationLines}.
     * The seed study's protocols are {@code equispaced(n, 2, 32)} (GRAPPA 2x) and {@code equispaced(n, 4, 20)}
     * (VarNet 4x). The effective acceleration is lower than the nominal one because of the ACS lines.
     *
     * @throws IllegalArgumentException if acceleration is not in [1, n] or the ACS block does not fit
     */
    public static SamplingPattern equispaced(int phaseEncodes, int acceleration, int calibrationLines) {
        check(phaseEncodes, acceleration, calibrationLines);
        boolean[] acquired = new boolean[phaseEncodes];
        int centre = phaseEncodes / 2;
        for (int ky = 0; ky < phaseEncodes; ky++) {
            acquired[ky] = Math.floorMod(ky - centre, acceleration) == 0;
        }
        int start = centre - calibrationLines / 2;
        for (int ky = start; ky < start + calibrationLines; ky++) {
            acquired[ky] = true;
        }
        return SamplingPattern.of(acquired, start, start + calibrationLines);
    }

    /**
     * fastMRI's {@code RandomMaskFunc}: a fully sampled centre block of {@code calibrationLines}, and each other line
     * acquired independently with the probability that makes the expected number of lines {@code n / acceleration}.
     * Deterministic for a given seed (not bit-identical to numpy's generator, the same distribution).
     */
    public static SamplingPattern random(int phaseEncodes, double acceleration, int calibrationLines, long seed) {
        check(phaseEncodes, acceleration, calibrationLines);
        double target = phaseEncodes / acceleration;
        if (target < calibrationLines) {
            throw new IllegalArgumentException(String.format("acceleration %.2f allows %.1f lines, fewer than the %d "
                    + "calibration lines: lower the acceleration or the ACS count", acceleration, target,
                    calibrationLines));
        }
        double prob = (target - calibrationLines) / (phaseEncodes - calibrationLines);
        SplittableRandom rng = new SplittableRandom(seed);
        boolean[] acquired = new boolean[phaseEncodes];
        int start = phaseEncodes / 2 - calibrationLines / 2;
        for (int ky = 0; ky < phaseEncodes; ky++) {
            boolean acs = ky >= start && ky < start + calibrationLines;
            double draw = rng.nextDouble(); // drawn for every line so the pattern outside the ACS is stable
            acquired[ky] = acs || draw < prob;
        }
        return SamplingPattern.of(acquired, start, start + calibrationLines);
    }

    private static void check(int phaseEncodes, double acceleration, int calibrationLines) {
        if (phaseEncodes < 1) {
            throw new IllegalArgumentException("need at least one phase-encode line, got " + phaseEncodes);
        }
        if (!(acceleration >= 1) || acceleration > phaseEncodes) {
            throw new IllegalArgumentException("acceleration must lie in [1, " + phaseEncodes + "], got "
                    + acceleration);
        }
        if (calibrationLines < 0 || calibrationLines > phaseEncodes) {
            throw new IllegalArgumentException("calibration lines must lie in [0, " + phaseEncodes + "], got "
                    + calibrationLines);
        }
    }
}
