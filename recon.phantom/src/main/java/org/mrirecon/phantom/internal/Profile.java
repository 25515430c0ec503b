package org.mrirecon.phantom.internal;

/**
 * How much of a structure a sagittal plane cuts, as a factor in [0, 1] of its full in-plane size: the section of a
 * body of half-width w centred at x0 (medial-lateral) seen from the plane at position p. Round bodies (vessels,
 * ellipsoids) shrink like a circle's chord; boxy ones (plateau, flat tendons) keep their size until near the edge.
 */
public final class Profile {

    private Profile() {
    }

    /** Chord of a circle: sqrt(1 - t^2), t = (p - x0) / w. */
    public static double round(double p, double x0, double w) {
        double t = (p - x0) / w;
        return t * t >= 1 ? 0 : Math.sqrt(1 - t * t);
    }

    /** Chord of a superellipse of exponent 4: flat over most of the width, then falling quickly. */
    public static double boxy(double p, double x0, double w) {
        double t = (p - x0) / w;
        double t4 = t * t * t * t;
        return t4 >= 1 ? 0 : Math.sqrt(Math.sqrt(1 - t4));
    }

    /** Chord of a superellipse of exponent 3: between round and boxy, e.g. a long bone's rounded-triangle shaft. */
    public static double cubic(double p, double x0, double w) {
        double t = Math.abs((p - x0) / w);
        return t >= 1 ? 0 : Math.cbrt(1 - t * t * t);
    }

    /** Half-chord of a cylinder of radius r whose axis lies in the plane x = x0: a vessel's apparent radius. */
    public static double cylinder(double p, double x0, double r) {
        double d = p - x0;
        return d * d >= r * r ? 0 : Math.sqrt(r * r - d * d);
    }

    /** Hermite smoothstep from 0 at edge0 to 1 at edge1 (either order). */
    public static double smoothstep(double edge0, double edge1, double x) {
        double t = Math.max(0, Math.min(1, (x - edge0) / (edge1 - edge0)));
        return t * t * (3 - 2 * t);
    }
}
