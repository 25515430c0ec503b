package org.mrirecon.phantom.internal;

/**
 * The joint in one sagittal section: fluid in the joint space and its recesses, the menisci, and the cruciate and
 * collateral ligaments. Painted after the soft tissues and before cartilage and bone, which then cover the parts
 * of these structures that run into them (ligament attachments, meniscal bases).
 */
final class Joint {

    private final double p;
    private final KneeAnatomy anatomy;
    private final Frame femurFrame;
    private final Frame tibiaFrame;

    Joint(KneeAnatomy anatomy, double p, Frame femurFrame, Frame tibiaFrame) {
        this.p = p;
        this.anatomy = anatomy;
        this.femurFrame = femurFrame;
        this.tibiaFrame = tibiaFrame;
    }

    void paintFluid(Canvas canvas, TissueTable t) {
        double fluid = t.intensity(Tissue.FLUID);
        // A film of fluid between the cartilage surfaces of each compartment; cartilage covers most of it.
        double medial = Profile.round(p, -22, 17);
        double lateral = Profile.round(p, 21, 16);
        canvas.paint(tibiaFrame.ellipse(3, 4.2, 26 * medial, 2 * medial, Bones.PLATEAU_SLOPE), fluid);
        canvas.paint(tibiaFrame.ellipse(2, 4.2, 23 * lateral, 2 * lateral, Bones.PLATEAU_SLOPE), fluid);
        Frame f = femurFrame;
        double supra = Profile.round(p, 2, 28);
        canvas.paint(f.bezierTube(-30, -34, -31, -52, -24, -66, 0.6 * supra, 1.2 * supra, 0.5 * supra), fluid);
        // Posterior recesses behind the condyles.
        double med = Profile.round(p, -22, 15);
        canvas.paint(f.bezierTube(26, -31, 36, -19, 30, -3, 0.4 * med, 1.1 * med, 0.4 * med), fluid);
        double lat = Profile.round(p, 22, 14);
        canvas.paint(f.bezierTube(25, -28, 34, -17, 29, -3, 0.4 * lat, 1.0 * lat, 0.4 * lat), fluid);
    }

    void paintMenisci(Canvas canvas, TissueTable t, Textures tex) {
        double m = anatomy.meniscus();
        double intensity = t.intensity(Tissue.MENISCUS);
        canvas.paint(new Meniscus(tibiaFrame, p, -23, 3, 19 * m, 26 * m, 9 * m, 14 * m, 6.5 * m), intensity,
                tex.soft());
        canvas.paint(new Meniscus(tibiaFrame, p, 21, 2, 17 * m, 22 * m, 10 * m, 11 * m, 6 * m), intensity,
                tex.soft());
    }

    void paintLigaments(Canvas canvas, TissueTable t, Textures tex) {
        double th = anatomy.tendon();
        Frame f = femurFrame;
        Frame tf = tibiaFrame;
        // ACL: from the lateral condyle's inner wall, high and posterior, to the anterior tibial spine area.
        double acl = Profile.round(p, 4, 6) * th;
        canvas.paint(Shapes.bezierTube(f.u(13, -19), f.v(13, -19), 3, -7, tf.u(-7, 6), tf.v(-7, 6), 3.5 * acl,
                4.5 * acl, 5 * acl), t.intensity(Tissue.LIGAMENT), tex.soft());
        // PCL: thick and dark, arching from the medial condyle's inner wall down to the back of the tibia.
        double pcl = Profile.round(p, -5, 7) * th;
        canvas.paint(Shapes.bezierTube(f.u(-6, -8), f.v(-6, -8), 15, -22, tf.u(18, 21), tf.v(18, 21), 4 * pcl,
                5.5 * pcl, 4.5 * pcl), t.intensity(Tissue.TENDON), tex.soft());
        double mcl = Profile.round(p, -45, 3) * th;
        canvas.paint(Shapes.capsule(f.u(-2, -32), f.v(-2, -32), 5 * mcl, tf.u(4, 52), tf.v(4, 52), 5 * mcl),
                t.intensity(Tissue.LIGAMENT), tex.soft());
        double lcl = Profile.round(p, 43, 3) * th;
        canvas.paint(Shapes.capsule(f.u(4, -18), f.v(4, -18), 3 * lcl, tf.u(20, 26), tf.v(20, 26), 3 * lcl),
                t.intensity(Tissue.LIGAMENT), tex.soft());
    }

    /**
     * One meniscus: a C-shaped ring of wedge cross-section on the tibial plateau. In the sagittal plane the ring is
     * cut either across both horns (two triangles pointing at each other) or, near its periphery, along its body
     * (one continuous "bow tie"): both follow from the ring's radial depth at each point. Defined in the tibia
     * frame, where the plateau is level apart from its posterior slope.
     */
    private static final class Meniscus implements Shape {
        private final Frame frame;
        private final double centreU;
        private final double dx2;
        private final double radiusU;
        private final double widthAnterior;
        private final double widthPosterior;
        private final double height;
        private final double slope = Math.tan(Math.toRadians(Bones.PLATEAU_SLOPE));
        private final Box box;

        Meniscus(Frame frame, double p, double centreX, double centreU, double radiusX, double radiusU,
                double widthAnterior, double widthPosterior, double height) {
            this.frame = frame;
            this.centreU = centreU;
            double dx = (p - centreX) / radiusX;
            this.dx2 = dx * dx;
            this.radiusU = radiusU;
            this.widthAnterior = widthAnterior;
            this.widthPosterior = widthPosterior;
            this.height = height;
            double baseV = Bones.PLATEAU_V - Bones.PLATEAU_HALF_HEIGHT;
            // Generous margins cover the frame's rotation (a few degrees of flexion).
            this.box = dx2 >= 1 ? Box.EMPTY : Box.around(frame.u(centreU, baseV), frame.v(centreU, baseV),
                    frame.length(radiusU + 6), frame.length(height + 10));
        }

        @Override
        public double distance(double u, double v) {
            double lu = frame.localU(u, v);
            double lv = frame.localV(u, v);
            double x = (lu - centreU) / radiusU;
            double depth = (1 - Math.sqrt(dx2 + x * x)) * radiusU;
            double w = widthAnterior + (widthPosterior - widthAnterior) * Profile.smoothstep(-5, 5, lu - centreU);
            double base = Bones.PLATEAU_V - Bones.PLATEAU_HALF_HEIGHT + slope * (lu - 2) - 2.0;
            double top = base - height * Math.max(0, 1 - depth / w);
            return frame.length(Math.max(Math.max(-depth, depth - w), Math.max(lv - base, top - lv)));
        }

        @Override
        public Box bounds() {
            return box;
        }
    }
}
