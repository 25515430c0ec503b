package org.mrirecon.phantom.internal;

/**
 * Femur, tibia, fibula and patella cut by the sagittal plane at medial-lateral position p (model mm, negative
 * medial), with their articular cartilage. Each bone is a 3-D body (ellipsoids and cylinders blended by smooth
 * unions) whose section shrinks, appears and disappears across slices as a real bone's does: condyles in the
 * outer slices, the intercondylar notch and shaft in the central ones, the fibula only laterally.
 *
 * <p>Coordinates: u anterior (negative) to posterior, v superior (negative) to inferior; the joint line is near
 * v = +4 mm. Painting order is cartilage first, then cortex, then marrow, so each bone covers the inner half of its
 * cartilage shell and leaves a rim of cortex.
 */
final class Bones {

    /** Joint centre: the pivot for flexion and bone scaling. */
    static final double JOINT_U = 0;
    static final double JOINT_V = 4.2;
    /** Tibial plateau: centre height, half-height, posterior slope (deg) in the tibia frame. */
    static final double PLATEAU_V = 24.5;
    static final double PLATEAU_HALF_HEIGHT = 18;
    static final double PLATEAU_SLOPE = 5;
    /** Bone and cartilage are cut by the notch with the same rounding, so no cartilage shows on its roof. */
    private static final double NOTCH_ROUNDING = 1.5;

    /** Femoral diaphysis and metaphysis, knots every 15 mm from v = -100: centre, AP and ML half-widths. */
    private static final double[] FEMUR_CENTRE = {5.6, 4.3, 3.0, 2.0, 1.0, 0, 0, 0};
    private static final double[] FEMUR_AP = {13.5, 13.5, 14, 15.5, 18.5, 21, 18, -3};
    private static final double[] FEMUR_ML = {24, 26, 28, 31, 34, 36, 37, 37};
    /** Tibial metaphysis and diaphysis, knots every 15 mm from v = +5. */
    private static final double[] TIBIA_CENTRE = {2, 2, 4, 7, 8, 8.5, 9, 9.5};
    private static final double[] TIBIA_AP = {-3, 23, 20.5, 17.5, 15.5, 14, 13, 12.5};
    private static final double[] TIBIA_ML = {37, 37, 35, 31, 27, 23, 20, 18};

    private final double p;
    private final Frame femurFrame;
    private final Frame tibiaFrame;
    private final Frame patellaFrame;
    private final double cartilageScale;
    /** Condyle elongation: anterior-posterior axes times this, superior-inferior ones divided by it. */
    private final double condyle;

    Bones(KneeAnatomy a, double p, Frame femurFrame, Frame tibiaFrame, Frame patellaFrame) {
        this.p = p;
        this.femurFrame = femurFrame;
        this.tibiaFrame = tibiaFrame;
        this.patellaFrame = patellaFrame;
        this.cartilageScale = a.cartilage();
        this.condyle = a.condyle();
    }

    /** The patella's frame: it rides on the femur, shifted along it by the patella height. */
    static Frame patellaFrame(KneeAnatomy a, Frame femurFrame) {
        double pu = femurFrame.u(-39, -24);
        double pv = femurFrame.v(-39, -24) + a.patellaHeight();
        return new Frame(-39, -24, 0, a.patella() * a.femur(), pu + 39, pv + 24);
    }

    void paintCartilage(Canvas canvas, TissueTable t, Textures tex) {
        Frame f = femurFrame;
        // Femoral cartilage covers the condyles and the trochlea below a line just above the trochlear groove.
        Field femoral = (u, v) -> cartilageScale * 2.4 * Profile.smoothstep(f.v(0, -36), f.v(0, -30), v);
        paintCartilage(canvas, t, tex, femurArticular(), femoral, 2.4 * cartilageScale, notch());

        Frame tf = tibiaFrame;
        double spines = 1 - 0.9 * Math.exp(-p * p / 30);
        Field tibial = (u, v) -> cartilageScale * 2.2 * spines * Profile.smoothstep(tf.v(0, 15), tf.v(0, 11), v);
        paintCartilage(canvas, t, tex, plateau(), tibial, 2.2 * cartilageScale, Shape.NONE);

        Frame pf = patellaFrame;
        // Thick cartilage on the posterior facets, none on the anterior surface or the inferior pole.
        Field patellar = (u, v) -> cartilageScale * 3.6 * Profile.smoothstep(pf.u(-41, 0), pf.u(-36, 0), u)
                * Profile.smoothstep(pf.v(0, -7), pf.v(0, -12), v);
        paintCartilage(canvas, t, tex, patellaBody(), patellar, 3.6 * cartilageScale, Shape.NONE);
    }

