package org.mrirecon.varnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.FloatBuffer;

import org.junit.jupiter.api.Test;

/** Padding follows training/varnet.py's pad_amounts: the smaller half before, the larger after. */
class PaddingTest {

    @Test
    void splitsLikeFastMri() {
        Padding p = Padding.of(60, 53, 8);
        assertEquals(64, p.paddedRows());
        assertEquals(56, p.paddedCols());
        assertEquals(2, p.top());
        assertEquals(1, p.left());
        assertEquals(0, Padding.of(320, 320, 8).top());
    }

    @Test
    void putThenTakeRestoresTheImage() {
        Padding p = Padding.of(5, 3, 4);
        float[] image = new float[2 * 5 * 3];
        for (int i = 0; i < image.length; i++) {
            image[i] = i + 1;
        }
        FloatBuffer batch = OnnxGraph.buffer(2 * p.planeFloats());
        p.put(image, batch, 1);
        float[] flat = new float[batch.capacity()];
        batch.get(0, flat);
        float[] back = new float[image.length];
        p.take(flat, 1, back);
        assertArrayEquals(image, back);
        assertEquals(0f, flat[p.planeFloats()], "padding stays zero");
    }
}
