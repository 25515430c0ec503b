package org.mrirecon.numerics.sens;

import java.util.Arrays;

import org.mrirecon.numerics.op.Sensitivity;
import org.mrirecon.numerics.op.Shape;

/**
 * Coil sensitivity maps estimated by {@link Espirit}: one or more sets (ESPIRiT's leading eigenvectors per pixel) of
 * one complex map per coil, flat {@code [sets, coils, rows, cols]} as {@link Sensitivity} takes them. In every set, {@code sum_c |S_c|^2 = 1} wherever the map is
 * kept and 0 where it was cropped. Set 0 is the usual SENSE map; set 1 is non-zero only where signal folds in from
 * outside the field of view. Immutable; accessors return copies.
 */
public final class SensitivityMaps {

    private final int rows;
    private final int cols;
    private final int coils;
    private final int sets;
    /** {@code [sets, coils, rows, cols]}. */
    private final float[] maps;
    private final float[][] eigenvalues;
    private final int kernels;
    private final double[] phaseReference;

    SensitivityMaps(int rows, int cols, float[][][] maps, float[][] eigenvalues, int kernels,
            double[] phaseReference) {
        this.rows = rows;
        this.cols = cols;
        this.sets = maps.length;
        this.coils = maps[0].length;
        int per = 2 * rows * cols;
        this.maps = new float[sets * coils * per];
        for (int m = 0; m < sets; m++) {
            for (int c = 0; c < coils; c++) {
                System.arraycopy(maps[m][c], 0, this.maps, (m * coils + c) * per, per);
            }
        }
        this.eigenvalues = eigenvalues;
        this.kernels = kernels;
        this.phaseReference = phaseReference;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int coils() {
        return coils;
    }

    /** Number of sets of maps. */
    public int sets() {
        return sets;
    }

    /** A copy of the first set, {@code [coils, rows, cols]}: the SENSE maps. */
    public float[] maps() {
        return maps(0);
    }

    /** A copy of one set of maps, {@code [coils, rows, cols]}. */
    public float[] maps(int set) {
        int per = 2 * coils * rows * cols;
        return Arrays.copyOfRange(maps, set * per, (set + 1) * per);
    }

    /** The sensitivity operator of all sets (soft SENSE with more than one). */
    public Sensitivity operator() {
        return operator(sets);
    }

    /** The sensitivity operator of the first {@code n} sets; {@code operator(1)} is plain SENSE. */
    public Sensitivity operator(int n) {
        if (n < 1 || n > sets) {
            throw new IllegalArgumentException("asked for " + n + " sets of maps, there are " + sets);
        }
        return new Sensitivity(Arrays.copyOf(maps, n * 2 * coils * rows * cols),
                Shape.of(n, coils, rows, cols));
    }

    /** A copy of the first set's per-pixel eigenvalue (about 1 inside the object), {@code rows * cols} floats. */
    public float[] eigenvalues() {
        return eigenvalues(0);
    }

    /**
     * A copy of one set's per-pixel eigenvalue. Where a later set is cropped the value may be an upper bound at or
     * below the crop threshold instead (it was not computed because it could not exceed the threshold).
     */
    public float[] eigenvalues(int set) {
        return eigenvalues[set].clone();
    }

    /** Number of calibration-matrix singular vectors kept by the threshold. */
    public int kernelCount() {
        return kernels;
    }

    /**
     * The coil weights {@code u} (unit vector, interleaved complex) of the virtual coil that fixes the phase: at every
     * kept pixel {@code sum_c conj(u_c) S_c} is real and positive. Apply the same rule to other maps to compare them
     * in this convention.
     */
    public double[] phaseReference() {
        return phaseReference.clone();
    }

    @Override
    public String toString() {
        return "SensitivityMaps[" + sets + " set(s) of " + coils() + " coils, " + rows + "x" + cols + ", "
                + kernels + " kernels]";
    }
}
