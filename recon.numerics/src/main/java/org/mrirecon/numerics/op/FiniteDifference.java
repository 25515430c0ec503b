package org.mrirecon.numerics.op;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * {@code D}: forward differences with periodic boundaries along chosen axes, {@code (D_a x)[i] = x[i + e_a] - x[i]},
 * stacked: domain {@code shape}, range {@code [axes, ...shape]}. The adjoint is the negative divergence,
 * {@code (D^H g)[i] = sum_a g_a[i - e_a] - g_a[i]}. The gradient of total variation.
 */
public final class FiniteDifference extends ShapedOperator {

    /** Below this many contiguous elements per line, a task takes whole blocks of lines. */
    private static final int SHORT_LINE = 64;

    private final int[] axes;

    /** @param axes the axes to difference along; negative axes count from the end */
    public FiniteDifference(Shape shape, int... axes) {
        super(shape, shape.stack(axes.length));
        if (axes.length == 0) {
            throw new IllegalArgumentException("name at least one axis to difference along");
        }
        this.axes = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            this.axes[i] = shape.axis(axes[i]);
        }
    }

    @Override
    public void apply(float[] x, float[] y) {
        domain().require(x, "input of " + this);
        range().require(y, "output of " + this);
        for (int g = 0; g < axes.length; g++) {
            int out = g * domain().floats();
            along(axes[g], (base, next, n) -> {
                for (int i = 0; i < n; i++) {
                    y[out + base + i] = x[next + i] - x[base + i];
                }
            });
        }
    }

    @Override
    public void applyAdjoint(float[] y, float[] x) {
        range().require(y, "input of " + this + "^H");
        domain().require(x, "output of " + this + "^H");
        Arrays.fill(x, 0f);
        for (int g = 0; g < axes.length; g++) {
            int in = g * domain().floats();
            along(axes[g], (base, next, n) -> {
                for (int i = 0; i < n; i++) {
                    float d = y[in + base + i];
                    x[next + i] += d;
                    x[base + i] -= d;
                }
            });
        }
    }

    /** Work on {@code n} floats from {@code base} and their neighbours one step along the axis, from {@code next}. */
    private interface Run {
        void run(int base, int next, int n);
    }

    /**
     * Visits every line along the axis in segments of contiguous floats, in parallel; each task owns whole lines, so
     * it alone touches a segment and its neighbour.
     */
    private void along(int axis, Run run) {
        int n = domain().dim(axis);
        int inner = 2 * domain().stride(axis);
        int outer = domain().size() / (n * inner / 2);
        if (inner >= 2 * SHORT_LINE) {
            // one task per (outer, inner block): the whole line along the axis for a contiguous stretch of inner
            int blocks = (inner + 2 * SHORT_LINE - 1) / (2 * SHORT_LINE);
            IntStream.range(0, outer * blocks).parallel().forEach(t -> {
                int o = t / blocks;
                int from = (t % blocks) * 2 * SHORT_LINE;
                int len = Math.min(2 * SHORT_LINE, inner - from);
                for (int k = 0; k < n; k++) {
                    int base = (o * n + k) * inner + from;
                    int next = (o * n + (k + 1) % n) * inner + from;
                    run.run(base, next, len);
                }
            });
        } else {
            // short segments (the last axis): the steps but the last of a line are one contiguous run
            IntStream.range(0, outer).parallel().forEach(o -> {
                int base = o * n * inner;
                run.run(base, base + inner, (n - 1) * inner);
                run.run(base + (n - 1) * inner, base, inner);
            });
        }
    }

    @Override
    public String toString() {
        return "D" + Arrays.toString(axes) + domain();
    }
}
