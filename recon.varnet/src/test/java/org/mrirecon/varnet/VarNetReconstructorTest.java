package org.mrirecon.varnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.mrirecon.api.Acquisition;
import org.mrirecon.api.MethodDescriptor;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconParameters;
import org.mrirecon.api.ReconstructedImage;
import org.mrirecon.api.ReconstructionException;

class VarNetReconstructorTest {

    private final VarNetReconstructor varnet = new VarNetReconstructor();

    @Test
    void descriptorNamesTheMethodItsProtocolAndModel() {
        MethodDescriptor d = varnet.descriptor();
        assertEquals("varnet", d.id());
        assertEquals("E2E VarNet (ONNX)", d.displayName());
        assertEquals(4, d.defaultAcceleration());
        assertEquals(20, d.defaultCalibrationLines());
        assertEquals(8, d.minimumCalibrationLines());
        assertEquals(List.of("model", "threads"), d.parameters().stream().map(p -> p.name()).toList());
        assertTrue(d.description().contains(Fixture.load().model() + " (bundled)"), d.description());
    }

    @Test
    void configuredDefaultModelIsUsedAndNamed() throws Exception {
        VarNetReconstructor configured = new VarNetReconstructor("/no/such/model", 1);
        assertTrue(configured.descriptor().description().contains("/no/such/model (not found)"));
        ReconstructionException e = assertThrows(ReconstructionException.class, () -> configured.reconstruct(
                TestData.acquisition(32, 32, 2, 4, 8), configured.descriptor().defaults(), ReconContext.none()));
        assertTrue(e.getMessage().contains("/no/such/model does not exist"));
    }

    @Test
    void reconstructsAnyMatrixAndCoilCount() throws Exception {
        Acquisition acq = TestData.acquisition(37, 29, 3, 3, 9);
        ReconstructedImage image = varnet.reconstruct(acq, varnet.descriptor().defaults(), ReconContext.none());
        assertEquals(37, image.height());
        assertEquals(29, image.width());
        assertEquals("package", image.info().get("modelKind"));
    }

    @Test
    void tooFewCalibrationLinesAreRefusedWithTheFix() {
        ReconstructionException e = assertThrows(ReconstructionException.class, () -> varnet.reconstruct(
                TestData.acquisition(32, 32, 2, 4, 4), varnet.descriptor().defaults(), ReconContext.none()));
        assertTrue(e.getMessage().contains("at least 8 calibration lines, the data has 4"), e.getMessage());
    }

    @Test
    void reportsProgressPerCascadeAndStopsWhenCancelled() throws Exception {
        List<String> messages = new CopyOnWriteArrayList<>();
        Acquisition acq = TestData.acquisition(32, 32, 2, 4, 8);
        varnet.reconstruct(acq, varnet.descriptor().defaults(), recording(messages, Integer.MAX_VALUE));
        assertEquals("coil sensitivities", messages.get(0));
        assertEquals("cascade 8/8", messages.get(messages.size() - 1));
        assertEquals(9, messages.size());

        List<String> cut = new CopyOnWriteArrayList<>();
        assertThrows(CancellationException.class, () -> varnet.reconstruct(acq, varnet.descriptor().defaults(),
                recording(cut, 3)));
        assertEquals(List.of("coil sensitivities", "cascade 1/8", "cascade 2/8"), cut);
    }

    @Test
    void concurrentCallsShareTheSessionsAndAgree() throws Exception {
        Acquisition acq = TestData.acquisition(48, 40, 4, 4, 10);
        ReconParameters p = varnet.descriptor().parameters(Map.of(VarNetReconstructor.THREADS, "1"));
        float[] alone = varnet.reconstruct(acq, p, ReconContext.none()).magnitude();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<float[]>> runs = pool.invokeAll(List.of(
                    () -> varnet.reconstruct(acq, p, ReconContext.none()).magnitude(),
                    () -> varnet.reconstruct(acq, p, ReconContext.none()).magnitude(),
                    () -> varnet.reconstruct(acq, p, ReconContext.none()).magnitude()));
            for (Future<float[]> f : runs) {
                assertArrayEquals(alone, f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Records progress messages and reports cancellation once {@code limit} messages have arrived. */
    private static ReconContext recording(List<String> messages, int limit) {
        return new ReconContext() {
            @Override
            public void progress(double fraction, String message) {
                messages.add(message);
            }

            @Override
            public boolean isCancelled() {
                return messages.size() >= limit;
            }
        };
    }
}
