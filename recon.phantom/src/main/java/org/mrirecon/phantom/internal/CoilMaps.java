package org.mrirecon.phantom.internal;

import java.util.stream.IntStream;

/**
 * The coil sensitivities of one slice as a smooth function of in-plane position. The Biot-Savart field is costly,
 * so it is evaluated on a coarse 4 mm grid and interpolated (Catmull-Rom, C1) onto any pixel grid; the
 * interpolated maps are then normalised to unit root-sum-of-squares over coils at every pixel. The same
 * function sampled on the fine simulation grid and on the acquisition grid gives consistent maps.
 */
public final class CoilMaps {

    private static final double SPACING = 4;
    /** Coarse nodes beyond the field of view on each side, for the interpolation stencil. */
    private static final int MARGIN = 2;

    private final int coils;
    private final int nu;
    private final int nv;
    private final double u0;
    private final double v0;
    /** Coarse complex field, [coil][2 * (iu * nv + iv)]. */
    private final double[][] coarse;

    /**
     * @param position the slice's medial-lateral position (mm)
     * @param fovU     field of view anterior-posterior (mm)
     * @param fovV     field of view superior-inferior (mm)
     */
    public CoilMaps(CoilArray array, double position, double fovU, double fovV) {
        this.coils = array.coils();
        this.nu = (int) Math.ceil(fovU / SPACING) + 1 + 2 * MARGIN;
        this.nv = (int) Math.ceil(fovV / SPACING) + 1 + 2 * MARGIN;
        this.u0 = -fovU / 2 - MARGIN * SPACING;
        this.v0 = -fovV / 2 - MARGIN * SPACING;
        this.coarse = new double[coils][2 * nu * nv];
        IntStream.range(0, coils).parallel().forEach(c -> {
            for (int iu = 0; iu < nu; iu++) {
                for (int iv = 0; iv < nv; iv++) {
                    array.sensitivity(c, position, u0 + iu * SPACING, v0 + iv * SPACING, coarse[c],
                            2 * (iu * nv + iv));
                }
            }
        });
    }

    public int coils() {
        return coils;
    }

    /**
     * Normalised complex maps on the grid, {@code [coil][2 * pixel + (0 re | 1 im)]}, in the grid's layout (rows
     * along u, columns along v).
     */
    public float[][] sample(Grid grid) {
        int rows = grid.rows();
        int cols = grid.cols();
        Stencil alongU = new Stencil(rows, r -> (grid.u(r) - u0) / SPACING, nu);
        Stencil alongV = new Stencil(cols, c -> (grid.v(c) - v0) / SPACING, nv);
        float[][] maps = new float[coils][];
        IntStream.range(0, coils).parallel().forEach(c -> maps[c] = interpolate(coarse[c], alongU, alongV, rows,
                cols));
        normalise(maps, grid.size());
        return maps;
    }

    private float[] interpolate(double[] field, Stencil alongU, Stencil alongV, int rows, int cols) {
        // Separable: first along v for every coarse u line, then along u.
        double[] tmp = new double[2 * nu * cols];
        for (int iu = 0; iu < nu; iu++) {
            for (int c = 0; c < cols; c++) {
                double re = 0;
                double im = 0;
                for (int k = 0; k < 4; k++) {
                    int j = 2 * (iu * nv + alongV.index[c] + k);
                    double w = alongV.weight[4 * c + k];
                    re += w * field[j];
                    im += w * field[j + 1];
                }
                tmp[2 * (iu * cols + c)] = re;
                tmp[2 * (iu * cols + c) + 1] = im;
            }
        }
        float[] out = new float[2 * rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double re = 0;
                double im = 0;
                for (int k = 0; k < 4; k++) {
                    int j = 2 * ((alongU.index[r] + k) * cols + c);
                    double w = alongU.weight[4 * r + k];
                    re += w * tmp[j];
                    im += w * tmp[j + 1];
                }
                out[2 * (r * cols + c)] = (float) re;
                out[2 * (r * cols + c) + 1] = (float) im;
            }
        }
        return out;
    }

    private static void normalise(float[][] maps, int pixels) {
        IntStream.range(0, pixels).parallel().forEach(i -> {
            double sum = 0;
            for (float[] m : maps) {
                sum += (double) m[2 * i] * m[2 * i] + (double) m[2 * i + 1] * m[2 * i + 1];
            }
            float inv = (float) (1 / Math.sqrt(Math.max(sum, 1e-300)));
            for (float[] m : maps) {
                m[2 * i] *= inv;
                m[2 * i + 1] *= inv;
            }
        });
    }

    /** Catmull-Rom stencil per output sample: first coarse node and four weights. */
    private static final class Stencil {
        final int[] index;
        final double[] weight;

        Stencil(int n, java.util.function.IntToDoubleFunction position, int nodes) {
            index = new int[n];
            weight = new double[4 * n];
            for (int i = 0; i < n; i++) {
                double s = position.applyAsDouble(i);
                int j = Math.max(1, Math.min(nodes - 3, (int) Math.floor(s)));
                double t = s - j;
                index[i] = j - 1;
                weight[4 * i] = 0.5 * (-t + 2 * t * t - t * t * t);
                weight[4 * i + 1] = 0.5 * (2 - 5 * t * t + 3 * t * t * t);
                weight[4 * i + 2] = 0.5 * (t + 4 * t * t - 3 * t * t * t);
                weight[4 * i + 3] = 0.5 * (-t * t + t * t * t);
            }
        }
    }
}
