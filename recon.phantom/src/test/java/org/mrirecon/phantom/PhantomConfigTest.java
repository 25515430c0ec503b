package org.mrirecon.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PhantomConfigTest {

    @Test
    void defaultsDescribeAClinicalKneeScan() {
        PhantomConfig c = PhantomConfig.defaults();
        assertEquals(320, c.phaseEncodes());
        assertEquals(320, c.readouts());
        assertEquals(35, c.slices());
        assertEquals(15, c.coils());
        assertEquals(42, c.seed());
        assertEquals(2, c.oversampling());
        assertEquals(Contrast.PD, c.contrast());
        assertEquals(0, c.anatomyJitter());
        assertTrue(c.snr() >= 30 && c.snr() <= 40, "SNR " + c.snr());
    }

    @Test
    void builderRoundTripsAndEquality() {
        PhantomConfig c = PhantomConfig.builder().matrix(256, 288).slices(3).coils(8).seed(7).snr(20)
                .oversampling(3).contrast(Contrast.T2_FS).anatomyJitter(0.5).noiseCorrelation(0).build();
        assertEquals(c, c.toBuilder().build());
        assertEquals(c.hashCode(), c.toBuilder().build().hashCode());
        assertNotEquals(c, c.toBuilder().seed(8).build());
        assertEquals(256, c.phaseEncodes());
        assertEquals(288, c.readouts());
    }

    @Test
    void rejectsValuesOutsideTheirRanges() {
        assertThrows(IllegalArgumentException.class, () -> PhantomConfig.builder().coils(0).build());
        assertThrows(IllegalArgumentException.class, () -> PhantomConfig.builder().coils(33).build());
        assertThrows(IllegalArgumentException.class, () -> PhantomConfig.builder().snr(0).build());
        assertThrows(IllegalArgumentException.class, () -> PhantomConfig.builder().snr(Double.NaN).build());
        assertThrows(IllegalArgumentException.class, () -> PhantomConfig.builder().oversampling(0).build());
        assertThrows(IllegalArgumentException.class, () -> PhantomConfig.builder().anatomyJitter(1.5).build());
        assertThrows(IllegalArgumentException.class, () -> PhantomConfig.builder().slices(0).build());
        assertThrows(IllegalArgumentException.class, () -> PhantomConfig.builder().matrix(8, 320).build());
        assertThrows(IllegalArgumentException.class, () -> PhantomConfig.builder().contrast(null).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PhantomConfig.builder().coils(40).build());
        assertTrue(e.getMessage().contains("1..32"), e.getMessage());
    }

    @Test
    void infiniteSnrIsAllowedAsNoiseFree() {
        assertEquals(0, new KneePhantom(PhantomConfig.builder().snr(Double.POSITIVE_INFINITY).build()).noiseSigma());
    }
}
