package org.mrirecon.cli;

import org.mrirecon.api.MethodDescriptor;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.mask.Masks;

/**
 * An acquisition protocol for one method in a comparison: regular undersampling by an integer acceleration with a
 * fully sampled centre of {@code calibrationLines}, as the seed study's clinical protocols (2x/32 ACS for GRAPPA,
 * 4x/20 ACS for the VarNet).
 */
public final class Protocol {

    private final int acceleration;
    private final int calibrationLines;

    public Protocol(int acceleration, int calibrationLines) {
        if (acceleration < 1) {
            throw new IllegalArgumentException("acceleration must be a whole number >= 1, got " + acceleration);
        }
        if (calibrationLines < 0) {
            throw new IllegalArgumentException("calibration lines must be >= 0, got " + calibrationLines);
        }
        this.acceleration = acceleration;
        this.calibrationLines = calibrationLines;
    }

    /** The method's own standard protocol from its descriptor. */
    public static Protocol defaultFor(MethodDescriptor d) {
        double r = d.defaultAcceleration();
        if (r != Math.rint(r)) {
            throw new IllegalArgumentException("method '" + d.id() + "' declares a non-integer default acceleration "
                    + r + "; give --accel explicitly");
        }
        return new Protocol((int) r, d.defaultCalibrationLines());
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
        throw new IllegalArgumentException("protocol '" + text + "' is not ACCEL[:ACS] with whole numbers, e.g. 4:20");
    }

    public int acceleration() {
        return acceleration;
    }

    public int calibrationLines() {
        return calibrationLines;
    }

    /** The sampling pattern of this protocol for a matrix with the given number of phase-encode lines. */
    public SamplingPattern pattern(int phaseEncodes) {
        if (calibrationLines > phaseEncodes) {
            throw new IllegalArgumentException("protocol asks for " + calibrationLines + " calibration lines but the "
                    + "data has only " + phaseEncodes + " phase-encode lines");
        }
        return Masks.equispaced(phaseEncodes, acceleration, calibrationLines);
    }

    @Override
    public String toString() {
        return acceleration + "x/" + calibrationLines + " ACS";
    }
}
