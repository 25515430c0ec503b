package org.mrirecon.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mrirecon.api.AcquisitionVolume;
import org.mrirecon.api.KSpace;
import org.mrirecon.api.MethodDescriptor;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.data.Dataset;
import org.mrirecon.data.ScanHeader;

class TrialTest {

    private static final MethodDescriptor CS_LIKE = MethodDescriptor.builder("cs").defaultProtocol(4, 20).build();

    @Test
    void specsParseWithProtocolsAndParameters() {
        List<TrialSpec> specs = TrialSpec.parseList(List.of("grappa@2:32,varnet", "cs@4{lambda=0.001,iterations=9}",
                "cs@4:20{lambda=0.01}"));
        assertEquals(4, specs.size());
        assertEquals("grappa", specs.get(0).methodId());
        assertEquals("2:32", specs.get(0).protocol());
        assertEquals(Map.of("lambda", "0.001", "iterations", "9"), specs.get(2).parameters());
        Dataset full = dataset(64, true);
        Trial t = specs.get(2).resolve(CS_LIKE, full, Map.of("iterations", "5", "wavelet", "db2"));
        assertEquals(new Sampling.Protocol(4, 20), t.sampling(), "ACS from the method's default when only R is given");
        assertEquals("9", t.parameters().get("iterations"), "the spec's own parameters win over -p");
        assertEquals("db2", t.parameters().get("wavelet"));
        assertEquals("cs@4:20{iterations=9,lambda=0.001,wavelet=db2}", t.label(), "parameters sorted: one label per trial");
        assertEquals("varnet@4:20", specs.get(1).resolve(MethodDescriptor.builder("varnet").defaultProtocol(4, 20)
                .build(), full, Map.of()).label(), "no protocol: the method's default");
    }

    @Test
    void malformedSpecsAreClearErrors() {
        for (String bad : List.of("@2:32", "cs@x:y", "cs@4:20{lambda}", "cs@4:20{lambda=1", "CS")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrialSpec.parse(bad),
                    bad);
            assertTrue(e.getMessage().contains("e.g."), e.getMessage());
        }
    }

    @Test
    void undersampledDataRunsOnItsOwnSampling() {
        Dataset undersampled = dataset(64, false);
        Trial t = TrialSpec.parse("cs").resolve(CS_LIKE, undersampled, Map.of());
        assertSame(Sampling.AS_ACQUIRED, t.sampling());
        assertEquals("cs", t.label());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrialSpec.parse("cs@2:16").resolve(CS_LIKE, undersampled, Map.of()));
        assertTrue(e.getMessage().contains("already undersampled"), e.getMessage());
        AcquisitionVolume v = Evaluation.undersample(undersampled, Sampling.AS_ACQUIRED);
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
        Dataset padded = dataset(n, true, SamplingPattern.of(held, 4, n - 4, 4, n - 4));
        AcquisitionVolume v = Evaluation.undersample(padded, new Sampling.Protocol(2, 16));
        SamplingPattern p = v.slice(0).pattern();
        assertFalse(p.isAcquired(0), "padding line 0 is on the R=2 grid but not held");
        assertTrue(p.isAcquired(4));
        assertEquals(16, p.calibrationLines());
        assertEquals(n - 8, p.encodedLines(), "the encoded range survives undersampling");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Evaluation.undersample(padded, new Sampling.Protocol(2, 60)));
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
        return dataset(n, fully, SamplingPattern.fromMask(mask));
    }

    private static Dataset dataset(int n, boolean fully, SamplingPattern pattern) {
        KSpace k = KSpace.ofCoils(n, 8, new float[2][2 * n * 8]);
        return Dataset.builder("test", "synthetic", ScanHeader.defaults()).slice(k, pattern).fullySampled(fully).build();
    }
}
