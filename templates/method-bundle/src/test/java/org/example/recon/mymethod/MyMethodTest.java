package org.example.recon.mymethod;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mrirecon.testing.PhantomCheck;
import org.mrirecon.zerofilled.ZeroFilledReconstructor;

/** Unit tests in a plain JVM: fast, no framework. Replace them with your method's. */
class MyMethodTest {

    private static final PhantomCheck PHANTOM = PhantomCheck.of(128, 8, 2);

    @Test
    void withoutFilterItReproducesTheZeroFilledBaseline() throws Exception {
        PhantomCheck.Scores mine = PHANTOM.run(new MyMethod(), 4, 20, Map.of());
        PhantomCheck.Scores baseline = PHANTOM.run(new ZeroFilledReconstructor(), 4, 20, Map.of());
        assertArrayEquals(baseline.result().images().get(0), mine.result().images().get(0), 0f);
    }

    @Test
    void hammingFilterChangesTheImage() throws Exception {
        PhantomCheck.Scores plain = PHANTOM.run(new MyMethod(), 4, 20, Map.of());
        PhantomCheck.Scores filtered = PHANTOM.run(new MyMethod(), 4, 20, Map.of("filter", "hamming"));
        assertNotEquals(plain.nmse(), filtered.nmse());
        assertTrue(filtered.ssim() > 0.3, "SSIM " + filtered.ssim());
    }

    @Test
    void unknownParameterValuesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PHANTOM.run(new MyMethod(), 4, 20, Map.of("filter", "gauss")));
        assertTrue(e.getMessage().contains("[none, hamming]"), e.getMessage());
    }
}
