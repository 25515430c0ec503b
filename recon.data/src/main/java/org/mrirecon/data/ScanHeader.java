package org.mrirecon.data;

import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What a scan was, beyond its k-space: field of view, slice thickness, the timing that scan-time accounting needs
 * and the protocol's name. Matrix, coils and acceleration are not here: the k-space and the sampling pattern hold
 * them. Immutable; build with {@link #builder()}.
 *
 * <p>Defaults, where a source does not say otherwise, describe a clinical 2-D knee proton-density TSE:
 * FOV 140 x 140 mm, slice 3 mm, TR 3000 ms, echo-train length 8, one average.
 */
@ProviderType
public final class ScanHeader {

    private final double fovPhaseMm;
    private final double fovReadoutMm;
    private final double sliceThicknessMm;
    private final double repetitionTimeMs;
    private final int echoTrainLength;
    private final int averages;
    private final String protocolName;

    private ScanHeader(Builder b) {
        this.fovPhaseMm = b.fovPhaseMm;
        this.fovReadoutMm = b.fovReadoutMm;
        this.sliceThicknessMm = b.sliceThicknessMm;
        this.repetitionTimeMs = b.repetitionTimeMs;
        this.echoTrainLength = b.echoTrainLength;
        this.averages = b.averages;
        this.protocolName = b.protocolName;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The clinical knee PD TSE defaults (see the class comment). */
    public static ScanHeader defaults() {
        return builder().build();
    }

    /** A builder pre-filled with this header's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.fovPhaseMm = fovPhaseMm;
        b.fovReadoutMm = fovReadoutMm;
        b.sliceThicknessMm = sliceThicknessMm;
        b.repetitionTimeMs = repetitionTimeMs;
        b.echoTrainLength = echoTrainLength;
        b.averages = averages;
        b.protocolName = protocolName;
        return b;
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

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ScanHeader)) {
            return false;
        }
        ScanHeader h = (ScanHeader) o;
        return Double.compare(fovPhaseMm, h.fovPhaseMm) == 0 && Double.compare(fovReadoutMm, h.fovReadoutMm) == 0
                && Double.compare(sliceThicknessMm, h.sliceThicknessMm) == 0
                && Double.compare(repetitionTimeMs, h.repetitionTimeMs) == 0 && echoTrainLength == h.echoTrainLength
                && averages == h.averages && protocolName.equals(h.protocolName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fovPhaseMm, fovReadoutMm, sliceThicknessMm, repetitionTimeMs, echoTrainLength, averages,
                protocolName);
    }

    @Override
    public String toString() {
        return String.format("ScanHeader[%sFOV %.0fx%.0f mm, slice %.1f mm, TR %.0f ms, ETL %d, NEX %d]",
                protocolName.isEmpty() ? "" : protocolName + ", ", fovPhaseMm, fovReadoutMm, sliceThicknessMm,
                repetitionTimeMs, echoTrainLength, averages);
    }

    /** Builder for {@link ScanHeader}; every value is checked when {@link #build()} is called. */
    public static final class Builder {
        private double fovPhaseMm = 140;
        private double fovReadoutMm = 140;
        private double sliceThicknessMm = 3;
        private double repetitionTimeMs = 3000;
        private int echoTrainLength = 8;
        private int averages = 1;
        private String protocolName = "";

        private Builder() {
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

        public ScanHeader build() {
            require(fovPhaseMm > 0 && fovReadoutMm > 0, "field of view must be positive");
            require(sliceThicknessMm > 0, "slice thickness must be positive");
            require(repetitionTimeMs > 0, "TR must be positive, got " + repetitionTimeMs);
            require(echoTrainLength >= 1, "echo-train length must be at least 1, got " + echoTrainLength);
            require(averages >= 1, "averages must be at least 1, got " + averages);
            return new ScanHeader(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException("invalid scan header: " + message);
            }
        }
    }
}
