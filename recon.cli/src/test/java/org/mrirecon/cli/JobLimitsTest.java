package org.mrirecon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JobLimitsTest {

    @Test
    void configurationWinsOverPropertiesWhichWinOverDefaults() {
        JobLimits l = JobLimits.from(Map.of("sliceTimeout", "2.5", "workerHeap", "768m"),
                key -> key.equals("recon.jobs.cancelGrace") ? "4" : key.equals("recon.jobs.sliceTimeout") ? "99" : null);
        assertEquals(Duration.ofMillis(2500), l.sliceTimeout());
        assertEquals(Duration.ofSeconds(4), l.cancelGrace());
        assertEquals(JobLimits.DEFAULT.absentGrace(), l.absentGrace());
        assertEquals("768m", l.workerHeap());
        assertEquals(Duration.ofSeconds(7), l.withSliceTimeout(Duration.ofSeconds(7)).sliceTimeout());
    }

    @Test
    void badValuesNameTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JobLimits.from(Map.of("cancelGrace", "soon"), null));
        assertTrue(e.getMessage().contains("cancelGrace"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JobLimits.from(Map.of("sliceTimeout", 0), null));
        assertThrows(IllegalArgumentException.class, () -> JobLimits.from(Map.of("workerHeap", "lots"), null));
    }
}
