package org.mrirecon.phantom.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LineSimulatorTest {

    @Test
    void linesAgreeWithTheFullSimulation() {
        check(new Grid(32, 24, 160, 160), 2, new int[] {0, 5, 16, 17, 31});
        check(new Grid(15, 17, 160, 160), 3, new int[] {0, 7, 8, 14}); // odd sizes
    }

    private static void check(Grid target, int factor, int[] lines) {
        Grid fine = target.refined(factor);
        SplittableRandom r = new SplittableRandom(3);
        float[] object = new float[2 * fine.size()];
        for (int i = 0; i < object.length; i++) {
            object[i] = (float) r.nextGaussian();
        }
        float[][] maps = new float[3][2 * fine.size()];
        for (float[] m : maps) {
            for (int i = 0; i < m.length; i++) {
                m[i] = (float) r.nextGaussian();
            }
        }
        float[][][] partial = LineSimulator.acquire(object, maps, fine, target, lines);
        float[][] copy = new float[maps.length][];
        for (int c = 0; c < maps.length; c++) {
            copy[c] = maps[c].clone();
        }
        float[][] full = KSpaceSimulator.acquire(object, copy, fine, target);
        int cols = target.cols();
        for (int c = 0; c < maps.length; c++) {
            double scale = 0;
            for (float x : full[c]) {
                scale = Math.max(scale, Math.abs(x));
            }
            for (int l = 0; l < lines.length; l++) {
                for (int j = 0; j < 2 * cols; j++) {
                    assertEquals(full[c][2 * lines[l] * cols + j], partial[c][l][j], 1e-5 * scale,
                            "coil " + c + " line " + lines[l] + " float " + j);
                }
            }
        }
    }
}
