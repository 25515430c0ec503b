package org.mrirecon.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.commons.math3.distribution.TDistribution;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The paired difference of one metric between a method and a reference method, with slices clustered by subject:
 * {@code d_ij = method_ij - reference_ij} for slice {@code j} of subject {@code i} (a subject is a dataset, a
 * volume; subjects may have different numbers of slices). Slices of one knee are not independent patients, so the
 * interval and the verdicts rest on the number of subjects {@code K}, not the number of slices {@code N}. For the
 * per-slice view (one dataset, no population claim) see {@link PairedComparison}.
 * <p>
 * <b>Method</b> (the seed study's analysis, Johnson et al., Radiology 2023: generalised estimating equations
 * clustered by patient): an intercept-only GEE of {@code d} with Gaussian family, identity link and an
 * <i>exchangeable</i> working correlation, fitted exactly as statsmodels' {@code GEE.fit()} does with its defaults,
 * so that the numbers can be reproduced there:
 * <ul>
 * <li>start at the plain mean; alternate one mean update (weighted least squares with the current working
 * correlation: a slice of subject {@code i} has weight {@code 1 / (1 + rho (n_i - 1))}) and one update of
 * {@code rho}; stop when the score {@code |sum_i w_i sum_j (d_ij - mu)|} falls below {@code 1e-6} after at least
 * one update of {@code rho}, at most 60 iterations (statsmodels' {@code ctol} and {@code maxiter}; the score is in
 * the metric's units, so the rule is not scale free, but its distance to the exact fixed point is orders of
 * magnitude below the standard error);</li>
 * <li>{@code rho} by statsmodels' moment estimator, with residuals {@code r = d - mu} and one degree of freedom for
 * the mean: {@code rho = [sum_i sum_{j<k} r_ij r_ik / (P - 1)] / [sum r^2 / (N - 1)]}, {@code P} the number of
 * within-subject pairs; 0 when no subject has two slices (statsmodels skips the update then);</li>
 * <li>the <i>robust</i> (sandwich) standard error statsmodels reports by default, without a small-sample correction:
 * {@code SE = sqrt(sum_i (w_i S_i)^2) / sum_i w_i n_i}, {@code S_i} the sum of subject {@code i}'s residuals. It is
 * valid whatever the true within-subject correlation; the working correlation only weights the subjects.</li>
 * </ul>
 * <b>Interval</b>: {@code estimate +- t_{K-1} SE}, Student's t with {@code K - 1} degrees of freedom, and the p-value
 * of {@code estimate / SE} from the same distribution. statsmodels' own {@code conf_int} and p-value use the normal
 * distribution, which with few subjects is anti-conservative (10 subjects: 1.96 instead of 2.26, an interval 13%
 * too narrow; 2 subjects: 1.96 instead of 12.7); the uncorrected sandwich is itself biased low by about
 * {@code sqrt((K - 1) / K)}, which the t quantile does not fully repair. With fewer than 2 subjects there is no
 * interval at all ({@link #hasInterval()}): one subject gives no population claim.
 * <p>
 * <b>Verdicts</b> at the metric's margin {@code m}, with the semantics of {@link PairedComparison}: superior (the
 * whole interval on the better side of 0), equivalent (inside {@code (-m, m)}), non-inferior (the worse end inside
 * the margin). The seed study's <b>interchangeability</b> reading is {@link #lossUpperBound()} {@code < m}: the upper
 * 95% bound of the loss (the difference counted in the worse direction) below the margin; with a two-sided 95%
 * interval it is the same criterion as non-inferiority, stated the seed's way.
 * <p>
 * Immutable and thread-safe: everything is computed in the factory.
 */
@ProviderType
public final class ClusteredComparison {

    /** Two-sided confidence level of the interval. */
    public static final double CONFIDENCE = 0.95;

    /** One line for the report: how the interval was computed. */
    public static final String METHOD = "GEE (Gaussian, identity link, exchangeable working correlation) clustered "
            + "by subject, robust (sandwich) standard error, 95% interval from Student's t with K - 1 degrees of "
            + "freedom";

    /** Why a single subject gives no interval. */
    public static final String ONE_SUBJECT = "one subject: no population claim can be made; slices of one subject "
            + "are not independent";

    /** statsmodels' default convergence tolerance on the score norm and its iteration limit. */
    private static final double CTOL = 1e-6;
    private static final int MAX_ITERATIONS = 60;

    private final int subjects;
    private final int slices;
    private final double estimate;
    private final double se;
    private final double rho;
    private final double ciLow;
    private final double ciHigh;
    private final double pValue;
    private final double margin;
    private final boolean higherIsBetter;
    private final List<String> notes;

    private ClusteredComparison(int subjects, int slices, double estimate, double se, double rho, double ciLow,
            double ciHigh, double pValue, double margin, boolean higherIsBetter, List<String> notes) {
        this.subjects = subjects;
        this.slices = slices;
        this.estimate = estimate;
        this.se = se;
        this.rho = rho;
        this.ciLow = ciLow;
        this.ciHigh = ciHigh;
        this.pValue = pValue;
        this.margin = margin;
        this.higherIsBetter = higherIsBetter;
        this.notes = List.copyOf(notes);
    }

    /**
     * @param method         the method's per-slice values
     * @param reference      the reference method's values on the same slices, in the same order
     * @param subjects       the subject (dataset) of every slice, in the same order; equal labels form a cluster
     * @param higherIsBetter true for SSIM and PSNR, false for NMSE
     * @param margin         equivalence / non-inferiority margin in the metric's units (> 0)
     * @throws IllegalArgumentException for no pairs, mismatched lengths, a missing label, a value that is not
     *                                  finite, or a margin that is not positive
     */
    public static ClusteredComparison of(double[] method, double[] reference, String[] subjects,
            boolean higherIsBetter, double margin) {
        if (method.length != reference.length) {
            throw new IllegalArgumentException("paired comparison needs the same slices: " + method.length + " vs "
                    + reference.length + " values");
        }
        double[] d = new double[method.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = method[i] - reference[i];
        }
        return ofDifferences(d, subjects, higherIsBetter, margin);
    }

    /**
     * @param differences    the per-slice differences {@code method - reference}
     * @param subjects       the subject (dataset) of every difference, in the same order
     * @param higherIsBetter true for SSIM and PSNR, false for NMSE
     * @param margin         equivalence / non-inferiority margin in the metric's units (> 0)
     * @throws IllegalArgumentException as {@link #of}
     */
    public static ClusteredComparison ofDifferences(double[] differences, String[] subjects, boolean higherIsBetter,
            double margin) {
        if (differences.length != subjects.length) {
            throw new IllegalArgumentException("every difference needs its subject: " + differences.length
                    + " differences, " + subjects.length + " subject labels");
        }
        if (differences.length == 0) {
            throw new IllegalArgumentException("a paired comparison needs at least one slice");
        }
        if (!(margin > 0)) {
            throw new IllegalArgumentException("margin must be positive, got " + margin);
        }
        for (double v : differences) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("differences must be finite, got " + v);
            }
        }
        double[][] clusters = clusters(differences, subjects);
        int k = clusters.length;
        int n = differences.length;
        double mean = 0;
        for (double v : differences) {
            mean += v;
        }
        mean /= n;
        if (k < 2) {
            // One cluster: every working correlation gives the plain mean, and its sandwich SE is 0 by construction
            // (the residuals sum to zero), which says nothing about other subjects.
            return new ClusteredComparison(k, n, mean, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    margin, higherIsBetter, List.of());
        }
        List<String> notes = new ArrayList<>();
        Fit fit = fitExchangeable(clusters, n, mean, notes);
        double se = fit.se();
        // commons-math inverts the CDF to 1e-9 by default; tighter so the interval is as exact as the SE
        TDistribution t = new TDistribution(null, k - 1, 1e-13);
        double tCrit = t.inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
        double p;
        if (se == 0) {
            // every subject's residuals sum to zero: a degenerate interval; keep PairedComparison's convention
            p = fit.mu() == 0 ? 1 : 0;
        } else {
            p = 2 * t.cumulativeProbability(-Math.abs(fit.mu() / se));
        }
        return new ClusteredComparison(k, n, fit.mu(), se, fit.rho(), fit.mu() - tCrit * se, fit.mu() + tCrit * se, p,
                margin, higherIsBetter, notes);
    }

    private record Fit(double mu, double rho, double se) {
    }

    /** Groups the differences by label, clusters in order of first appearance. */
    private static double[][] clusters(double[] d, String[] subjects) {
        Map<String, List<Double>> byLabel = new LinkedHashMap<>();
        for (int i = 0; i < d.length; i++) {
            String label = Objects.requireNonNull(subjects[i], "subject label of slice " + i);
            byLabel.computeIfAbsent(label, x -> new ArrayList<>()).add(d[i]);
        }
        double[][] out = new double[byLabel.size()][];
        int c = 0;
        for (List<Double> values : byLabel.values()) {
            out[c++] = values.stream().mapToDouble(Double::doubleValue).toArray();
        }
        return out;
    }

    /** statsmodels' GEE.fit() loop for an intercept, Gaussian family and the exchangeable working correlation. */
    private static Fit fitExchangeable(double[][] clusters, int n, double start, List<String> notes) {
        int maxSize = 0;
        for (double[] c : clusters) {
            maxSize = Math.max(maxSize, c.length);
        }
        // statsmodels never updates the dependence when every cluster has a single observation
        boolean updateDependence = maxSize > 1;
        double mu = start;
        double rho = 0;
        int dependenceUpdates = 0;
        boolean converged = false;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double score = 0;
            double information = 0;
            for (double[] c : clusters) {
                double w = weight(rho, c.length);
                score += w * residualSum(c, mu);
                information += w * c.length;
            }
            mu += score / information;
            // the score is evaluated before the update, as statsmodels' del_params
            if (Math.abs(score) < CTOL && (dependenceUpdates > 0 || !updateDependence)) {
                converged = true;
                break;
            }
            if (updateDependence) {
                rho = exchangeable(clusters, n, mu);
                dependenceUpdates++;
                if (!(rho < 1 && 1 + rho * (maxSize - 1) > 0)) {
                    // statsmodels would carry on with a working covariance that is not positive definite (negative
                    // or infinite weights); independence keeps the sandwich valid.
                    notes.add("exchangeable working correlation not estimable or not positive definite (rho = "
                            + rho + "): fitted with the independence working correlation (the plain mean with the "
                            + "cluster-robust standard error)");
                    return new Fit(start, 0, robustSe(clusters, start, 0));
                }
            }
        }
        if (!converged) {
            notes.add("GEE iteration limit (" + MAX_ITERATIONS + ") reached before convergence");
        }
        return new Fit(mu, rho, robustSe(clusters, mu, rho));
    }

    /**
     * {@code 1' V_i^-1 1 / n_i} for the exchangeable correlation matrix {@code V_i = (1 - rho) I + rho J}: every
     * slice of subject {@code i} gets this weight in the mean and the score.
     */
    private static double weight(double rho, int size) {
        return 1 / (1 + rho * (size - 1));
    }

    private static double residualSum(double[] c, double mu) {
        double s = 0;
        for (double v : c) {
            s += v - mu;
        }
        return s;
    }

    /**
     * statsmodels' Exchangeable.update with unit weights and variance function 1: the mean within-subject product of
     * residuals over the scale, each with one degree of freedom for the mean ({@code ddof_scale} = 1).
     */
    private static double exchangeable(double[][] clusters, int n, double mu) {
        double ssr = 0;
        double products = 0;
        double pairs = 0;
        for (double[] c : clusters) {
            double s = 0;
            double ss = 0;
            for (double v : c) {
                double r = v - mu;
                s += r;
                ss += r * r;
            }
            ssr += ss;
            products += (s * s - ss) / 2;
            pairs += 0.5 * c.length * (c.length - 1);
        }
        double scale = ssr / (n - 1);
        return products / scale / (pairs - 1);
    }

    /** The sandwich {@code B^-1 C B^-1} of the intercept, square-rooted. */
    private static double robustSe(double[][] clusters, double mu, double rho) {
        double bread = 0;
        double meat = 0;
        for (double[] c : clusters) {
            double w = weight(rho, c.length);
            double u = w * residualSum(c, mu);
            bread += w * c.length;
            meat += u * u;
        }
        return Math.sqrt(meat) / bread;
    }

    /** The number of subjects {@code K} (clusters). */
    public int subjects() {
        return subjects;
    }

    /** The number of paired slices {@code N}, all subjects together. */
    public int slices() {
        return slices;
    }

    /** The GEE estimate of the mean difference {@code method - reference}; the plain mean for one subject. */
    public double meanDifference() {
        return estimate;
    }

    /** The robust (sandwich) standard error of the estimate; NaN for one subject. */
    public double standardError() {
        return se;
    }

    /**
     * The estimated exchangeable working correlation of two slices of one subject; 0 when no subject has two slices
     * or when the estimate was unusable (see {@link #notes()}); NaN for one subject.
     */
    public double workingCorrelation() {
        return rho;
    }

    /** {@code K - 1}, the degrees of freedom of the t interval. */
    public int degreesOfFreedom() {
        return subjects - 1;
    }

    /** Whether there is an interval, a p-value and verdicts: at least 2 subjects. */
    public boolean hasInterval() {
        return subjects >= 2;
    }

    /** Why there is no interval, or empty when there is one. */
    public Optional<String> noIntervalReason() {
        return hasInterval() ? Optional.empty() : Optional.of(ONE_SUBJECT);
    }

    /**
     * @throws IllegalStateException without an interval ({@link #hasInterval()})
     */
    public double ciLow() {
        requireInterval();
        return ciLow;
    }

    /**
     * @throws IllegalStateException without an interval ({@link #hasInterval()})
     */
    public double ciHigh() {
        requireInterval();
        return ciHigh;
    }

    /**
     * Two-sided p-value for a zero mean difference (Wald statistic against Student's t with {@code K - 1} degrees
     * of freedom).
     *
     * @throws IllegalStateException without an interval ({@link #hasInterval()})
     */
    public double pValue() {
        requireInterval();
        return pValue;
    }

    /**
     * The upper 95% bound of the loss, the difference counted in the worse direction ({@code reference - method}
     * where higher is better, {@code method - reference} where lower is better); negative when the method is
     * better throughout the interval.
     *
     * @throws IllegalStateException without an interval ({@link #hasInterval()})
     */
    public double lossUpperBound() {
        requireInterval();
        return higherIsBetter ? -ciLow : ciHigh;
    }

    private void requireInterval() {
        if (!hasInterval()) {
            throw new IllegalStateException(ONE_SUBJECT);
        }
    }

    public double margin() {
        return margin;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The whole interval lies on the better side of 0; false without an interval. */
    public boolean superior() {
        return hasInterval() && (higherIsBetter ? ciLow > 0 : ciHigh < 0);
    }

    /** The method is not worse than the reference by more than the margin (95% interval); false without one. */
    public boolean nonInferior() {
        return hasInterval() && (higherIsBetter ? ciLow > -margin : ciHigh < margin);
    }

    /** The method differs from the reference by less than the margin either way (95% interval); false without one. */
    public boolean equivalent() {
        return hasInterval() && ciLow > -margin && ciHigh < margin;
    }

    /**
     * The seed study's reading: the upper 95% bound of the loss lies below the margin, so the method can replace the
     * reference; false without an interval. Equal to {@link #nonInferior()} by construction.
     */
    public boolean interchangeable() {
        return hasInterval() && lossUpperBound() < margin;
    }

    /**
     * A short verdict: "superior", else "equivalent", else "non-inferior", else "not shown non-inferior"; with one
     * subject "no population claim".
     */
    public String verdict() {
        if (!hasInterval()) {
            return "no population claim";
        }
        if (superior()) {
            return "superior";
        }
        if (equivalent()) {
            return "equivalent";
        }
        return nonInferior() ? "non-inferior" : "not shown non-inferior";
    }

    /** What the reader should know about this fit beyond the numbers (a fallback, no convergence); usually empty. */
    public List<String> notes() {
        return notes;
    }

    @Override
    public String toString() {
        if (!hasInterval()) {
            return "ClusteredComparison[K=" + subjects + ", N=" + slices + ", mean " + estimate + "; " + ONE_SUBJECT
                    + "]";
        }
        return "ClusteredComparison[K=" + subjects + ", N=" + slices + ", mean " + estimate + ", SE " + se + ", rho "
                + rho + ", 95% CI [" + ciLow + ", " + ciHigh + "], p " + pValue + ", " + verdict() + "]";
    }
}
