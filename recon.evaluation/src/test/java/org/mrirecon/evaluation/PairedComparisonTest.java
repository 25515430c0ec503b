package org.mrirecon.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Checked against scipy.stats (fixtures/make_stats_fixture.py). */
class PairedComparisonTest {

    private static double[] array(JsonNode n) {
        double[] v = new double[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.get(i).asDouble();
        }
        return v;
    }

    @Test
    void matchesScipyStats() throws Exception {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/paired_stats.json")) {
            root = new ObjectMapper().readTree(in);
        }
        assertEquals(3, root.get("cases").size());
        for (JsonNode c : root.get("cases")) {
            PairedComparison p = PairedComparison.of(array(c.get("method")), array(c.get("reference")), true, 0.01);
            assertEquals(c.get("mean").asDouble(), p.meanDifference(), 1e-12);
            assertEquals(c.get("sd").asDouble(), p.sdDifference(), 1e-12);
            assertEquals(c.get("ci_low").asDouble(), p.ciLow(), 1e-9);
            assertEquals(c.get("ci_high").asDouble(), p.ciHigh(), 1e-9);
            assertEquals(c.get("p_value").asDouble(), p.pValue(), 1e-9);
        }
    }

    @Test
    void verdictsFollowTheConfidenceIntervalAndMargin() {
        double[] ref = {0.80, 0.82, 0.84, 0.86, 0.88};
        double[] same = {0.801, 0.819, 0.841, 0.859, 0.880};
        double[] better = {0.85, 0.87, 0.89, 0.91, 0.93};
        double[] worse = {0.70, 0.72, 0.74, 0.76, 0.78};
        assertEquals("equivalent", PairedComparison.of(same, ref, true, 0.01).verdict());
        assertEquals("superior", PairedComparison.of(better, ref, true, 0.01).verdict());
        PairedComparison w = PairedComparison.of(worse, ref, true, 0.01);
        assertFalse(w.nonInferior());
        assertEquals("not shown non-inferior", w.verdict());
        // lower is better (NMSE): a lower value is the better side
        assertEquals("superior", PairedComparison.of(worse, ref, false, 0.01).verdict());
        assertTrue(PairedComparison.of(worse, ref, true, 0.2).nonInferior());
    }

    @Test
    void rejectsTooFewOrMismatchedPairs() {
        assertThrows(IllegalArgumentException.class, () -> PairedComparison.of(new double[] {1}, new double[] {1},
                true, 0.1));
        assertThrows(IllegalArgumentException.class, () -> PairedComparison.of(new double[] {1, 2},
                new double[] {1}, true, 0.1));
    }
}
