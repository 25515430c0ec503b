package org.mrirecon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mrirecon.api.AcquisitionVolume;
import org.mrirecon.api.KSpace;
import org.mrirecon.api.MethodDescriptor;
import org.mrirecon.data.Dataset;
import org.mrirecon.data.ScanHeader;

class ProtocolAndDataTest {

    private static final MethodDescriptor GRAPPA_LIKE = MethodDescriptor.builder("grappa").defaultProtocol(2, 32)
            .build();

    @Test
    void methodSpecsAndProtocolsParse() {
        List<MethodSpec> specs = MethodSpec.parseList(List.of("grappa@2:32,varnet", "cs@4"));
        assertEquals(3, specs.size());
        assertEquals("grappa", specs.get(0).id);
        Dataset phantomLike = dataset(64, true);
        Protocol p = specs.get(2).resolve(MethodDescriptor.builder("cs").defaultProtocol(4, 20).build(), phantomLike);
        assertEquals(4, p.acceleration());
        assertEquals(20, p.calibrationLines(), "ACS taken from the method's default when only R is given");
        assertEquals(32, specs.get(1).resolve(GRAPPA_LIKE, phantomLike).calibrationLines());
        assertThrows(IllegalArgumentException.class, () -> MethodSpec.parse("@2:32"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Protocol.parse("4:x", 20));
        assertTrue(e.getMessage().contains("ACCEL[:ACS]"), e.getMessage());
    }

    @Test
    void phantomSnrParsesNumbersAndNoiseFree() {
        SnrConverter snr = new SnrConverter();
        assertEquals(35.0, snr.convert("35"));
        assertEquals(Double.POSITIVE_INFINITY, snr.convert("inf"));
        assertEquals(Double.POSITIVE_INFINITY, snr.convert("Noise-Free"));
        for (String bad : List.of("0", "-3", "NaN", "loud")) {
            Exception e = assertThrows(picocli.CommandLine.TypeConversionException.class, () -> snr.convert(bad));
            assertTrue(e.getMessage().contains("inf"), "names the noise-free spelling: " + e.getMessage());
        }
        assertEquals("noise-free", SnrConverter.describe(Double.POSITIVE_INFINITY));
        assertEquals("SNR 35", SnrConverter.describe(35));
    }

    @Test
    void undersampledDataTakesNoProtocol() {
        Dataset undersampled = dataset(64, false);
        assertNull(MethodSpec.parse("grappa").resolve(GRAPPA_LIKE, undersampled));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Evaluation.undersample(undersampled, new Protocol(2, 16)));
        assertTrue(e.getMessage().contains("already undersampled"), e.getMessage());
        AcquisitionVolume v = Evaluation.undersample(undersampled, null);
        assertEquals(undersampled.pattern(0), v.slice(0).pattern());
    }

    @Test
    void protocolIsIntersectedWithTheLinesTheDataHolds() {
        // a fully sampled file whose outer lines are zero padding (as fastMRI's): they stay unacquired
        int n = 64;
        boolean[] held = new boolean[n];
        for (int ky = 4; ky < n - 4; ky++) {
            held[ky] = true;
        }
        Dataset padded = dataset(n, true, org.mrirecon.api.SamplingPattern.of(held, 4, n - 4));
        AcquisitionVolume v = Evaluation.undersample(padded, new Protocol(2, 16));
        assertFalse(v.slice(0).pattern().isAcquired(0), "padding line 0 is on the R=2 grid but not held");
        assertTrue(v.slice(0).pattern().isAcquired(4));
        assertEquals(16, v.slice(0).pattern().calibrationLines());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Evaluation.undersample(padded, new Protocol(2, 60)));
        assertTrue(e.getMessage().contains("does not hold"), e.getMessage());
    }

    private static Dataset dataset(int n, boolean fully) {
        boolean[] mask = new boolean[n];
        for (int ky = 0; ky < n; ky += fully ? 1 : 4) {
            mask[ky] = true;
        }
        for (int ky = n / 2 - 4; ky < n / 2 + 4; ky++) {
            mask[ky] = true;
        }
        return dataset(n, fully, org.mrirecon.api.SamplingPattern.fromMask(mask));
    }

    private static Dataset dataset(int n, boolean fully, org.mrirecon.api.SamplingPattern pattern) {
        float[][] data = new float[2][2 * n * 8];
        KSpace k = KSpace.ofCoils(n, 8, data);
        return Dataset.builder("test", "synthetic", ScanHeader.defaults()).slice(k, pattern).fullySampled(fully).build();
    }
}
