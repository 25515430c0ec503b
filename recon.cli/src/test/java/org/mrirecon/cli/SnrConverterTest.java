package org.mrirecon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class SnrConverterTest {

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
}
