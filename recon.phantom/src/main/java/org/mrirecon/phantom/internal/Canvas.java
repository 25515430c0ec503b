package org.mrirecon.phantom.internal;

import java.util.stream.IntStream;

/**
 * A real-valued image on a {@link Grid} onto which shapes are painted back to front. Each pixel is blended with the
 * shape's intensity by the fraction of the pixel the shape covers (a linear ramp of the signed distance over one
 * pixel), which gives partial-volume edges instead of staircases.
 *
 * <p>Shapes live in model coordinates; the canvas maps them into the field of view by a similarity transform
 * (shift, rotation, scale), which is how the whole knee is placed and jittered.
 */
public final class Canvas {

    private final Grid grid;
    private final float[] pixels;
    private final double cos;
    private final double sin;
    private final double scale;
    private final double shiftU;
    private final double shiftV;
    private final double edge;

    /**
     * @param shiftU      model origin's position in the field of view (mm)
     * @param rotationDeg rotation of the model in the image plane
     * @param scale       model millimetres to image millimetres
     */
    public Canvas(Grid grid, double shiftU, double shiftV, double rotationDeg, double scale) {
        this.grid = grid;
        this.pixels = new float[grid.size()];
        double t = Math.toRadians(rotationDeg);
        this.cos = Math.cos(t);
        this.sin = Math.sin(t);
        this.scale = scale;
        this.shiftU = shiftU;
        this.shiftV = shiftV;
        this.edge = Math.sqrt(grid.du() * grid.dv());
    }

    public Grid grid() {
        return grid;
    }

    /** The painted image, row-major; owned by the canvas. */
    public float[] pixels() {
        return pixels;
    }

    /** Paints a uniform intensity. */
    public void paint(Shape shape, double intensity) {
        paint(shape, intensity, null);
    }

    /**
     * Paints the shape with {@code intensity * modulation[pixel]} (modulation null means 1): textures enter as
     * modulation fields on this canvas's grid.
     */
    public void paint(Shape shape, double intensity, float[] modulation) {
        Box box = shape.bounds();
        if (box.isEmpty()) {
            return;
        }
        int[] range = pixelRange(box);
        int cols = grid.cols();
        float value = (float) intensity;
        // Rows (u) are independent; shapes are immutable, so rows can be painted in parallel.
        IntStream.rangeClosed(range[0], range[1]).parallel().forEach(r -> {
            double x = grid.u(r) - shiftU;
            for (int c = range[2]; c <= range[3]; c++) {
                double y = grid.v(c) - shiftV;
                double mu = (x * cos + y * sin) / scale;
                double mv = (-x * sin + y * cos) / scale;
                double alpha = 0.5 - shape.distance(mu, mv) * scale / edge;
                if (alpha <= 0) {
                    continue;
                }
                int i = r * cols + c;
                float target = modulation == null ? value : value * modulation[i];
                pixels[i] += (float) Math.min(alpha, 1) * (target - pixels[i]);
            }
        });
    }

    /** Rows [0..1] (u) and columns [2..3] (v), inclusive, covering the model-space box with one pixel of margin. */
    private int[] pixelRange(Box box) {
        double minU = Double.POSITIVE_INFINITY;
        double maxU = Double.NEGATIVE_INFINITY;
        double minV = Double.POSITIVE_INFINITY;
        double maxV = Double.NEGATIVE_INFINITY;
        double[] us = {box.minU(), box.maxU()};
        double[] vs = {box.minV(), box.maxV()};
        for (double mu : us) {
            for (double mv : vs) {
                double u = scale * (mu * cos - mv * sin) + shiftU;
                double v = scale * (mu * sin + mv * cos) + shiftV;
                minU = Math.min(minU, u);
                maxU = Math.max(maxU, u);
                minV = Math.min(minV, v);
                maxV = Math.max(maxV, v);
            }
        }
        int r0 = clamp(Math.floor(minU / grid.du()) + grid.rows() / 2 - 1, grid.rows());
        int r1 = clamp(Math.ceil(maxU / grid.du()) + grid.rows() / 2 + 1, grid.rows());
        int c0 = clamp(Math.floor(minV / grid.dv()) + grid.cols() / 2 - 1, grid.cols());
        int c1 = clamp(Math.ceil(maxV / grid.dv()) + grid.cols() / 2 + 1, grid.cols());
        return new int[] {r0, r1, c0, c1};
    }

    private static int clamp(double index, int n) {
        return (int) Math.max(0, Math.min(n - 1, index));
    }
}
