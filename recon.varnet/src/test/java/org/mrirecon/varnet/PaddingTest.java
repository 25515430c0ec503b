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
    void putThenTakeRestoresAStackOfImages() {
        Padding p = Padding.of(5, 3, 4);
        float[] stack = new float[2 * 2 * 5 * 3];
        for (int i = 0; i < stack.length; i++) {
            stack[i] = i + 1;
        }
        FloatBuffer batch = OnnxGraph.buffer(2 * p.planeFloats());
        p.put(stack, batch);
        float[] flat = new float[batch.capacity()];
        batch.get(0, flat);
        float[] back = new float[stack.length];
        p.take(flat, back);
        assertArrayEquals(stack, back);
        assertEquals(0f, flat[p.planeFloats()], "padding stays zero");
        assertEquals(stack[2 * 5 * 3], flat[p.planeFloats() + p.top() * p.paddedCols() + p.left()],
                "the second image goes to the second image of the batch");
    }
}
