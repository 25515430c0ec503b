package org.mrirecon.numerics.sens;

/**
 * Coil sensitivity maps estimated by {@link Espirit}: one or more sets (ESPIRiT's leading eigenvectors per pixel) of
 * one complex map per coil, interleaved, row-major {@code [y][x]}, {@code 2 * rows * cols} floats, in the layout of
 * {@link org.mrirecon.numerics.op.SensitivityOperator}. In every set, {@code sum_c |S_c|^2 = 1} wherever the map is
 * kept and 0 where it was cropped. Set 0 is the usual SENSE map; set 1 is non-zero only where signal folds in from
 * outside the field of view. Immutable; accessors return copies.
 */
public final class SensitivityMaps {

    private final int rows;
    private final int cols;
    private final float[][][] maps;
    private final float[][] eigenvalues;
    private final int kernels;
    private final double[] phaseReference;

    SensitivityMaps(int rows, int cols, float[][][] maps, float[][] eigenvalues, int kernels,
            double[] phaseReference) {
        this.rows = rows;
        this.cols = cols;
        this.maps = maps;
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
        return maps[0].length;
    }

    /** Number of sets of maps. */
    public int sets() {
        return maps.length;
    }

    /** A copy of the first set, {@code [coil][2 * (y * cols + x) + (0 re | 1 im)]}: the SENSE maps. */
    public float[][] maps() {
        return maps(0);
    }

    /** A copy of one set of maps. */
    public float[][] maps(int set) {
        float[][] out = new float[maps[set].length][];
        for (int c = 0; c < out.length; c++) {
            out[c] = maps[set][c].clone();
        }
        return out;
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
        return "SensitivityMaps[" + maps.length + " set(s) of " + coils() + " coils, " + rows + "x" + cols + ", "
                + kernels + " kernels]";
    }
}
