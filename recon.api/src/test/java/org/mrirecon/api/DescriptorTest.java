package org.mrirecon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class DescriptorTest {

    private static MethodDescriptor descriptor() {
        return MethodDescriptor.builder("demo").displayName("Demo").defaultProtocol(4, 20)
                .minimumCalibrationLines(8)
                .parameter(ParameterSpec.integer("iterations", 50, 1, 1000, "iterations"))
                .parameter(ParameterSpec.real("lambda", 0.01, 0, 1, "regularisation"))
                .parameter(ParameterSpec.choice("wavelet", "db4", List.of("haar", "db4"), "wavelet"))
                .parameter(ParameterSpec.bool("verbose", false, "log more")).build();
    }

    @Test
    void defaultsAreFilledAndTyped() {
        ReconParameters p = descriptor().defaults();
        assertEquals(50, p.getInt("iterations"));
        assertEquals(0.01, p.getDouble("lambda"));
        assertEquals("db4", p.getString("wavelet"));
        assertEquals(false, p.getBoolean("verbose"));
    }

    @Test
    void userValuesAreValidatedWithHelpfulMessages() {
        MethodDescriptor d = descriptor();
        assertEquals(10, d.parameters(Map.of("iterations", "10")).getInt("iterations"));
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> d.parameters(Map.of("iterations", "0")));
        assertTrue(range.getMessage().contains("1 to 1000"), range.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> d.parameters(Map.of("iters", "3")));
        assertTrue(unknown.getMessage().contains("known parameters: iterations, lambda"), unknown.getMessage());
        IllegalArgumentException choice = assertThrows(IllegalArgumentException.class,
                () -> d.parameters(Map.of("wavelet", "db9")));
        assertTrue(choice.getMessage().contains("[haar, db4]"), choice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.parameters(Map.of("lambda", "NaN")));
        assertThrows(IllegalArgumentException.class, () -> d.parameters(Map.of("verbose", "yes")));
    }

    @Test
    void invalidDescriptorsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> MethodDescriptor.builder("Bad Id"));
        assertThrows(IllegalArgumentException.class,
                () -> ParameterSpec.integer("n", 0, 1, 10, "default out of range"));
        assertThrows(IllegalArgumentException.class,
                () -> MethodDescriptor.builder("x").defaultProtocol(2, 4).minimumCalibrationLines(8).build());
    }

    @Test
    void subTaskMapsProgressAndSharesCancellation() {
        double[] seen = new double[1];
        AtomicBoolean cancelled = new AtomicBoolean();
        ReconContext root = new ReconContext() {
            @Override
            public void progress(double fraction, String message) {
                seen[0] = fraction;
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }
        };
        ReconContext sub = root.subTask(0.5, 0.75);
        sub.progress(0.5, "");
        assertEquals(0.625, seen[0], 1e-12);
        cancelled.set(true);
        assertThrows(CancellationException.class, sub::checkCancelled);
    }
}
