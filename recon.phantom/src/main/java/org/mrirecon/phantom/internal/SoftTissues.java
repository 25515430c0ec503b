package org.mrirecon.phantom.internal;

import java.util.SplittableRandom;

/**
 * Everything around the bones in one sagittal section: skin, subcutaneous fat, the muscle compartments, the fat
 * pads (Hoffa's, suprapatellar, popliteal), the quadriceps, patellar and hamstring tendons, the popliteal vessels
 * and tibial nerve, and small random vessels in the fat. Painted back to front before the joint and the bones.
 */
final class SoftTissues {

    /** Body outline knots: every 15 mm from v = -80 (superior) to +85. */
    private static final double KNOT_V0 = -80;
    private static final double KNOT_STEP = 15;
    private static final double[] ANTERIOR = {-60, -60, -59, -57, -55, -53, -49, -43, -36, -30, -25, -22};
    private static final double[] POSTERIOR = {60, 60, 59, 58, 57, 57, 58, 60, 62, 63, 63, 62};
    /** Subcutaneous fat thickness (mm) at the same knots, in front and behind. */
    private static final double[] FAT_ANTERIOR = {9, 9, 8, 6, 3.5, 4.5, 6, 5, 4, 5, 5, 5};
    private static final double[] FAT_POSTERIOR = {9, 9, 9, 8, 8, 9, 9, 8, 8, 8, 8, 8};
    /** Medial-lateral half-width of the limb (mm) from v = -75 every 25 mm. */
    private static final Spline HALF_WIDTH = new Spline(-75, 25, 66, 63, 58, 55, 54, 53, 52);
    private static final double SKIN = 1.6;
    private static final int SMALL_VESSELS = 8;

    private final double p;
    private final KneeAnatomy anatomy;
    private final Frame femurFrame;
    private final Frame tibiaFrame;
    private final Frame patellaFrame;
    private final Shape body;
    /** The limb inside its subcutaneous fat, where muscles and fat pads lie. */
    private final Shape deep;

    SoftTissues(KneeAnatomy anatomy, double p, Frame femurFrame, Frame tibiaFrame, Frame patellaFrame) {
        this.p = p;
        this.anatomy = anatomy;
        this.femurFrame = femurFrame;
        this.tibiaFrame = tibiaFrame;
        this.patellaFrame = patellaFrame;
        this.body = limbSection(0, 0);
        this.deep = limbSection(SKIN, anatomy.fat());
    }

    /**
     * Skin, subcutaneous fat, and muscle filling the deep compartment (fat pads are carved out later). The limb is a
     * 3-D tube of elliptic cross-section and the fat a shell of it, so outer slices, which cut the shell obliquely,
     * show thick fat and finally nothing but fat.
     */
    void paintLimb(Canvas canvas, TissueTable t, Textures tex) {
        canvas.paint(body, t.intensity(Tissue.SKIN), tex.soft());
        canvas.paint(Shapes.offset(body, -SKIN), t.intensity(Tissue.FAT), tex.fat());
        canvas.paint(deep, t.intensity(Tissue.MUSCLE), tex.muscle());
    }

    /** The section of the limb shrunk by {@code inset} mm plus the subcutaneous fat times {@code fat}. */
    private Shape limbSection(double inset, double fat) {
        int n = ANTERIOR.length;
        double[] front = new double[n];
        double[] back = new double[n];
        for (int i = 0; i < n; i++) {
            double v = KNOT_V0 + i * KNOT_STEP;
            double side = inset + fat * FAT_POSTERIOR[i];
            double w = HALF_WIDTH.at(v) - side;
            double x = Math.abs(p) / w;
            double s = x >= 1 ? -0.2 : Math.sqrt(1 - x * x);
            double c = 0.5 * (ANTERIOR[i] + POSTERIOR[i]);
            front[i] = c + (ANTERIOR[i] + inset + fat * FAT_ANTERIOR[i] - c) * s;
            back[i] = c + (POSTERIOR[i] - side - c) * s;
        }
        return Shapes.band(new Spline(KNOT_V0, KNOT_STEP, front), new Spline(KNOT_V0, KNOT_STEP, back));
    }

