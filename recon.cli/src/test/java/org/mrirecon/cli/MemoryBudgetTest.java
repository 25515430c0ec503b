package org.mrirecon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class MemoryBudgetTest {

    @Test
    void aVolumeWaitsUntilItsMemoryFitsBesideTheOthers() throws Exception {
        MemoryBudget budget = new MemoryBudget(1000);
        long a = budget.acquire(600);
        CountDownLatch started = new CountDownLatch(1);
        Thread b = new Thread(() -> {
            try {
                budget.release(budget.acquire(500)); // 600 + 500 > 1000: waits for a
                started.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        b.start();
        assertFalse(started.await(200, TimeUnit.MILLISECONDS), "the second volume started beside the first");
        budget.release(a);
        assertTrue(started.await(5, TimeUnit.SECONDS), "the second volume never started");
        b.join();
        assertEquals(0, budget.inUse());
    }

    @Test
    void volumesThatFitRunTogetherAndAnOversizedOneRunsAlone() throws Exception {
        MemoryBudget budget = new MemoryBudget(1000);
        long a = budget.acquire(400);
        long b = budget.acquire(400); // fits beside a: no wait
        assertEquals(800, budget.inUse());
        budget.release(a);
        budget.release(b);
        long huge = budget.acquire(5000); // more than the whole budget: capped, runs alone instead of never
        assertEquals(1000, huge);
        budget.release(huge);
        assertEquals(0, budget.inUse());
    }

    @Test
    void theEstimateFollowsTheMeasuredPeakOfTheDefaultVolume() {
        long kspace = 35L * 15 * 320 * 320 * 8; // 430 MB: docs/performance.md measured a 1.5 GB peak heap
        double gb = MemoryBudget.estimate(kspace) / 1e9;
        assertTrue(gb > 1.4 && gb < 1.7, "estimate " + gb + " GB");
    }
}
