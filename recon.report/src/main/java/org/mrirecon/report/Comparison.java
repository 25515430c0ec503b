package org.mrirecon.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The results of several methods on the same data, one of them the reference method for the paired statistics,
 * with the statistics computed: for every other method, SSIM, PSNR and NMSE paired per slice against the reference.
 */
@ProviderType
public final class Comparison {

    /** Default margins: SSIM 0.01, PSNR 0.5 dB, NMSE 0.0005 (absolute differences). */
    public static final double SSIM_MARGIN = 0.01;
    public static final double PSNR_MARGIN = 0.5;
    public static final double NMSE_MARGIN = 0.0005;

    private final String dataName;
    private final int rows;
    private final int cols;
    private final float[][] reference;
    private final List<MethodResult> results;
    private final MethodResult referenceMethod;
    private final Map<String, Map<String, PairedComparison>> statistics = new LinkedHashMap<>();

    /**
     * @param reference      reference images {@code [slice][y * cols + x]}, or null for data without one
     * @param referenceLabel label ({@code id@R:ACS}) or id of the reference method; null picks the first GRAPPA
     *                       result at 2x if there is one, else the first result
     * @throws IllegalArgumentException if the reference label matches no result
     */
    public Comparison(String dataName, int rows, int cols, float[][] reference, List<MethodResult> results,
            String referenceLabel) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("a comparison needs at least one method result");
        }
        this.dataName = dataName;
        this.rows = rows;
        this.cols = cols;
        this.reference = reference;
        this.results = List.copyOf(results);
        this.referenceMethod = pickReference(results, referenceLabel);
        if (reference != null && reference.length >= 2) {
            for (MethodResult r : results) {
                if (r == referenceMethod) {
                    continue;
                }
                Map<String, PairedComparison> m = new LinkedHashMap<>();
                m.put("SSIM", PairedComparison.of(r.sliceSsim, referenceMethod.sliceSsim, true, SSIM_MARGIN));
                m.put("PSNR", PairedComparison.of(r.slicePsnr, referenceMethod.slicePsnr, true, PSNR_MARGIN));
                m.put("NMSE", PairedComparison.of(r.sliceNmse, referenceMethod.sliceNmse, false, NMSE_MARGIN));
                statistics.put(r.label(), m);
            }
        }
    }

    private static MethodResult pickReference(List<MethodResult> results, String label) {
        if (label != null) {
            for (MethodResult r : results) {
                if (r.label().equals(label) || r.methodId.equals(label)) {
                    return r;
                }
            }
            List<String> labels = new ArrayList<>();
            results.forEach(r -> labels.add(r.label()));
            throw new IllegalArgumentException("reference method '" + label + "' is not among the compared methods "
                    + labels);
        }
        for (MethodResult r : results) {
            if (r.methodId.equals("grappa") && r.acceleration == 2) {
                return r;
            }
        }
        return results.get(0);
    }

    public String dataName() {
        return dataName;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int slices() {
        return results.get(0).images.size();
    }

    /** Whether the data had a reference (else there are no scores, statistics or error maps). */
    public boolean hasReference() {
        return reference != null;
    }

    /** Reference images {@code [slice][y * cols + x]}, or null when the data has none. */
    public float[][] reference() {
        return reference;
    }

    public List<MethodResult> results() {
        return results;
    }

    public MethodResult referenceMethod() {
        return referenceMethod;
    }

    /**
     * Paired statistics of a method against the reference method, by metric name (SSIM, PSNR, NMSE); empty for the
     * reference method itself and for single-slice data.
     */
    public Map<String, PairedComparison> statistics(MethodResult r) {
        return statistics.getOrDefault(r.label(), Map.of());
    }

    /** Fraction of the reference protocol's scan time saved (0.44 for 5:33 vs 9:56). */
    public double scanTimeSaving(MethodResult r) {
        return 1 - r.scanTimeSeconds / referenceMethod.scanTimeSeconds;
    }
}
