package org.mrirecon.phantom.internal;

/**
 * Uniform Catmull-Rom spline y(t) through values at t0, t0 + step, ...: smooth (C1) outlines from a handful of
 * control values. Constant beyond the first and last knot.
 */
public final class Spline {

    private final double t0;
    private final double step;
    private final double[] y;

    public Spline(double t0, double step, double... y) {
        if (y.length < 2) {
            throw new IllegalArgumentException("a spline needs at least two knots");
        }
        this.t0 = t0;
        this.step = step;
        this.y = y.clone();
    }

    public double at(double t) {
        double s = (t - t0) / step;
        if (s <= 0) {
            return y[0];
        }
        int last = y.length - 1;
        if (s >= last) {
            return y[last];
        }
        int i = (int) s;
        double f = s - i;
        double p0 = y[Math.max(i - 1, 0)];
        double p1 = y[i];
        double p2 = y[i + 1];
        double p3 = y[Math.min(i + 2, last)];
        return p1 + 0.5 * f * (p2 - p0 + f * (2 * p0 - 5 * p1 + 4 * p2 - p3 + f * (3 * (p1 - p2) + p3 - p0)));
    }

    /** dy/dt, by a central difference (only used to normalise distances, so accuracy is not critical). */
    public double slope(double t) {
        double h = 0.05 * step;
        return (at(t + h) - at(t - h)) / (2 * h);
    }

    /** First knot position. */
    public double start() {
        return t0;
    }

    /** Last knot position; the spline is constant beyond the knots. */
    public double end() {
        return t0 + step * (y.length - 1);
    }

    public double min() {
        double m = Double.POSITIVE_INFINITY;
        for (double v : y) {
            m = Math.min(m, v);
        }
        return m;
    }

    public double max() {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : y) {
            m = Math.max(m, v);
        }
        return m;
    }
}
