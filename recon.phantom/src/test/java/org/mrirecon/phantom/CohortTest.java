package org.mrirecon.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CohortTest {

    @Test
    void subjectsAreDeterministicAndDistinct() {
        Cohort cohort = Cohort.of(PhantomConfig.defaults());
        List<PhantomConfig> a = cohort.subjects(20);
        List<PhantomConfig> b = Cohort.of(PhantomConfig.defaults()).subjects(20);
        assertEquals(a, b);
        assertEquals(a.get(7), cohort.subject(7));
        Set<Long> seeds = new HashSet<>();
        for (PhantomConfig c : a) {
            assertTrue(seeds.add(c.seed()));
            assertNotEquals(42, c.seed());
        }
        assertNotEquals(a, Cohort.of(PhantomConfig.builder().seed(43).build()).subjects(20),
                "another base seed, another cohort");
    }

    @Test
    void subjectsVaryWithinTheStatedRangesAndKeepTheProtocol() {
        PhantomConfig base = PhantomConfig.defaults();
        Set<Integer> coils = new HashSet<>();
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        for (PhantomConfig c : Cohort.of(base).subjects(300)) {
            assertTrue(c.coils() >= 12 && c.coils() <= 16, "coils " + c.coils());
            coils.add(c.coils());
            assertTrue(c.snr() >= 25 - 1e-9 && c.snr() < 50, "SNR " + c.snr());
            lowest = Math.min(lowest, c.snr());
            highest = Math.max(highest, c.snr());
            assertEquals(Cohort.ANATOMY_JITTER, c.anatomyJitter());
            assertEquals(base.phaseEncodes(), c.phaseEncodes());
            assertEquals(base.readouts(), c.readouts());
            assertEquals(base.slices(), c.slices());
            assertEquals(base.oversampling(), c.oversampling());
            assertEquals(base.contrast(), c.contrast());
            assertEquals(base.noiseCorrelation(), c.noiseCorrelation());
        }
        assertEquals(5, coils.size(), "all of 12..16 occur");
        assertTrue(lowest < 27 && highest > 46, "SNR spans the range: " + lowest + ".." + highest);
    }

    @Test
    void explicitChoicesOfTheBaseAreKept() {
        PhantomConfig base = PhantomConfig.builder().contrast(Contrast.T2_FS).anatomyJitter(0.4)
                .snr(Double.POSITIVE_INFINITY).coils(2).matrix(160, 176).slices(5).build();
        for (PhantomConfig c : Cohort.of(base).subjects(50)) {
            assertEquals(Contrast.T2_FS, c.contrast());
            assertEquals(0.4, c.anatomyJitter());
            assertEquals(Double.POSITIVE_INFINITY, c.snr());
            assertTrue(c.coils() >= 1 && c.coils() <= 3);
            assertEquals(160, c.phaseEncodes());
            assertEquals(5, c.slices());
        }
        for (PhantomConfig c : Cohort.of(PhantomConfig.builder().coils(32).build()).subjects(50)) {
            assertTrue(c.coils() >= 29 && c.coils() <= 32);
        }
        assertThrows(IllegalArgumentException.class, () -> Cohort.of(base).subject(-1));
        assertThrows(IllegalArgumentException.class, () -> Cohort.of(base).subjects(0));
    }

    @Test
    void subjectsAreDifferentKnees() {
        PhantomConfig base = PhantomConfig.builder().matrix(160, 176).coils(8).snr(Double.POSITIVE_INFINITY).build();
        Cohort cohort = Cohort.of(base);
        float[] first = new KneePhantom(cohort.subject(0)).slice(17).objectMagnitude();
        float[] second = new KneePhantom(cohort.subject(1)).slice(17).objectMagnitude();
        float[] canonical = new KneePhantom(base).slice(17).objectMagnitude();
        assertTrue(Images.relativeDifference(first, second) > 0.1);
        assertTrue(Images.relativeDifference(first, canonical) > 0.1);
    }
}