    /** Fat pads and periarticular fat, carved out of the deep compartment. */
    void paintFatPads(Canvas canvas, TissueTable t, Textures tex) {
        Frame f = femurFrame;
        Frame tf = tibiaFrame;
        // Hoffa's infrapatellar fat pad, filling the space between patellar tendon, condyles and tibia.
        double hoffa = ml(2, 30);
        paintFat(canvas, t, tex, Shapes.smoothUnion(8,
                f.ellipse(-27, 2, 14 * hoffa, 15 * hoffa, 0),
                f.ellipse(-14, -1, 9 * hoffa, 8 * hoffa, 0),
                tf.ellipse(-22, 14, 8 * hoffa, 9 * hoffa, 0)));
        // Quadriceps and prefemoral fat pads above the patella, either side of the suprapatellar recess.
        double supra = ml(2, 28);
        paintFat(canvas, t, tex, f.ellipse(-31, -50, 13 * supra, 18 * supra, 6));
        // Popliteal fossa: the fat diamond between hamstrings above and gastrocnemius heads below.
        double fossa = ml(2, 24);
        paintFat(canvas, t, tex, Shapes.smoothUnion(10,
                f.ellipse(36, -18, 18 * fossa, 38 * fossa, 0),
                f.ellipse(28, 6, 10 * fossa, 18 * fossa, 0)));
        // The intercondylar notch around the cruciates: synovium-covered fat.
        double notch = ml(0, 12);
        paintFat(canvas, t, tex, f.ellipse(4, -6, 17 * notch, 13 * notch, 35));
        // Pretibial fat: in the midline the tibia lies directly under the subcutaneous layer.
        double pretibial = ml(0, 16);
        paintFat(canvas, t, tex, tf.ellipse(-25, 72, 11 * pretibial, 45 * pretibial, -4));
    }

    /**
     * Muscles with their own shape, painted over the deep compartment in this order. Those bordering fat or
     * another muscle group get a thin fat sheath, so the main fascial planes show.
     */
    private static final Muscle[] MUSCLES = {
        new Muscle("vastus medialis (down to the patella)", false, false, -30, 26,
                -28, -110, -34, -60, -24, -26, 16, 17, 4),
        new Muscle("vastus lateralis", false, false, 30, 24, -26, -110, -30, -70, -22, -40, 15, 15, 4),
        new Muscle("vastus intermedius", false, true, 0, 30, -22, -110, -26, -75, -20, -48, 12, 11, 3),
        new Muscle("semimembranosus", false, true, -28, 20, 38, -110, 40, -60, 30, -18, 15, 14, 3),
        new Muscle("biceps femoris", false, true, 30, 20, 40, -110, 42, -60, 32, -16, 15, 14, 3),
        new Muscle("semitendinosus", false, false, 0, 34, 42, -110, 44, -80, 38, -50, 15, 12, 3),
        new Muscle("gastrocnemius, medial head", false, true, -19, 22, 27, -34, 46, -8, 47, 85, 5, 15, 18),
        new Muscle("gastrocnemius, lateral head", false, true, 19, 18, 25, -30, 44, -4, 45, 85, 4.5, 13, 16),
        new Muscle("gastrocnemius belly", true, true, 0, 40, 36, 8, 49, 45, 50, 120, 3, 11, 12),
        new Muscle("soleus", true, true, 0, 36, 21, 30, 30, 60, 31, 120, 2, 9, 10),
        new Muscle("popliteus", true, true, -4, 28, 14, 14, 20, 30, 22, 50, 2, 5, 2),
        new Muscle("tibialis anterior", true, true, 20, 14, -12, 40, -15, 80, -14, 120, 3, 9, 8),
        new Muscle("extensor digitorum longus", true, false, 31, 10, -6, 45, -8, 80, -8, 120, 3, 8, 7),
        new Muscle("peroneus longus", true, true, 41, 12, 10, 42, 6, 80, 6, 120, 3, 10, 9),
    };

    void paintMuscles(Canvas canvas, TissueTable t, Textures tex) {
        for (Muscle m : MUSCLES) {
            double s = ml(m.x0, m.halfWidth);
            if (s <= 0) {
                continue;
            }
            Frame f = m.onTibia ? tibiaFrame : femurFrame;
            Shape muscle = Shapes.intersect(f.bezierTube(m.u0, m.v0, m.u1, m.v1, m.u2, m.v2, m.r0 * s, m.rm * s,
                    m.r2 * s), deep);
            if (m.sheath) {
                canvas.paint(Shapes.offset(muscle, 0.5), t.intensity(Tissue.FAT), tex.fat());
            }
            canvas.paint(muscle, t.intensity(Tissue.MUSCLE), tex.muscle());
        }
    }

