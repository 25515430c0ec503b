package org.mrirecon.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Checked against statsmodels' GEE and scipy (fixtures/make_clustered_fixture.py, clustered_stats.json). */
class ClusteredComparisonTest {

    /**
     * The class repeats statsmodels' iteration step for step, so agreement is at rounding level (observed below
     * 1e-13), far inside the 1e-3; the fixture's t quantile is polished to rounding level too.
     */
    private static final double TOLERANCE = 1e-12;

    private static double[] array(JsonNode n) {
        double[] v = new double[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.get(i).asDouble();
        }
        return v;
    }

    private static String[] labels(JsonNode n) {
        String[] v = new String[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.get(i).asText();
        }
        return v;
    }

    private static double deviation(double expected, double actual, double[] max, int slot, String what) {
        double dev = Math.abs(expected - actual);
        max[slot] = Math.max(max[slot], dev);
        assertEquals(expected, actual, TOLERANCE, what);
        return dev;
    }

    @Test
    void matchesStatsmodelsGee() throws Exception {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/clustered_stats.json")) {
            root = new ObjectMapper().readTree(in);
        }
        assertEquals(7, root.get("cases").size());
        double z = new NormalDistribution().inverseCumulativeProbability(0.975);
        // estimate, SE, rho, t interval ends, t p-value, statsmodels' normal interval ends
        double[] max = new double[7];
        for (JsonNode c : root.get("cases")) {
            String name = c.get("name").asText();
            ClusteredComparison g = ClusteredComparison.of(array(c.get("method")), array(c.get("reference")),
                    labels(c.get("subjects")), c.get("higher_is_better").asBoolean(), c.get("margin").asDouble());
            assertEquals(c.get("k").asInt(), g.subjects(), name);
            assertEquals(c.get("n").asInt(), g.slices(), name);
            assertTrue(g.hasInterval(), name);
            assertTrue(g.notes().isEmpty(), name + ": " + g.notes());
            deviation(c.get("estimate").asDouble(), g.meanDifference(), max, 0, name + " estimate");
            deviation(c.get("robust_se").asDouble(), g.standardError(), max, 1, name + " robust SE");
            deviation(c.get("working_correlation").asDouble(), g.workingCorrelation(), max, 2, name + " rho");
            deviation(c.get("ci_low").asDouble(), g.ciLow(), max, 3, name + " ci low");
            deviation(c.get("ci_high").asDouble(), g.ciHigh(), max, 3, name + " ci high");
            deviation(c.get("p_value").asDouble(), g.pValue(), max, 4, name + " p");
            // statsmodels' own (normal) interval from the same estimate and SE: the SE is the one it reports
            deviation(c.get("statsmodels_ci_low").asDouble(), g.meanDifference() - z * g.standardError(), max, 5,
                    name + " statsmodels ci low");
            deviation(c.get("statsmodels_ci_high").asDouble(), g.meanDifference() + z * g.standardError(), max, 5,
                    name + " statsmodels ci high");
            deviation(c.get("loss_upper_bound").asDouble(), g.lossUpperBound(), max, 6, name + " loss bound");
            assertEquals(c.get("verdict").asText(), g.verdict(), name);
        }
        System.out.printf("max |deviation| from statsmodels/scipy: estimate %.2e, SE %.2e, rho %.2e, t CI %.2e, "
                + "p %.2e, normal CI %.2e, loss bound %.2e%n", max[0], max[1], max[2], max[3], max[4], max[5],
                max[6]);
    }

    @Test
    void clustersByLabelNotByPosition() throws Exception {
        JsonNode c;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/clustered_stats.json")) {
            c = new ObjectMapper().readTree(in).get("cases").get(2);
        }
        double[] m = array(c.get("method"));
        double[] r = array(c.get("reference"));
        String[] s = labels(c.get("subjects"));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < m.length; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(5));
        double[] m2 = new double[m.length];
        double[] r2 = new double[m.length];
        String[] s2 = new String[m.length];
        for (int i = 0; i < m.length; i++) {
            m2[i] = m[order.get(i)];
            r2[i] = r[order.get(i)];
            s2[i] = s[order.get(i)];
        }
        ClusteredComparison shuffled = ClusteredComparison.of(m2, r2, s2, true, 0.5);
        assertEquals(c.get("estimate").asDouble(), shuffled.meanDifference(), TOLERANCE);
        assertEquals(c.get("robust_se").asDouble(), shuffled.standardError(), TOLERANCE);
        assertEquals(c.get("working_correlation").asDouble(), shuffled.workingCorrelation(), TOLERANCE);
    }

    /**
     * One slice per subject. Every V_i is the 1 x 1 matrix 1, so the working correlation never enters: the GEE
     * estimate solves sum_i (d_i - mu) = 0, the plain mean; the bread is B = sum_i 1 = K and the meat
     * C = sum_i (d_i - mean)^2, so the robust variance is C / B^2 and
     * SE = sqrt(sum_i (d_i - mean)^2) / K = sd * sqrt((K - 1) / K) / sqrt(K),
     * the paired t-test's standard error shrunk by sqrt((K - 1) / K) (no small-sample correction). statsmodels skips
     * the dependence update then, so rho = 0.
     */
    @Test
    void oneSlicePerSubjectIsThePlainMeanWithTheUncorrectedStandardError() {
        double[] d = {0.012, -0.004, 0.007, 0.001, 0.0095, -0.0021, 0.003};
        String[] s = {"a", "b", "c", "d", "e", "f", "g"};
        int k = d.length;
        double mean = 0;
        for (double v : d) {
            mean += v;
        }
        mean /= k;
        double ss = 0;
        for (double v : d) {
            ss += (v - mean) * (v - mean);
        }
        ClusteredComparison g = ClusteredComparison.ofDifferences(d, s, true, 0.01);
        assertEquals(mean, g.meanDifference(), 1e-15);
        assertEquals(Math.sqrt(ss) / k, g.standardError(), 1e-15);
        assertEquals(0, g.workingCorrelation());
        assertEquals(k - 1, g.degreesOfFreedom());
        // against PairedComparison on the same numbers: same centre, half-width shrunk by sqrt((K - 1) / K)
        PairedComparison p = PairedComparison.of(d, new double[k], true, 0.01);
        assertEquals(p.meanDifference(), g.meanDifference(), 1e-15);
        double shrink = Math.sqrt((k - 1.0) / k);
        assertEquals((p.ciHigh() - p.ciLow()) * shrink, g.ciHigh() - g.ciLow(), 1e-12);
    }

    /**
     * Balanced subjects: the weights are equal whatever rho, so the estimate is the mean of the subject means m_i
     * and SE = sqrt(sum_i (m_i - mean)^2) / K; with slice deviations that sum to zero within a subject the verdicts
     * follow from the subject means alone.
     */
    private static ClusteredComparison balanced(double[] subjectMeans, boolean higherIsBetter, double margin) {
        double[] deviations = {0.002, 0, -0.002};
        int k = subjectMeans.length;
        double[] d = new double[k * deviations.length];
        String[] s = new String[d.length];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < deviations.length; j++) {
                d[i * deviations.length + j] = subjectMeans[i] + deviations[j];
                s[i * deviations.length + j] = "subject" + i;
            }
        }
        ClusteredComparison g = ClusteredComparison.ofDifferences(d, s, higherIsBetter, margin);
        double mean = 0;
        for (double m : subjectMeans) {
            mean += m;
        }
        mean /= k;
        double ss = 0;
        for (double m : subjectMeans) {
            ss += (m - mean) * (m - mean);
        }
        double half = new TDistribution(null, k - 1, 1e-13).inverseCumulativeProbability(0.975) * Math.sqrt(ss) / k;
        assertEquals(mean, g.meanDifference(), 1e-15);
        assertEquals(mean - half, g.ciLow(), 1e-12);
        assertEquals(mean + half, g.ciHigh(), 1e-12);
        return g;
    }

    @Test
    void verdictsFollowTheIntervalTheMarginAndTheDirection() {
        // CI about [-0.0025, 0.0025]
        ClusteredComparison same = balanced(new double[] {0.001, -0.001, 0.002, -0.002}, true, 0.01);
        assertEquals("equivalent", same.verdict());
        assertTrue(same.equivalent() && same.nonInferior() && same.interchangeable() && !same.superior());
        // CI about [0.0289, 0.0311]
        ClusteredComparison better = balanced(new double[] {0.03, 0.031, 0.029, 0.030}, true, 0.01);
        assertEquals("superior", better.verdict());
        assertTrue(better.lossUpperBound() < 0);
        // the same differences where lower is better: worse by 3 margins
        ClusteredComparison worse = balanced(new double[] {0.03, 0.031, 0.029, 0.030}, false, 0.01);
        assertEquals("not shown non-inferior", worse.verdict());
        assertEquals(worse.ciHigh(), worse.lossUpperBound());
        assertFalse(worse.nonInferior() || worse.interchangeable() || worse.equivalent());
        // CI about [-0.0026, 0.0226]: the worse end inside the margin, the better end beyond it
        ClusteredComparison wide = balanced(new double[] {0.0, 0.015, 0.005, 0.02}, true, 0.01);
        assertEquals("non-inferior", wide.verdict());
        assertEquals(-wide.ciLow(), wide.lossUpperBound());
        assertTrue(wide.interchangeable() && !wide.equivalent());
        // mirrored for lower is better
        ClusteredComparison wideLower = balanced(new double[] {0.0, -0.015, -0.005, -0.02}, false, 0.01);
        assertEquals("non-inferior", wideLower.verdict());
        assertEquals(wide.lossUpperBound(), wideLower.lossUpperBound(), 1e-15);
        // CI about [-0.0226, 0.0026]: may be worse by more than the margin
        ClusteredComparison lossy = balanced(new double[] {-0.02, -0.005, -0.015, 0.0}, true, 0.01);
        assertEquals("not shown non-inferior", lossy.verdict());
        assertTrue(lossy.lossUpperBound() > lossy.margin() && !lossy.interchangeable());
        // interchangeability is non-inferiority stated the seed's way
        for (ClusteredComparison g : List.of(same, better, worse, wide, wideLower, lossy)) {
            assertEquals(g.nonInferior(), g.interchangeable());
        }
    }

    @Test
    void slicesOfTwoKneesAreNotSeventyPatients() {
        // 2 subjects x 35 slices: tight within a knee, the knees differ. Per slice the interval excludes the margin's
        // worry; clustered, one degree of freedom leaves nothing shown.
        double[] d = new double[70];
        String[] s = new String[70];
        for (int j = 0; j < 35; j++) {
            d[j] = 0.001 + 0.0005 * Math.sin(j);
            s[j] = "knee1";
            d[35 + j] = -0.004 + 0.0005 * Math.cos(j);
            s[35 + j] = "knee2";
        }
        PairedComparison perSlice = PairedComparison.of(d, new double[70], true, 0.01);
        assertEquals("equivalent", perSlice.verdict());
        ClusteredComparison g = ClusteredComparison.ofDifferences(d, s, true, 0.01);
        assertEquals(1, g.degreesOfFreedom());
        assertTrue(g.ciHigh() - g.ciLow() > 5 * (perSlice.ciHigh() - perSlice.ciLow()));
        assertEquals("not shown non-inferior", g.verdict());
        assertTrue(g.workingCorrelation() > 0.9, "the knee explains nearly all the variation: " + g);
    }

    @Test
    void oneSubjectMakesNoPopulationClaim() {
        double[] d = {0.01, 0.012, 0.011, 0.009, 0.0105};
        String[] s = {"knee", "knee", "knee", "knee", "knee"};
        ClusteredComparison g = ClusteredComparison.ofDifferences(d, s, true, 0.01);
        assertEquals(1, g.subjects());
        assertEquals(5, g.slices());
        assertEquals(0.01050, g.meanDifference(), 1e-15);
        assertFalse(g.hasInterval());
        assertEquals(ClusteredComparison.ONE_SUBJECT, g.noIntervalReason().orElseThrow());
        assertTrue(g.noIntervalReason().orElseThrow().contains("no population claim"));
        assertTrue(Double.isNaN(g.standardError()));
        assertTrue(Double.isNaN(g.workingCorrelation()));
        assertThrows(IllegalStateException.class, g::ciLow);
        assertThrows(IllegalStateException.class, g::ciHigh);
        assertThrows(IllegalStateException.class, g::pValue);
        assertThrows(IllegalStateException.class, g::lossUpperBound);
        assertFalse(g.superior() || g.equivalent() || g.nonInferior() || g.interchangeable());
        assertEquals("no population claim", g.verdict());
        assertTrue(g.toString().contains("no population claim"));
        // a single slice too
        assertFalse(ClusteredComparison.ofDifferences(new double[] {0.1}, new String[] {"x"}, true, 0.1)
                .hasInterval());
        // with 2 subjects there is an interval
        assertTrue(ClusteredComparison.ofDifferences(new double[] {0.1, 0.2}, new String[] {"x", "y"}, true, 0.1)
                .noIntervalReason().isEmpty());
    }

    @Test
    void anUnusableWorkingCorrelationFallsBackToIndependence() {
        // one within-subject pair: the moment estimator divides by P - 1 = 0 (statsmodels returns NaN here)
        double[] d = {0.01, 0.03, 0.02, -0.01, 0.005};
        String[] s = {"a", "a", "b", "c", "d"};
        ClusteredComparison g = ClusteredComparison.ofDifferences(d, s, true, 0.01);
        assertEquals(0.011, g.meanDifference(), 1e-15);
        assertEquals(0, g.workingCorrelation());
        assertEquals(1, g.notes().size());
        // independence: the plain mean, SE = sqrt(sum_i S_i^2) / N with S_i the subject's residual sum
        double se = Math.sqrt(Math.pow(0.01 + 0.03 - 2 * 0.011, 2) + Math.pow(0.02 - 0.011, 2)
                + Math.pow(-0.01 - 0.011, 2) + Math.pow(0.005 - 0.011, 2)) / 5;
        assertEquals(se, g.standardError(), 1e-15);
        // all differences equal: no scale to estimate rho with (statsmodels fails); a zero-width interval
        ClusteredComparison flat = ClusteredComparison.ofDifferences(new double[] {0, 0, 0, 0, 0, 0},
                new String[] {"a", "a", "b", "b", "c", "c"}, true, 0.01);
        assertEquals(0, flat.standardError());
        assertEquals(0, flat.ciLow());
        assertEquals(1, flat.pValue());
        assertEquals("equivalent", flat.verdict());
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> ClusteredComparison.of(new double[] {1, 2},
                new double[] {1}, new String[] {"a", "b"}, true, 0.1));
        assertThrows(IllegalArgumentException.class, () -> ClusteredComparison.ofDifferences(new double[] {1, 2},
                new String[] {"a"}, true, 0.1));
        assertThrows(IllegalArgumentException.class, () -> ClusteredComparison.ofDifferences(new double[0],
                new String[0], true, 0.1));
        assertThrows(IllegalArgumentException.class, () -> ClusteredComparison.ofDifferences(new double[] {1, 2},
                new String[] {"a", "b"}, true, 0));
        assertThrows(IllegalArgumentException.class, () -> ClusteredComparison.ofDifferences(
                new double[] {1, Double.NaN}, new String[] {"a", "b"}, true, 0.1));
        assertThrows(NullPointerException.class, () -> ClusteredComparison.ofDifferences(new double[] {1, 2},
                new String[] {"a", null}, true, 0.1));
    }
}
