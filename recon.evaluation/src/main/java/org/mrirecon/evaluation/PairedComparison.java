package org.mrirecon.evaluation;

import org.apache.commons.math3.distribution.TDistribution;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Paired per-slice differences of one metric between a method and a reference method on the same slices:
 * {@code d_i = method_i - reference_i}. Reports mean, sample SD (n - 1), the two-sided 95% confidence interval of
 * the mean from Student's t, the paired t-test p-value, and two verdicts at a stated margin {@code m}:
 * <ul>
 * <li><b>non-inferior</b>: the whole 95% CI lies above {@code -m} (for a metric where higher is better; below
 * {@code +m} where lower is better);</li>
 * <li><b>equivalent</b>: the whole 95% CI lies inside {@code (-m, +m)} (interchangeable within the margin), the
 * criterion the seed study applied to reader agreement (upper 95% bound of the difference below 5%).</li>
 * </ul>
 * Slices of one volume are not independent samples of patients; the interval describes this dataset, not a
 * population. Immutable.
 */
@ProviderType
public final class PairedComparison {

    /** Two-sided confidence level of the interval. */
    public static final double CONFIDENCE = 0.95;

    private final int n;
    private final double mean;
    private final double sd;
    private final double ciLow;
    private final double ciHigh;
    private final double pValue;
    private final double margin;
    private final boolean higherIsBetter;

    private PairedComparison(int n, double mean, double sd, double ciLow, double ciHigh, double pValue, double margin,
            boolean higherIsBetter) {
        this.n = n;
        this.mean = mean;
        this.sd = sd;
        this.ciLow = ciLow;
        this.ciHigh = ciHigh;
        this.pValue = pValue;
        this.margin = margin;
        this.higherIsBetter = higherIsBetter;
    }

    /**
     * @param method         the method's per-slice values
     * @param reference      the reference method's values on the same slices, in the same order
     * @param higherIsBetter true for SSIM and PSNR, false for NMSE
     * @param margin         equivalence / non-inferiority margin in the metric's units (> 0)
     * @throws IllegalArgumentException for fewer than 2 pairs or mismatched lengths
     */
    public static PairedComparison of(double[] method, double[] reference, boolean higherIsBetter, double margin) {
        if (method.length != reference.length) {
            throw new IllegalArgumentException("paired comparison needs the same slices: " + method.length + " vs "
                    + reference.length + " values");
        }
        int n = method.length;
        if (n < 2) {
            throw new IllegalArgumentException("a confidence interval needs at least 2 slices, got " + n);
        }
        if (!(margin > 0)) {
            throw new IllegalArgumentException("margin must be positive, got " + margin);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += method[i] - reference[i];
        }
        double mean = sum / n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double d = method[i] - reference[i] - mean;
            ss += d * d;
        }
        double sd = Math.sqrt(ss / (n - 1));
        double se = sd / Math.sqrt(n);
        TDistribution t = new TDistribution(n - 1);
        double tCrit = t.inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
        double p;
        if (se == 0) {
            p = mean == 0 ? 1 : 0;
        } else {
            p = 2 * t.cumulativeProbability(-Math.abs(mean / se));
        }
        return new PairedComparison(n, mean, sd, mean - tCrit * se, mean + tCrit * se, p, margin, higherIsBetter);
    }

    public int n() {
        return n;
    }

    /** Mean of method - reference. */
    public double meanDifference() {
        return mean;
    }

    /** Sample standard deviation of the differences. */
    public double sdDifference() {
        return sd;
    }

    public double ciLow() {
        return ciLow;
    }

    public double ciHigh() {
        return ciHigh;
    }

    /** Two-sided paired t-test p-value for a zero mean difference. */
    public double pValue() {
        return pValue;
    }

    public double margin() {
        return margin;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The method is not worse than the reference by more than the margin (95% CI). */
    public boolean nonInferior() {
        return higherIsBetter ? ciLow > -margin : ciHigh < margin;
    }

    /** The method differs from the reference by less than the margin in either direction (95% CI). */
    public boolean equivalent() {
        return ciLow > -margin && ciHigh < margin;
    }

    /**
     * A short verdict: "superior" (the whole CI on the better side of 0), else "equivalent", else "non-inferior",
     * else "not shown non-inferior".
     */
    public String verdict() {
        if (higherIsBetter ? ciLow > 0 : ciHigh < 0) {
            return "superior";
        }
        if (equivalent()) {
            return "equivalent";
        }
        return nonInferior() ? "non-inferior" : "not shown non-inferior";
    }
}