    /**
     * A fusiform muscle along the Bezier curve (u0, v0), control (u1, v1), (u2, v2) in the femur or tibia frame,
     * with radii r0, rm (middle), r2; its medial-lateral extent is centred at x0 with half-width halfWidth.
     */
    private record Muscle(String name, boolean onTibia, boolean sheath, double x0, double halfWidth, double u0,
            double v0, double u1, double v1, double u2, double v2, double r0, double rm, double r2) {
    }

    private void paintFat(Canvas canvas, TissueTable t, Textures tex, Shape pad) {
        canvas.paint(Shapes.intersect(pad, deep), t.intensity(Tissue.FAT), tex.fat());
    }

    private double ml(double x0, double w) {
        return Profile.round(p, x0, w);
    }

    /** Thin genicular and subcutaneous vessels at random in the fat: structures at the resolution limit. */
    void paintSmallVessels(Canvas canvas, TissueTable t, SplittableRandom random) {
        Shape underSkin = Shapes.offset(body, -SKIN);
        double[][] regions = {{-26, 3, 10, 9}, {34, -10, 10, 25}, {-50, -40, 4, 25}, {52, 20, 5, 35}};
        for (int k = 0; k < SMALL_VESSELS; k++) {
            double[] g = regions[k % regions.length];
            double u0 = g[0] + g[2] * (2 * random.nextDouble() - 1);
            double v0 = g[1] + g[3] * (2 * random.nextDouble() - 1);
            double angle = random.nextDouble() * Math.PI;
            double len = 8 + 14 * random.nextDouble();
            double bend = 4 * (2 * random.nextDouble() - 1);
            double r = 0.2 + 0.25 * random.nextDouble();
            double du = Math.cos(angle) * len / 2;
            double dv = Math.sin(angle) * len / 2;
            Shape vessel = femurFrame.bezierTube(u0 - du, v0 - dv, u0 - bend * Math.sin(angle),
                    v0 + bend * Math.cos(angle), u0 + du, v0 + dv, r, r, r * 0.8);
            canvas.paint(Shapes.intersect(vessel, underSkin), t.intensity(k % 3 == 0 ? Tissue.ARTERY : Tissue.VEIN));
        }
    }

    /** Popliteal artery and vein and the tibial nerve, running down the back of the knee. */
    void paintNeurovascular(Canvas canvas, TissueTable t, Textures tex) {
        Frame f = femurFrame;
        double vein = Profile.cylinder(p, 5, 4);
        canvas.paint(f.bezierTube(42, -85, 31, -10, 35, 90, vein, vein, vein), t.intensity(Tissue.VEIN));
        double artery = Profile.cylinder(p, 2, 3);
        canvas.paint(f.bezierTube(37, -85, 25, -10, 29, 90, artery, artery, artery), t.intensity(Tissue.ARTERY));
        double nerve = Profile.cylinder(p, 8, 2.3);
        canvas.paint(f.bezierTube(48, -85, 38, -10, 41, 60, nerve, nerve, nerve), t.intensity(Tissue.NERVE),
                tex.soft());
    }

    /** Quadriceps and patellar tendons, and the hamstring tendons in the outer slices. */
    void paintTendons(Canvas canvas, TissueTable t, Textures tex) {
        double tendon = t.intensity(Tissue.TENDON);
        double th = anatomy.tendon();
        Frame pf = patellaFrame;
        double quad = Profile.boxy(p, 2, 20) * th;
        canvas.paint(Shapes.bezierTube(pf.u(-42, -40), pf.v(-42, -40), -40, -62, -36, -88, 3.6 * quad, 3.2 * quad,
                2.2 * quad), tendon, tex.soft());
        double patellar = Profile.boxy(p, 4, 15) * th;
        canvas.paint(Shapes.capsule(pf.u(-41, -5), pf.v(-41, -5), 2.4 * patellar, tibiaFrame.u(-21, 40),
                tibiaFrame.v(-21, 40), 2.8 * patellar), tendon, tex.soft());
        double semimembranosus = Profile.round(p, -34, 5) * th;
        canvas.paint(femurFrame.bezierTube(36, -85, 32, -20, 22, 14, 2.5 * semimembranosus,
                2.5 * semimembranosus, 3 * semimembranosus), tendon, tex.soft());
        double biceps = Profile.round(p, 42, 6) * th;
        canvas.paint(Shapes.bezierTube(40, -85, 36, -20, tibiaFrame.u(22, 24), tibiaFrame.v(22, 24), 2.8 * biceps,
                2.8 * biceps, 3 * biceps), tendon, tex.soft());
    }
}
