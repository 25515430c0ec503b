package org.mrirecon.phantom.internal;

/**
 * Signed-distance primitives and combinators for the section plane. Primitives are smooth (ellipses, rounded
 * boxes, tapered tubes along curves); smooth unions blend bones and muscles into organic outlines.
 */
public final class Shapes {

    private Shapes() {
    }

    /** Ellipse with semi-axes {@code au} (along the rotated u axis) and {@code av}, rotated by angleDeg. */
    public static Shape ellipse(double cu, double cv, double au, double av, double angleDeg) {
        if (!(au > 0 && av > 0)) {
            return Shape.NONE;
        }
        return new Ellipse(cu, cv, au, av, angleDeg);
    }

    /** Rectangle with half-sizes hu, hv whose corners are rounded with radius r, rotated by angleDeg (exact). */
    public static Shape roundedBox(double cu, double cv, double hu, double hv, double r, double angleDeg) {
        if (!(hu > 0 && hv > 0)) {
            return Shape.NONE;
        }
        double t = Math.toRadians(angleDeg);
        double cos = Math.cos(t);
        double sin = Math.sin(t);
        double rr = Math.min(r, Math.min(hu, hv));
        double qu0 = hu - rr;
        double qv0 = hv - rr;
        Box box = Box.around(cu, cv, Math.abs(hu * cos) + Math.abs(hv * sin), Math.abs(hu * sin) + Math.abs(hv * cos));
        return new Shape() {
            @Override
            public double distance(double u, double v) {
                double du = u - cu;
                double dv = v - cv;
                double qu = Math.abs(du * cos + dv * sin) - qu0;
                double qv = Math.abs(-du * sin + dv * cos) - qv0;
                double pu = Math.max(qu, 0);
                double pv = Math.max(qv, 0);
                double outside = Math.sqrt(pu * pu + pv * pv);
                return outside + Math.min(Math.max(qu, qv), 0) - rr;
            }

            @Override
            public Box bounds() {
                return box;
            }
        };
    }

    /** A tube along the polyline (u[i], v[i]) whose radius varies linearly between vertices. */
    public static Shape tube(double[] u, double[] v, double[] r) {
        double rMax = 0;
        for (double x : r) {
            rMax = Math.max(rMax, x);
        }
        return rMax > 0 ? new Tube(u, v, r) : Shape.NONE;
    }

    /** A straight tube from (u0, v0) with radius r0 to (u1, v1) with radius r1. */
    public static Shape capsule(double u0, double v0, double r0, double u1, double v1, double r1) {
        return tube(new double[] {u0, u1}, new double[] {v0, v1}, new double[] {r0, r1});
    }

