package org.mrirecon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class SliceSelectionTest {

    private static final List<Integer> VOLUME = IntStream.range(0, 35).boxed().toList();

    @Test
    void aCountTakesTheCentralSlices() {
        assertEquals(List.of(16, 17, 18), SliceSelection.parse("3").select(VOLUME, "v"));
        assertEquals(List.of(13, 14, 15, 16, 17, 18, 19, 20, 21), SliceSelection.parse("9").select(VOLUME, "v"));
        assertEquals(VOLUME, SliceSelection.parse("35").select(VOLUME, "v"));
    }

    @Test
    void aCommandsDefaultCountTakesWhatThereIs() {
        assertEquals(List.of(15, 16, 17, 18), SliceSelection.atMost(4).select(VOLUME, "v"));
        assertEquals(List.of(0, 1), SliceSelection.atMost(4).select(List.of(0, 1), "a file of two slices"));
        assertThrows(IllegalArgumentException.class, () -> SliceSelection.parse("4").select(List.of(0, 1), "f"));
    }

    @Test
    void rangesAndListsNameSlicesByNumber() {
        assertEquals(List.of(10, 11, 12), SliceSelection.parse("10-12").select(VOLUME, "v"));
        assertEquals(List.of(5, 17), SliceSelection.parse("17,5").select(VOLUME, "v"));
        assertEquals(List.of(3, 4, 5, 9), SliceSelection.parse("3-5, 9").select(VOLUME, "v"));
        assertEquals(List.of(7), SliceSelection.parse("7-7").select(List.of(5, 7, 9), "v"), "a file's own numbers");
    }

    @Test
    void badSelectionsAreClearErrors() {
        for (String bad : List.of("0", "x", "5-3", "-2", "1,,", "3-", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SliceSelection.parse(bad).select(VOLUME, "v"), bad);
            assertTrue(e.getMessage().contains("--slices"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SliceSelection.parse("36").select(VOLUME, "the phantom volume"));
        assertTrue(e.getMessage().contains("only 35"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SliceSelection.parse("40-41").select(VOLUME, "v"));
        assertTrue(e.getMessage().contains("no slice 40"), e.getMessage());
    }
}
