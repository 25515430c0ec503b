package org.mrirecon.evaluation;

import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.mask.Masks;

/**
 * How a trial samples the data: a protocol that undersamples fully sampled data, or the data's own sampling.
 */
public sealed interface Sampling permits Sampling.Protocol, Sampling.AsAcquired {

    /** The data's own sampling, for data that is already undersampled. */
    AsAcquired AS_ACQUIRED = new AsAcquired();

    /**
     * Regular undersampling by an integer acceleration with a fully sampled centre of {@code calibrationLines}, as
     * the seed study's clinical protocols (2x/32 ACS for GRAPPA, 4x/20 ACS for the VarNet).
     */
    record Protocol(int acceleration, int calibrationLines) implements Sampling {

        public Protocol {
            if (acceleration < 1) {
                throw new IllegalArgumentException("acceleration must be a whole number >= 1, got " + acceleration);
            }
            if (calibrationLines < 0) {
                throw new IllegalArgumentException("calibration lines must be >= 0, got " + calibrationLines);
            }
        }

        /** Parses {@code R:ACS}, e.g. {@code 4:20}, or {@code R} alone (keeping the given ACS). */
        public static Protocol parse(String text, int defaultCalibrationLines) {
            String[] parts = text.trim().split(":");
            try {
                if (parts.length == 1) {
                    return new Protocol(Integer.parseInt(parts[0].trim()), defaultCalibrationLines);
                }
                if (parts.length == 2) {
                    return new Protocol(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
                }
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
            throw new IllegalArgumentException("protocol '" + text + "' is not ACCEL[:ACS] with whole numbers, "
                    + "e.g. 4:20");
        }

        /** The pattern of this protocol for a matrix with the given number of phase-encode lines. */
        public SamplingPattern pattern(int phaseEncodes) {
            if (calibrationLines > phaseEncodes) {
                throw new IllegalArgumentException("protocol asks for " + calibrationLines + " calibration lines but "
                        + "the data has only " + phaseEncodes + " phase-encode lines");
            }
            return Masks.equispaced(phaseEncodes, acceleration, calibrationLines);
        }

        @Override
        public String toString() {
            return acceleration + "x/" + calibrationLines + " ACS";
        }
    }

    /** The data's own sampling. */
    final class AsAcquired implements Sampling {
        private AsAcquired() {
        }

        @Override
        public String toString() {
            return "as acquired";
        }
    }
}
