package org.mrirecon.numerics.op;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * {@code S}: expands images into coil images with one or more sets of complex coil sensitivities,
 * {@code y_c = sum_m S_mc x_m}; the adjoint combines coil images with the conjugate maps,
 * {@code x_m = sum_c conj(S_mc) y_c}. One set is plain SENSE; with two (ESPIRiT's soft SENSE) the second set carries
 * signal that folds in from outside the field of view, and one image per set is reconstructed.
 *
 * <p>Domain {@code [sets, rows, cols]}, range {@code [coils, rows, cols]}; the maps are one flat array
 * {@code [sets, coils, rows, cols]}.
 */
public final class Sensitivity extends ShapedOperator {

    /** Pixels per task of the adjoint, whose threads each own a range of output pixels. */
    private static final int CHUNK = 4096;

    private final float[] maps;
    private final int sets;
    private final int coils;
    private final int pixels;

    /**
     * @param maps     complex maps, {@code [sets, coils, rows, cols]}; copied
     * @param mapShape {@code [sets, coils, rows, cols]}
     */
    public Sensitivity(float[] maps, Shape mapShape) {
        super(images(mapShape, 0), images(mapShape, 1));
        mapShape.require(maps, "sensitivity maps");
        this.maps = maps.clone();
        this.sets = mapShape.dim(0);
        this.coils = mapShape.dim(1);
        this.pixels = mapShape.dim(2) * mapShape.dim(3);
    }

    /** {@code [n, rows, cols]} with n the length of the maps' axis 0 (sets) or 1 (coils). */
    private static Shape images(Shape mapShape, int axis) {
        if (mapShape.rank() != 4) {
            throw new IllegalArgumentException("sensitivity maps need the shape [sets, coils, rows, cols], got "
                    + mapShape);
        }
        return Shape.of(mapShape.dim(axis), mapShape.dim(2), mapShape.dim(3));
    }

    /** One set of maps, {@code [coils, rows, cols]}. */
    public static Sensitivity ofCoils(float[] maps, int coils, int rows, int cols) {
        return new Sensitivity(maps, Shape.of(1, coils, rows, cols));
    }

    public int sets() {
        return sets;
    }

    public int coils() {
        return coils;
    }

    /** A copy of the maps, {@code [sets, coils, rows, cols]}. */
    public float[] maps() {
        return maps.clone();
    }

    @Override
    public void apply(float[] x, float[] y) {
        domain().require(x, "input of " + this);
        range().require(y, "output of " + this);
        IntStream.range(0, coils).parallel().forEach(c -> {
            int out = 2 * c * pixels;
            Vectors.multiply(maps, map(0, c), x, 0, y, out, pixels);
            for (int m = 1; m < sets; m++) {
                Vectors.multiplyAdd(maps, map(m, c), x, 2 * m * pixels, y, out, pixels);
            }
        });
    }

    @Override
    public void applyAdjoint(float[] y, float[] x) {
        range().require(y, "input of " + this + "^H");
        domain().require(x, "output of " + this + "^H");
        int chunks = (pixels + CHUNK - 1) / CHUNK;
        IntStream.range(0, sets * chunks).parallel().forEach(task -> {
            int m = task / chunks;
            int from = (task % chunks) * CHUNK;
            int n = Math.min(CHUNK, pixels - from);
            int out = 2 * (m * pixels + from);
            Arrays.fill(x, out, out + 2 * n, 0f);
            for (int c = 0; c < coils; c++) {
                Vectors.conjugateMultiplyAdd(maps, map(m, c) + 2 * from, y, 2 * (c * pixels + from), x, out, n);
            }
        });
    }

    /**
     * {@code ||S||^2 = ||S^H S||}: the largest, over pixels, of the largest eigenvalue of the pixel's {@code sets x
     * sets} Gram matrix {@code sum_c conj(S_mc) S_m'c} (one set: {@code sum_c |S_c|^2}; two: the 2 x 2 eigenvalue in
     * closed form; more: Gershgorin's bound, an upper bound). ESPIRiT's maps and maps normalised to unit
     * root-sum-of-squares give 1 inside the object.
     */
    public double largestGain() {
        // The Gram entries of every pixel, accumulated coil by coil in the maps' own (pixel-contiguous) order.
        double[][] re = new double[sets * sets][];
        double[][] im = new double[sets * sets][];
        IntStream.range(0, sets * sets).filter(mn -> mn / sets <= mn % sets).parallel().forEach(mn -> {
            int m = mn / sets;
            int n = mn % sets;
            double[] r = new double[pixels];
            double[] i = new double[pixels];
            for (int c = 0; c < coils; c++) {
                int a = map(m, c);
                int b = map(n, c);
                for (int p = 0; p < pixels; p++) {
                    // conj(S_mc) S_nc
                    float ar = maps[a + 2 * p];
                    float ai = maps[a + 2 * p + 1];
                    float br = maps[b + 2 * p];
                    float bi = maps[b + 2 * p + 1];
                    r[p] += (double) ar * br + (double) ai * bi;
                    i[p] += (double) ar * bi - (double) ai * br;
                }
            }
            re[mn] = r;
            im[mn] = i;
        });
        double largest = 0;
        for (int p = 0; p < pixels; p++) {
            largest = Math.max(largest, largestEigenvalue(re, im, p));
        }
        return largest;
    }

    /** Of pixel p's Hermitian Gram matrix, given by its upper triangle {@code [m * sets + n][p]}, {@code m <= n}. */
    private double largestEigenvalue(double[][] re, double[][] im, int p) {
        if (sets == 1) {
            return re[0][p];
        }
        if (sets == 2) {
            double mean = (re[0][p] + re[3][p]) / 2;
            double half = (re[0][p] - re[3][p]) / 2;
            return mean + Math.sqrt(half * half + re[1][p] * re[1][p] + im[1][p] * im[1][p]);
        }
        double bound = 0;
        for (int i = 0; i < sets; i++) {
            double row = 0;
            for (int j = 0; j < sets; j++) {
                int upper = Math.min(i, j) * sets + Math.max(i, j);
                row += i == j ? re[upper][p] : Math.hypot(re[upper][p], im[upper][p]);
            }
            bound = Math.max(bound, row);
        }
        return bound;
    }

    /** Float offset of the map of set m, coil c. */
    int map(int m, int c) {
        return 2 * (m * coils + c) * pixels;
    }

    float[] mapsShared() {
        return maps;
    }

    @Override
    public String toString() {
        return "S[" + sets + " set(s) x " + coils + " coils]";
    }
}
