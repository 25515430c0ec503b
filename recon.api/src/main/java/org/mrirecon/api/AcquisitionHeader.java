package org.mrirecon.api;

import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Acquisition parameters of one scan: matrix, field of view, coils, acceleration and the timing that scan-time
 * accounting needs. Immutable; build with {@link #builder(int, int, int)}.
 *
 * <p>Defaults, where a source does not say otherwise, describe a clinical 2-D knee proton-density TSE:
 * FOV 140 x 140 mm, slice 3 mm, TR 3000 ms, echo-train length 8, one average.
 */
@ProviderType
public final class AcquisitionHeader {

    private final int phaseEncodes;
    private final int readouts;
    private final int coils;
    private final int slices;
    private final double fovPhaseMm;
    private final double fovReadoutMm;
    private final double sliceThicknessMm;
    private final double nominalAcceleration;
    private final double effectiveAcceleration;
    private final int calibrationLines;
    private final double repetitionTimeMs;
    private final int echoTrainLength;
    private final int averages;
    private final String protocolName;

    private AcquisitionHeader(Builder b) {
        this.phaseEncodes = b.phaseEncodes;
        this.readouts = b.readouts;
        this.coils = b.coils;
        this.slices = b.slices;
        this.fovPhaseMm = b.fovPhaseMm;
        this.fovReadoutMm = b.fovReadoutMm;
        this.sliceThicknessMm = b.sliceThicknessMm;
        this.nominalAcceleration = b.nominalAcceleration;
        this.effectiveAcceleration = b.effectiveAcceleration;
        this.calibrationLines = b.calibrationLines;
        this.repetitionTimeMs = b.repetitionTimeMs;
        this.echoTrainLength = b.echoTrainLength;
        this.averages = b.averages;
        this.protocolName = b.protocolName;
    }

    /** Starts a header for the given matrix (phase-encode lines x readout samples) and coil count. */
    public static Builder builder(int phaseEncodes, int readouts, int coils) {
        return new Builder(phaseEncodes, readouts, coils);
    }

    /** A builder pre-filled with this header's values. */
    public Builder toBuilder() {
        Builder b = new Builder(phaseEncodes, readouts, coils);
        b.slices = slices;
        b.fovPhaseMm = fovPhaseMm;
        b.fovReadoutMm = fovReadoutMm;
        b.sliceThicknessMm = sliceThicknessMm;
        b.nominalAcceleration = nominalAcceleration;
        b.effectiveAcceleration = effectiveAcceleration;
        b.calibrationLines = calibrationLines;
        b.repetitionTimeMs = repetitionTimeMs;
        b.echoTrainLength = echoTrainLength;
        b.averages = averages;
        b.protocolName = protocolName;
        return b;
    }

    public int phaseEncodes() {
        return phaseEncodes;
    }

    public int readouts() {
        return readouts;
    }

    public int coils() {
        return coils;
    }

    public int slices() {
        return slices;
    }

    public double fovPhaseMm() {
        return fovPhaseMm;
    }

    public double fovReadoutMm() {
        return fovReadoutMm;
    }

    public double sliceThicknessMm() {
        return sliceThicknessMm;
    }

    /** The acceleration the protocol names (e.g. 2 for "GRAPPA 2x"). */
    public double nominalAcceleration() {
        return nominalAcceleration;
    }

    /** Phase-encode lines of the full matrix divided by lines actually acquired (ACS lines included). */
    public double effectiveAcceleration() {
        return effectiveAcceleration;
    }

    /** Number of fully sampled calibration (ACS) lines. */
    public int calibrationLines() {
        return calibrationLines;
    }

    public double repetitionTimeMs() {
        return repetitionTimeMs;
    }

    public int echoTrainLength() {
        return echoTrainLength;
    }

    public int averages() {
        return averages;
    }

    /** Free-text protocol name, e.g. "Sag PD"; never null. */
    public String protocolName() {
        return protocolName;
    }

    /**
     * Acquisition time of an interleaved multi-slice 2-D turbo-spin-echo scan with this header's timing:
     * {@code TR x ceil(acquiredLines / echoTrainLength) x averages}. All slices are assumed to fit into one TR, as
     * in clinical knee protocols, so the slice count does not multiply the time.
     *
     * @param acquiredLines phase-encode lines acquired per slice, calibration lines included
     */
    public double scanTimeSeconds(int acquiredLines) {
        long shots = (acquiredLines + echoTrainLength - 1) / echoTrainLength;
        return repetitionTimeMs * shots * averages / 1000.0;
    }

    /** Scan time for the effective acceleration recorded in this header. */
    public double scanTimeSeconds() {
        return scanTimeSeconds((int) Math.round(phaseEncodes / effectiveAcceleration));
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AcquisitionHeader)) {
            return false;
        }
        AcquisitionHeader h = (AcquisitionHeader) o;
        return phaseEncodes == h.phaseEncodes && readouts == h.readouts && coils == h.coils && slices == h.slices
                && Double.compare(fovPhaseMm, h.fovPhaseMm) == 0 && Double.compare(fovReadoutMm, h.fovReadoutMm) == 0
                && Double.compare(sliceThicknessMm, h.sliceThicknessMm) == 0
                && Double.compare(nominalAcceleration, h.nominalAcceleration) == 0
                && Double.compare(effectiveAcceleration, h.effectiveAcceleration) == 0
                && calibrationLines == h.calibrationLines && Double.compare(repetitionTimeMs, h.repetitionTimeMs) == 0
                && echoTrainLength == h.echoTrainLength && averages == h.averages
                && protocolName.equals(h.protocolName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(phaseEncodes, readouts, coils, slices, nominalAcceleration, calibrationLines,
                protocolName);
    }

    @Override
    public String toString() {
        return String.format("AcquisitionHeader[%s %dx%d, %d coils, %d slices, R=%.2f (eff %.2f), ACS %d, "
                + "TR %.0f ms, ETL %d, NEX %d]", protocolName.isEmpty() ? "" : protocolName, phaseEncodes, readouts,
                coils, slices, nominalAcceleration, effectiveAcceleration, calibrationLines, repetitionTimeMs,
                echoTrainLength, averages);
    }

    /** Builder for {@link AcquisitionHeader}; every value is checked when {@link #build()} is called. */
    public static final class Builder {
        private final int phaseEncodes;
        private final int readouts;
        private final int coils;
        private int slices = 1;
        private double fovPhaseMm = 140;
        private double fovReadoutMm = 140;
        private double sliceThicknessMm = 3;
        private double nominalAcceleration = 1;
        private double effectiveAcceleration = 1;
        private int calibrationLines;
        private double repetitionTimeMs = 3000;
        private int echoTrainLength = 8;
        private int averages = 1;
        private String protocolName = "";

        private Builder(int phaseEncodes, int readouts, int coils) {
            this.phaseEncodes = phaseEncodes;
            this.readouts = readouts;
            this.coils = coils;
        }

        public Builder slices(int n) {
            this.slices = n;
            return this;
        }

        public Builder fieldOfViewMm(double phase, double readout) {
            this.fovPhaseMm = phase;
            this.fovReadoutMm = readout;
            return this;
        }

        public Builder sliceThicknessMm(double mm) {
            this.sliceThicknessMm = mm;
            return this;
        }

        public Builder nominalAcceleration(double r) {
            this.nominalAcceleration = r;
            return this;
        }

        public Builder effectiveAcceleration(double r) {
            this.effectiveAcceleration = r;
            return this;
        }

        public Builder calibrationLines(int n) {
            this.calibrationLines = n;
            return this;
        }

        /** Sets effective acceleration and ACS count from a sampling pattern. */
        public Builder sampling(SamplingPattern pattern) {
            this.effectiveAcceleration = pattern.effectiveAcceleration();
            this.calibrationLines = pattern.calibrationLines();
            return this;
        }

        public Builder repetitionTimeMs(double ms) {
            this.repetitionTimeMs = ms;
            return this;
        }

        public Builder echoTrainLength(int n) {
            this.echoTrainLength = n;
            return this;
        }

        public Builder averages(int n) {
            this.averages = n;
            return this;
        }

        public Builder protocolName(String name) {
            this.protocolName = name == null ? "" : name;
            return this;
        }

        public AcquisitionHeader build() {
            require(phaseEncodes >= 1 && readouts >= 1, "matrix must be at least 1x1, got " + phaseEncodes + "x"
                    + readouts);
            require(coils >= 1, "coil count must be at least 1, got " + coils);
            require(slices >= 1, "slice count must be at least 1, got " + slices);
            require(fovPhaseMm > 0 && fovReadoutMm > 0, "field of view must be positive");
            require(sliceThicknessMm > 0, "slice thickness must be positive");
            require(nominalAcceleration >= 1, "nominal acceleration must be >= 1, got " + nominalAcceleration);
            require(effectiveAcceleration >= 1, "effective acceleration must be >= 1, got " + effectiveAcceleration);
            require(calibrationLines >= 0 && calibrationLines <= phaseEncodes,
                    "calibration lines must lie in [0, " + phaseEncodes + "], got " + calibrationLines);
            require(repetitionTimeMs > 0, "TR must be positive, got " + repetitionTimeMs);
            require(echoTrainLength >= 1, "echo-train length must be at least 1, got " + echoTrainLength);
            require(averages >= 1, "averages must be at least 1, got " + averages);
            return new AcquisitionHeader(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException("invalid acquisition header: " + message);
            }
        }
    }
}