    void paintBones(Canvas canvas, TissueTable t, Textures tex) {
        Frame f = femurFrame;
        // Cortex is thin around the epiphyses and thickens towards the diaphyses.
        Field femurCortex = (u, v) -> 0.9 + 3.0 * Profile.smoothstep(f.v(0, -40), f.v(0, -85), v);
        paintBone(canvas, t, tex, femur(), femurCortex);
        // The fibular head tucks under the lateral tibial condyle: paint it first so the tibia overlaps it.
        paintBone(canvas, t, tex, fibula(), (u, v) -> 1.2);
        Frame tf = tibiaFrame;
        Field tibiaCortex = (u, v) -> 0.9 + 2.8 * Profile.smoothstep(tf.v(0, 40), tf.v(0, 80), v);
        paintBone(canvas, t, tex, tibia(), tibiaCortex);
        paintBone(canvas, t, tex, patella(), (u, v) -> 0.9);
        paintPhysealScars(canvas, t);
    }

    /**
     * The closed growth plates: thin, slightly wavy dark lines across the femoral and tibial epiphyses, a landmark
     * of every adult knee image.
     */
    private void paintPhysealScars(Canvas canvas, TissueTable t) {
        double scar = 0.35 * t.intensity(Tissue.MARROW) + 0.65 * t.intensity(Tissue.CORTEX);
        Frame f = femurFrame;
        Shape femurMarrow = Shapes.offset(femur(), -2);
        canvas.paint(Shapes.intersect(femurMarrow, f.bezierTube(-30, -24, 2, -36, 32, -22, 0.35, 0.45, 0.35)),
                scar);
        Frame tf = tibiaFrame;
        Shape tibiaMarrow = Shapes.offset(tibia(), -2);
        canvas.paint(Shapes.intersect(tibiaMarrow, tf.bezierTube(-28, 24, 2, 17, 30, 24, 0.35, 0.45, 0.35)),
                scar);
    }

    /** A cartilage shell of the given thickness over the articular surface, minus {@code cut} (the notch). */
    private static void paintCartilage(Canvas canvas, TissueTable t, Textures tex, Shape articular, Field thickness,
            double maxThickness, Shape cut) {
        Shape full = Shapes.offset(articular, thickness, maxThickness);
        canvas.paint(Shapes.subtract(full, cut, NOTCH_ROUNDING), t.intensity(Tissue.CARTILAGE), tex.soft());
        Field deepZone = (u, v) -> 0.4 * thickness.at(u, v);
        Shape deep = Shapes.offset(articular, deepZone, maxThickness);
        canvas.paint(Shapes.subtract(deep, cut, NOTCH_ROUNDING), t.intensity(Tissue.CARTILAGE_DEEP), tex.soft());
    }

    private static void paintBone(Canvas canvas, TissueTable t, Textures tex, Shape bone, Field cortex) {
        canvas.paint(bone, t.intensity(Tissue.CORTEX));
        canvas.paint(Shapes.offset(bone, (u, v) -> -cortex.at(u, v), 0), t.intensity(Tissue.MARROW), tex.marrow());
    }

    /** Distal femur: diaphysis flaring into the metaphysis, condyles and trochlea, minus the notch. */
    Shape femur() {
        // The shaft ends inside the condyles: clip its tapering tip so it never pokes out of the joint surface.
        Shape shaft = Shapes.intersect(section(femurFrame, -100, FEMUR_CENTRE, FEMUR_AP, FEMUR_ML),
                femurFrame.ellipse(3, -62, 60, 56, 0));
        return Shapes.subtract(Shapes.smoothUnion(10, shaft, femurArticular()), notch(), NOTCH_ROUNDING);
    }

    /** The parts of the femur that carry cartilage: both condyles and the trochlea. */
    private Shape femurArticular() {
        Frame f = femurFrame;
        double med = Profile.boxy(p, -23, 18);
        double lat = Profile.boxy(p, 22, 17);
        double ap = condyle;
        double si = 1 / condyle;
        double troch = Profile.boxy(p, 0, 34);
        // The trochlear groove is deepest in the midline; the lateral facet stands higher.
        double groove = 3.5 * Math.exp(-p * p / 80) - (p > 0 ? 1.5 * Profile.smoothstep(0, 15, p) : 0);
        return Shapes.smoothUnion(6,
                f.ellipse(-3, 1.7 - 14 * si, 24 * med * ap, 14 * med * si, 4),
                f.ellipse(12, 1.7 - 17.5 * si, 17.5 * med * ap, 17.5 * med * si, 0),
                f.ellipse(-2, 1.7 - 13.5 * si, 22 * lat * ap, 13.5 * lat * si, 4),
                f.ellipse(11.5, 1.7 - 16.5 * si, 16.5 * lat * ap, 16.5 * lat * si, 0),
                f.ellipse(-10 + groove, -21, 16 * troch, 21 * troch, 0));
    }

    /**
     * The intercondylar notch: the half-plane posterior-inferior of Blumensaat's line, pushed away from the roof
     * towards the notch walls as the notch's arch narrows.
     */
    private Shape notch() {
        double half = 11;
        if (Math.abs(p) >= half) {
            return Shape.NONE;
        }
        double s = p / half;
        double depth = 22 * (1 - Math.sqrt(1 - s * s));
        Frame f = femurFrame;
        double nu = 27;
        double nv = 25;
        double len = Math.hypot(nu, nv);
        double bu = f.u(-11, -2) + depth * nu / len;
        double bv = f.v(-11, -2) + depth * nv / len;
        return Shapes.halfPlane(bu, bv, nu, nv);
    }