    /**
     * A tube along the quadratic Bezier curve p0, p1 (control), p2, with radius r0 at p0, rm in the middle and r2 at
     * p2 (parabolic profile), sampled into short segments.
     */
    public static Shape bezierTube(double u0, double v0, double u1, double v1, double u2, double v2, double r0,
            double rm, double r2) {
        int n = 12;
        double[] u = new double[n + 1];
        double[] v = new double[n + 1];
        double[] r = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            double t = (double) i / n;
            double a = (1 - t) * (1 - t);
            double b = 2 * t * (1 - t);
            double c = t * t;
            u[i] = a * u0 + b * u1 + c * u2;
            v[i] = a * v0 + b * v1 + c * v2;
            // Lagrange interpolation of the radius through t = 0, 0.5, 1.
            r[i] = Math.max(0, r0 * (1 - t) * (1 - 2 * t) + rm * 4 * t * (1 - t) + r2 * t * (2 * t - 1));
        }
        return tube(u, v, r);
    }

    /** The half-plane on the side of (nu, nv) of the line through (pu, pv): inside where (x - p) . n > 0. */
    public static Shape halfPlane(double pu, double pv, double nu, double nv) {
        double len = Math.hypot(nu, nv);
        double au = nu / len;
        double av = nv / len;
        return new Shape() {
            @Override
            public double distance(double u, double v) {
                return -((u - pu) * au + (v - pv) * av);
            }

            @Override
            public Box bounds() {
                return Box.ALL;
            }
        };
    }

    /** The band between two outlines given per row: left(v) &lt; u &lt; right(v), unbounded in v. */
    public static Shape band(Spline left, Spline right) {
        return new Band(left, right);
    }

    public static Shape union(Shape... parts) {
        return smoothUnion(0, parts);
    }

    /** Union whose creases are rounded over about k millimetres (polynomial smooth minimum). */
    public static Shape smoothUnion(double k, Shape... parts) {
        Box box = Box.EMPTY;
        int live = 0;
        for (Shape s : parts) {
            if (!s.bounds().isEmpty()) {
                box = box.union(s.bounds());
                live++;
            }
        }
        if (live == 0) {
            return Shape.NONE;
        }
        Shape[] shapes = new Shape[live];
        int i = 0;
        for (Shape s : parts) {
            if (!s.bounds().isEmpty()) {
                shapes[i++] = s;
            }
        }
        if (live == 1) {
            return shapes[0];
        }
        Box bounds = box.grow(k / 4);
        return new Shape() {
            @Override
            public double distance(double u, double v) {
                double d = shapes[0].distance(u, v);
                for (int j = 1; j < shapes.length; j++) {
                    d = smin(d, shapes[j].distance(u, v), k);
                }
                return d;
            }

            @Override
            public Box bounds() {
                return bounds;
            }
        };
    }

    /** a without b, the cut edge rounded over k millimetres. */
    public static Shape subtract(Shape a, Shape b, double k) {
        if (b.bounds().intersect(a.bounds()).isEmpty()) {
            return a;
        }
        return new Shape() {
            @Override
            public double distance(double u, double v) {
                return -smin(-a.distance(u, v), b.distance(u, v), k);
            }

            @Override
            public Box bounds() {
                return a.bounds();
            }
        };
    }

    public static Shape intersect(Shape a, Shape b) {
        Box box = a.bounds().intersect(b.bounds());
        if (box.isEmpty()) {
            return Shape.NONE;
        }
        return new Shape() {
            @Override
            public double distance(double u, double v) {
                return Math.max(a.distance(u, v), b.distance(u, v));
            }

            @Override
            public Box bounds() {
                return box;
            }
        };
    }

    /** The shape grown by t millimetres (shrunk for negative t): cortex, cartilage and fat layers. */
    public static Shape offset(Shape a, double t) {
        return offset(a, (u, v) -> t, Math.max(t, 0));
    }

    /** The shape grown by a position-dependent thickness that never exceeds tMax. */
    public static Shape offset(Shape a, Field t, double tMax) {
        if (a.bounds().isEmpty()) {
            return Shape.NONE;
        }
        Box box = a.bounds().grow(tMax);
        return new Shape() {
            @Override
            public double distance(double u, double v) {
                return a.distance(u, v) - t.at(u, v);
            }

            @Override
            public Box bounds() {
                return box;
            }
        };
    }

    private static double sq(double a) {
        return a * a;
    }

    /** Polynomial smooth minimum; equals min(a, b) when they differ by more than k. */
    static double smin(double a, double b, double k) {
        if (k <= 0) {
            return Math.min(a, b);
        }
        double h = Math.max(k - Math.abs(a - b), 0) / k;
        return Math.min(a, b) - h * h * k * 0.25;
    }

    /** Rotated ellipse; distance by first-order normalisation of its implicit function (exact on the boundary). */
    private static final class Ellipse implements Shape {
        private final double cu;
        private final double cv;
        private final double a;
        private final double b;
        private final double cos;
        private final double sin;
        private final Box box;

        Ellipse(double cu, double cv, double a, double b, double angleDeg) {
            this.cu = cu;
            this.cv = cv;
            this.a = a;
            this.b = b;
            double t = Math.toRadians(angleDeg);
            this.cos = Math.cos(t);
            this.sin = Math.sin(t);
            this.box = Box.around(cu, cv, Math.sqrt(sq(a * cos) + sq(b * sin)), Math.sqrt(sq(a * sin) + sq(b * cos)));
        }

        @Override
        public double distance(double u, double v) {
            double du = u - cu;
            double dv = v - cv;
            double x = (du * cos + dv * sin) / a;
            double y = (-du * sin + dv * cos) / b;
            double k0 = Math.sqrt(x * x + y * y);
            double k1 = Math.sqrt(x * x / (a * a) + y * y / (b * b));
            return k1 < 1e-12 ? -Math.min(a, b) : k0 * (k0 - 1) / k1;
        }

        @Override
        public Box bounds() {
            return box;
        }
    }

    /** Tube along a polyline with linearly varying radius: exact distance to each tapered segment's axis. */
    private static final class Tube implements Shape {
        private final double[] u;
        private final double[] v;
        private final double[] r;
        private final Box box;

        Tube(double[] u, double[] v, double[] r) {
            this.u = u.clone();
            this.v = v.clone();
            this.r = r.clone();
            Box b = Box.EMPTY;
            for (int i = 0; i < u.length; i++) {
                b = b.union(Box.around(u[i], v[i], r[i], r[i]));
            }
            this.box = b;
        }

        @Override
        public double distance(double pu, double pv) {
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i + 1 < u.length; i++) {
                double eu = u[i + 1] - u[i];
                double ev = v[i + 1] - v[i];
                double wu = pu - u[i];
                double wv = pv - v[i];
                double len2 = eu * eu + ev * ev;
                double t = len2 > 0 ? Math.max(0, Math.min(1, (wu * eu + wv * ev) / len2)) : 0;
                double du = wu - t * eu;
                double dv = wv - t * ev;
                double d = Math.sqrt(du * du + dv * dv) - (r[i] + t * (r[i + 1] - r[i]));
                best = Math.min(best, d);
            }
            return best;
        }

        @Override
        public Box bounds() {
            return box;
        }
    }

    /**
     * The band between two outlines, tabulated every 0.1 mm of v: painting evaluates it at every pixel of a large
     * area, where two spline evaluations and slopes per pixel would dominate the rendering time.
     */
    private static final class Band implements Shape {
        private static final double STEP = 0.1;
        private final double v0;
        private final float[] left;
        private final float[] right;
        /** 1 / sqrt(1 + slope^2): turns horizontal offsets into distances. */
        private final float[] leftNorm;
        private final float[] rightNorm;
        private final Box box;

        Band(Spline l, Spline r) {
            double vMin = Math.min(l.start(), r.start()) - 1;
            double vMax = Math.max(l.end(), r.end()) + 1;
            int n = (int) Math.ceil((vMax - vMin) / STEP) + 1;
            this.v0 = vMin;
            left = new float[n];
            right = new float[n];
            leftNorm = new float[n];
            rightNorm = new float[n];
            for (int i = 0; i < n; i++) {
                double v = vMin + i * STEP;
                left[i] = (float) l.at(v);
                right[i] = (float) r.at(v);
                leftNorm[i] = (float) (1 / Math.sqrt(1 + sq(l.slope(v))));
                rightNorm[i] = (float) (1 / Math.sqrt(1 + sq(r.slope(v))));
            }
            box = new Box(l.min() - 10, r.max() + 10, -1e9, 1e9);
        }

        @Override
        public double distance(double u, double v) {
            double s = (v - v0) / STEP;
            int last = left.length - 1;
            int i = s <= 0 ? 0 : s >= last ? last - 1 : (int) s;
            double f = Math.max(0, Math.min(1, s - i));
            double a = left[i] + f * (left[i + 1] - left[i]);
            double b = right[i] + f * (right[i + 1] - right[i]);
            return Math.max((a - u) * leftNorm[i], (u - b) * rightNorm[i]);
        }

        @Override
        public Box bounds() {
            return box;
        }
    }
}
