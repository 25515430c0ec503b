package org.mrirecon.phantom.internal;

import java.util.SplittableRandom;

/**
 * A cylindrical receive array like a clinical knee coil: circular loops bent onto a cylinder of radius 80 mm
 * around the limb (axis along the magnet's B0, superior-inferior), in staggered rings (15 coils: 3 rings of 5).
 * Each loop's receive field is its Biot-Savart field, so |B1-| falls off with distance and its phase turns with
 * position, as in a real array; each coil also gets a fixed random cable phase. The elements around the
 * circumference differ along anterior-posterior, the phase-encode direction, which is what parallel imaging needs;
 * along the axis the 15-coil array's three rings (loops of 66 mm at 55 mm spacing) cover superior-inferior
 * +-88 mm, the whole 160 mm readout field of view.
 *
 * <p>Coordinates in mm: x medial-lateral (the slice normal), u anterior-posterior, v superior-inferior.
 */
public final class CoilArray {

    private static final double CYLINDER_RADIUS = 80;
    private static final double RING_SPACING = 55;
    private static final int SEGMENTS = 36;
    /** Softening of the 1/r^3 kernel, so grid nodes near a wire stay finite. */
    private static final double CORE = 2.0;

    private final int coils;
    /** Wire segment midpoints and direction vectors (dl), per coil: [coil][segment * 3 + axis]. */
    private final double[][] mid;
    private final double[][] dl;
    private final double[][] centre;
    private final double[] phaseCos;
    private final double[] phaseSin;
    private final double loopRadius;

    public CoilArray(int coils, long seed) {
        this.coils = coils;
        int rings = coils <= 4 ? 1 : coils <= 12 ? 2 : coils <= 24 ? 3 : 4;
        this.mid = new double[coils][3 * SEGMENTS];
        this.dl = new double[coils][3 * SEGMENTS];
        this.centre = new double[coils][];
        this.phaseCos = new double[coils];
        this.phaseSin = new double[coils];
        int perRingMax = (coils + rings - 1) / rings;
        double radius = Math.PI * CYLINDER_RADIUS / perRingMax * 1.1;
        if (rings > 1) {
            radius = Math.min(radius, 0.6 * RING_SPACING);
        }
        this.loopRadius = Math.min(radius, 60);
        SplittableRandom random = Seeds.stream(seed, Seeds.COILS);
        int c = 0;
        for (int ring = 0; ring < rings; ring++) {
            int inRing = coils / rings + (ring < coils % rings ? 1 : 0);
            double height = (ring - (rings - 1) / 2.0) * RING_SPACING;
            for (int j = 0; j < inRing; j++, c++) {
                // Staggered rings, and the first element of the array in front of the knee.
                double angle = -Math.PI / 2 + 2 * Math.PI * (j + 0.5 * (ring % 2)) / inRing;
                layLoop(c, angle, height);
                double phase = 2 * Math.PI * random.nextDouble();
                phaseCos[c] = Math.cos(phase);
                phaseSin[c] = Math.sin(phase);
            }
        }
    }

    public int coils() {
        return coils;
    }

    /** A loop of radius loopRadius bent onto the cylinder, centred at the given angle and height. */
    private void layLoop(int c, double angle, double height) {
        double[] x = new double[SEGMENTS + 1];
        double[] u = new double[SEGMENTS + 1];
        double[] v = new double[SEGMENTS + 1];
        for (int k = 0; k <= SEGMENTS; k++) {
            double t = 2 * Math.PI * k / SEGMENTS;
            double a = angle + loopRadius * Math.cos(t) / CYLINDER_RADIUS;
            x[k] = CYLINDER_RADIUS * Math.cos(a);
            u[k] = CYLINDER_RADIUS * Math.sin(a);
            v[k] = height + loopRadius * Math.sin(t);
        }
        for (int k = 0; k < SEGMENTS; k++) {
            mid[c][3 * k] = 0.5 * (x[k] + x[k + 1]);
            mid[c][3 * k + 1] = 0.5 * (u[k] + u[k + 1]);
            mid[c][3 * k + 2] = 0.5 * (v[k] + v[k + 1]);
            dl[c][3 * k] = x[k + 1] - x[k];
            dl[c][3 * k + 1] = u[k + 1] - u[k];
            dl[c][3 * k + 2] = v[k + 1] - v[k];
        }
        centre[c] = new double[] {CYLINDER_RADIUS * Math.cos(angle), CYLINDER_RADIUS * Math.sin(angle), height};
    }

    /**
     * The complex receive sensitivity of coil c at (x, u, v), unnormalised: the B1- combination Bx - i Bu of the
     * loop's Biot-Savart field (B0 along v), times the coil's cable phase. Writes re, im into out[offset..].
     */
    public void sensitivity(int c, double x, double u, double v, double[] out, int offset) {
        double bx = 0;
        double bu = 0;
        double[] m = mid[c];
        double[] d = dl[c];
        for (int k = 0; k < 3 * SEGMENTS; k += 3) {
            double rx = x - m[k];
            double ru = u - m[k + 1];
            double rv = v - m[k + 2];
            double r2 = rx * rx + ru * ru + rv * rv + CORE * CORE;
            double inv = 1 / (r2 * Math.sqrt(r2));
            // (dl x r) components along x and u.
            bx += (d[k + 1] * rv - d[k + 2] * ru) * inv;
            bu += (d[k + 2] * rx - d[k] * rv) * inv;
        }
        out[offset] = bx * phaseCos[c] + bu * phaseSin[c];
        out[offset + 1] = bx * phaseSin[c] - bu * phaseCos[c];
    }

    /**
     * Noise correlation matrix (unit diagonal): neighbouring loops couple, so their noise correlates. The nearest
     * pair gets rho and the correlation falls off exponentially with the distance between loop centres (length
     * scale: the nearest distance d0), i.e. (1 - rho e) I + rho e K with K_ij = exp(-d_ij / d0), which is positive
     * definite for rho e &lt; 1 because K (a Laplace kernel) is.
     */
    public double[][] noiseCorrelation(double rho) {
        double[][] d = new double[coils][coils];
        double nearest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < coils; i++) {
            for (int j = 0; j < coils; j++) {
                d[i][j] = Math.sqrt(sq(centre[i][0] - centre[j][0]) + sq(centre[i][1] - centre[j][1])
                        + sq(centre[i][2] - centre[j][2]));
                if (i != j) {
                    nearest = Math.min(nearest, d[i][j]);
                }
            }
        }
        double[][] psi = new double[coils][coils];
        for (int i = 0; i < coils; i++) {
            for (int j = 0; j < coils; j++) {
                psi[i][j] = i == j ? 1 : rho * Math.exp(1 - d[i][j] / nearest);
            }
        }
        return psi;
    }

    private static double sq(double a) {
        return a * a;
    }
}
