package org.mrirecon.phantom;

/** Image contrast of the simulated turbo-spin-echo sequence; it sets the tissue intensities. */
public enum Contrast {
    /** Proton density: fat and fatty marrow bright, fluid intermediate-bright, cartilage intermediate. */
    PD("Sag PD (phantom)", 3000, 8),
    /** Proton density with fat suppression: fat and marrow dark, fluid bright, cartilage intermediate. */
    PD_FS("Sag PD FS (phantom)", 3500, 8),
    /** T2 with fat suppression: fluid very bright, cartilage and muscle darker than on PD. */
    T2_FS("Sag T2 FS (phantom)", 4000, 12);

    private final String protocolName;
    private final double repetitionTimeMs;
    private final int echoTrainLength;

    Contrast(String protocolName, double repetitionTimeMs, int echoTrainLength) {
        this.protocolName = protocolName;
        this.repetitionTimeMs = repetitionTimeMs;
        this.echoTrainLength = echoTrainLength;
    }

    /** The protocol name written into the acquisition header, e.g. "Sag PD (phantom)". */
    public String protocolName() {
        return protocolName;
    }

    /** TR of the simulated turbo-spin-echo protocol, for scan-time accounting. */
    public double repetitionTimeMs() {
        return repetitionTimeMs;
    }

    /** Echo-train length of the simulated protocol. */
    public int echoTrainLength() {
        return echoTrainLength;
    }
}
