package org.mrirecon.phantom.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class RigidMotionTest {

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextDouble();
        }
        return a;
    }

    @Test
    void identityAndIntegerShiftsReproduceTheSamples() {
        Grid grid = new Grid(32, 40, 64, 80); // 2 mm pixels
        float[] image = random(grid.size(), 1);
        RigidMotion m = new RigidMotion(image, grid);
        float[] same = m.moved(0, 0, 0);
        for (int i = 0; i < image.length; i++) {
            assertEquals(image[i], same[i], 1e-5, "pixel " + i);
        }
        // 3 pixels posterior (+u, rows), 2 pixels superior (-v, columns); edges continue the nearest pixel
        float[] shifted = m.moved(6, -4, 0);
        for (int r = 0; r < 32; r++) {
            for (int c = 0; c < 40; c++) {
                int sr = Math.max(0, Math.min(31, r - 3));
                int sc = Math.max(0, Math.min(39, c + 2));
                assertEquals(image[sr * 40 + sc], shifted[r * 40 + c], 1e-5, "pixel " + r + "," + c);
            }
        }
    }

    @Test
    void quarterTurnMovesTheAnteriorPosteriorAxisOntoSuperiorInferior() {
        Grid grid = new Grid(24, 24, 48, 48);
        float[] image = random(grid.size(), 2);
        float[] turned = new RigidMotion(image, grid).moved(0, 0, 90);
        // The point at (u, v) goes to (-v, u): output (r, c) comes from u = v_out, v = -u_out.
        for (int r = 0; r < 24; r++) {
            for (int c = 0; c < 24; c++) {
                int sr = c; // u_src = v_out: row index r_src - 12 = c - 12
                int sc = Math.max(0, Math.min(23, 24 - r)); // v_src = -u_out: c_src - 12 = 12 - r
                assertEquals(image[sr * 24 + sc], turned[r * 24 + c], 1e-5, "pixel " + r + "," + c);
            }
        }
    }

    @Test
    void subPixelMotionOfASmoothBlobMatchesTheMovedBlob() {
        Grid grid = new Grid(96, 96, 48, 48); // 0.5 mm pixels
        double u0 = 6;
        double v0 = -4;
        double width = 2.5;
        float[] image = new float[grid.size()];
        for (int r = 0; r < 96; r++) {
            for (int c = 0; c < 96; c++) {
                image[r * 96 + c] = (float) blob(grid.u(r) - u0, grid.v(c) - v0, width);
            }
        }
        double tu = 0.37;
        double tv = -1.13;
        double deg = 7;
        float[] moved = new RigidMotion(image, grid).moved(tu, tv, deg);
        double cos = Math.cos(Math.toRadians(deg));
        double sin = Math.sin(Math.toRadians(deg));
        // The blob centre goes to R(theta) x0 + t.
        double cu = cos * u0 - sin * v0 + tu;
        double cv = sin * u0 + cos * v0 + tv;
        double worst = 0;
        for (int r = 0; r < 96; r++) {
            for (int c = 0; c < 96; c++) {
                double expected = blob(grid.u(r) - cu, grid.v(c) - cv, width);
                worst = Math.max(worst, Math.abs(expected - moved[r * 96 + c]));
            }
        }
        assertEquals(0, worst, 2e-3, "largest deviation from the analytically moved blob (peak 1)");
    }

    private static double blob(double u, double v, double width) {
        return Math.exp(-(u * u + v * v) / (2 * width * width));
    }
}
