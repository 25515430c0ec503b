package org.mrirecon.phantom.internal;

/**
 * A similarity transform of the section plane (rotation and scale about a pivot, then a shift) that places a group
 * of structures, e.g. the tibia with its cartilage and menisci, so that jitter can flex, move and resize it as a
 * whole while the shapes are written in canonical coordinates.
 */
public final class Frame {

    public static final Frame IDENTITY = new Frame(0, 0, 0, 1, 0, 0);

    private final double pivotU;
    private final double pivotV;
    private final double angleDeg;
    private final double cos;
    private final double sin;
    private final double scale;
    private final double shiftU;
    private final double shiftV;

    public Frame(double pivotU, double pivotV, double angleDeg, double scale, double shiftU, double shiftV) {
        this.pivotU = pivotU;
        this.pivotV = pivotV;
        this.angleDeg = angleDeg;
        double t = Math.toRadians(angleDeg);
        this.cos = Math.cos(t);
        this.sin = Math.sin(t);
        this.scale = scale;
        this.shiftU = shiftU;
        this.shiftV = shiftV;
    }

    public double u(double u, double v) {
        return pivotU + shiftU + scale * ((u - pivotU) * cos - (v - pivotV) * sin);
    }

    public double v(double u, double v) {
        return pivotV + shiftV + scale * ((u - pivotU) * sin + (v - pivotV) * cos);
    }

    /** Inverse mapping: the frame-local u of a model point. */
    public double localU(double u, double v) {
        double du = u - pivotU - shiftU;
        double dv = v - pivotV - shiftV;
        return pivotU + (du * cos + dv * sin) / scale;
    }

    /** Inverse mapping: the frame-local v of a model point. */
    public double localV(double u, double v) {
        double du = u - pivotU - shiftU;
        double dv = v - pivotV - shiftV;
        return pivotV + (-du * sin + dv * cos) / scale;
    }

    public double length(double l) {
        return l * scale;
    }

    public double angle(double deg) {
        return deg + angleDeg;
    }

    public Shape ellipse(double cu, double cv, double au, double av, double angleDeg) {
        return Shapes.ellipse(u(cu, cv), v(cu, cv), length(au), length(av), angle(angleDeg));
    }

    public Shape roundedBox(double cu, double cv, double hu, double hv, double r, double angleDeg) {
        return Shapes.roundedBox(u(cu, cv), v(cu, cv), length(hu), length(hv), length(r), angle(angleDeg));
    }

    public Shape capsule(double u0, double v0, double r0, double u1, double v1, double r1) {
        return Shapes.capsule(u(u0, v0), v(u0, v0), length(r0), u(u1, v1), v(u1, v1), length(r1));
    }

    public Shape bezierTube(double u0, double v0, double u1, double v1, double u2, double v2, double r0, double rm,
            double r2) {
        return Shapes.bezierTube(u(u0, v0), v(u0, v0), u(u1, v1), v(u1, v1), u(u2, v2), v(u2, v2), length(r0),
                length(rm), length(r2));
    }
}