    /** Proximal tibia: plateau with spines, the metaphysis narrowing into the shaft, and the tuberosity. */
    Shape tibia() {
        Frame f = tibiaFrame;
        double tub = Profile.round(p, 5, 14);
        Shape shaft = Shapes.intersect(section(f, 5, TIBIA_CENTRE, TIBIA_AP, TIBIA_ML), f.ellipse(5, 72, 60, 60, 0));
        return Shapes.smoothUnion(12, plateau(), shaft, f.ellipse(-14, 40, 9 * tub, 14 * tub, -12));
    }

    /**
     * The section of a long bone given as knots every 15 mm along v (from v0): centre line, anterior-posterior and
     * medial-lateral half-widths, each interpolated smoothly. The plane at p cuts a rounded cross-section (a
     * superellipse of exponent 3), so the in-plane half-width is ap * cbrt(1 - |p / ml|^3); sampling it every
     * 2.5 mm gives the rounded end the section has where the plane leaves the bone. Where the plane misses the bone the half-width turns negative, which
     * closes the band.
     */
    private Shape section(Frame f, double v0, double[] centre, double[] ap, double[] ml) {
        Spline c = new Spline(v0, 15, centre);
        Spline a = new Spline(v0, 15, ap);
        Spline w = new Spline(v0, 15, ml);
        int n = 6 * (centre.length - 1) + 1;
        double[] front = new double[n];
        double[] back = new double[n];
        for (int i = 0; i < n; i++) {
            double v = v0 + 2.5 * i;
            double s = Profile.cubic(p, 0, w.at(v));
            double half = s > 0 ? f.length(a.at(v) * s) - 0.3 : -3;
            double cu = f.u(c.at(v), v);
            front[i] = cu - half;
            back[i] = cu + half;
        }
        double start = f.v(0, v0);
        double step = f.length(2.5);
        return Shapes.band(new Spline(start, step, front), new Spline(start, step, back));
    }

    /**
     * Tibial epiphysis with the intercondylar eminence: the surface that carries cartilage and menisci. The plateau
     * is flat with rounded rims; the medial one is slightly concave and the lateral one slightly convex.
     */
    private Shape plateau() {
        Frame f = tibiaFrame;
        double ml = Profile.boxy(p, 0, 39);
        // The medial plateau is longer front to back than the lateral one.
        double ap = 23.5 - 1.5 * Math.tanh(p / 8);
        double top = PLATEAU_V - PLATEAU_HALF_HEIGHT;
        Shape epiphysis = f.roundedBox(2, PLATEAU_V + (1 - ml) * 8, ap * ml, PLATEAU_HALF_HEIGHT * ml, 6,
                PLATEAU_SLOPE);
        double medial = Profile.round(p, -22, 14);
        double lateral = Profile.round(p, 21, 13);
        epiphysis = Shapes.subtract(epiphysis, f.ellipse(3, top - 28, 20 * medial, 29.2 * medial, PLATEAU_SLOPE), 2);
        // Between the plateaus the anterior and posterior intercondylar areas lie lower, leaving the spines standing.
        double between = Profile.round(p, 0, 11);
        epiphysis = Shapes.subtract(epiphysis, Shapes.union(f.ellipse(-22, top - 2, 13 * between, 7 * between, 0),
                f.ellipse(25, top - 1, 13 * between, 8 * between, 0)), 3);
        double medSpine = Profile.round(p, -4, 5);
        double latSpine = Profile.round(p, 5, 5);
        return Shapes.smoothUnion(3, epiphysis,
                f.ellipse(2, top + 1.5, 16 * lateral, 2.5 * lateral, PLATEAU_SLOPE),
                f.ellipse(-1, top + 2.5, 8 * medSpine, 6 * medSpine, 0),
                f.ellipse(3, top + 3, 7 * latSpine, 5.5 * latSpine, 0));
    }

    /** Fibular head with its styloid process and neck, in the lateral slices. */
    Shape fibula() {
        Frame f = tibiaFrame;
        double head = Profile.round(p, 40, 11);
        double neck = Profile.round(p, 40, 8);
        double apex = Profile.round(p, 42, 6);
        return Shapes.smoothUnion(6,
                f.ellipse(17, 31, 11 * head, 12 * head, 0),
                f.ellipse(21, 21, 4 * apex, 6 * apex, 0),
                f.capsule(18, 38, 7 * neck, 24, 110, 6 * neck));
    }

    /** Patella: an oval with a pointed inferior pole, thick in the midline and thinning towards its facets. */
    Shape patella() {
        return Shapes.smoothUnion(6, patellaBody(), patellaFrame.ellipse(-40, -6, 5 * patellaThickness(),
                6 * Profile.boxy(p, 3, 23), 0));
    }

    private Shape patellaBody() {
        double sv = Profile.boxy(p, 3, 23);
        return patellaFrame.ellipse(-39, -24, 10.5 * patellaThickness(), 19 * sv, -3);
    }

    private double patellaThickness() {
        return Profile.round(p, 3, 23);
    }
}
