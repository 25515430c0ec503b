package org.mrirecon.phantom.internal;

/** Axis-aligned rectangle in millimetres; shapes report one so painting visits only the pixels they can touch. */
public record Box(double minU, double maxU, double minV, double maxV) {

    public static final Box EMPTY = new Box(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);

    /** Unbounded: for half-planes, which only ever appear clipped by another shape. */
    public static final Box ALL = new Box(-1e9, 1e9, -1e9, 1e9);

    public static Box around(double u, double v, double halfU, double halfV) {
        return new Box(u - halfU, u + halfU, v - halfV, v + halfV);
    }

    public boolean isEmpty() {
        return minU > maxU || minV > maxV;
    }

    public Box union(Box o) {
        return new Box(Math.min(minU, o.minU), Math.max(maxU, o.maxU), Math.min(minV, o.minV),
                Math.max(maxV, o.maxV));
    }

    public Box intersect(Box o) {
        return new Box(Math.max(minU, o.minU), Math.min(maxU, o.maxU), Math.max(minV, o.minV),
                Math.min(maxV, o.maxV));
    }

    public Box grow(double margin) {
        return isEmpty() ? this : new Box(minU - margin, maxU + margin, minV - margin, maxV + margin);
    }
}
