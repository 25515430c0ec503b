package org.mrirecon.phantom.internal;

import java.util.EnumMap;
import java.util.Map;

import org.mrirecon.phantom.Contrast;

/**
 * Relative signal of each tissue on a 3 T turbo-spin-echo knee scan, scaled so that PD fat is 1. The values are
 * read off clinical images rather than computed from T1/T2/PD: they fix the appearance a radiologist expects
 * (fat bright on PD and dark with fat saturation, fluid brightest on T2 FS, menisci and tendons nearly black).
 */
public final class TissueTable {

    /** Cartilage on PD: the tissue the configured SNR refers to. */
    public static final double SNR_REFERENCE = 0.58;

    private static final Map<Contrast, double[]> TABLE = new EnumMap<>(Contrast.class);

    static {
        // SKIN, FAT, MUSCLE, MARROW, CORTEX, CARTILAGE, CARTILAGE_DEEP, MENISCUS, LIGAMENT, TENDON, FLUID, ARTERY,
        // VEIN, NERVE
        TABLE.put(Contrast.PD, new double[] {
            0.45, 1.00, 0.36, 0.90, 0.03, 0.58, 0.44, 0.05, 0.20, 0.06, 0.66, 0.15, 0.40, 0.48});
        TABLE.put(Contrast.PD_FS, new double[] {
            0.35, 0.07, 0.33, 0.10, 0.02, 0.54, 0.40, 0.04, 0.17, 0.05, 0.95, 0.12, 0.45, 0.50});
        TABLE.put(Contrast.T2_FS, new double[] {
            0.20, 0.05, 0.18, 0.06, 0.01, 0.30, 0.19, 0.02, 0.10, 0.03, 1.00, 0.08, 0.50, 0.38});
    }

    private final double[] values;

    public TissueTable(Contrast contrast) {
        this.values = TABLE.get(contrast);
    }

    public double intensity(Tissue tissue) {
        return values[tissue.ordinal()];
    }
}
