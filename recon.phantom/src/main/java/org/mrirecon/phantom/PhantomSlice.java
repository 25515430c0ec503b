package org.mrirecon.phantom;

import org.mrirecon.api.KSpace;
import org.mrirecon.phantom.internal.CoilMaps;
import org.mrirecon.phantom.internal.Grid;

/**
 * One simulated slice: fully sampled noisy multi-coil k-space with its ground truths. Immutable; array accessors
 * return copies. Images are row-major {@code [row][col]}: rows run anterior to posterior (phase-encode), columns
 * superior to inferior (readout), matching the k-space layout of {@link KSpace}. For the usual radiological view
 * of a sagittal knee (superior up, anterior on the left) display the transpose.
 */
public final class PhantomSlice {

    private final int index;
    private final double positionMm;
    private final KSpace kspace;
    private final float[] reference;
    private final float[] objectMagnitude;
    private final CoilMaps coilMaps;
    private final Grid grid;

    PhantomSlice(int index, double positionMm, KSpace kspace, float[] reference, float[] objectMagnitude,
            CoilMaps coilMaps, Grid grid) {
        this.index = index;
        this.positionMm = positionMm;
        this.kspace = kspace;
        this.reference = reference;
        this.objectMagnitude = objectMagnitude;
        this.coilMaps = coilMaps;
        this.grid = grid;
    }

    /** Slice number within the volume, 0 = most medial. */
    public int index() {
        return index;
    }

    /** Medial-lateral position of the slice centre in mm, negative medial, 0 through the intercondylar notch. */
    public double positionMm() {
        return positionMm;
    }

    /** Fully sampled, noisy, centred k-space: coils x phase-encodes x readouts. */
    public KSpace kspace() {
        return kspace;
    }

    /**
     * The fully sampled reference image: root-sum-of-squares over coils of the centred inverse FFT of
     * {@link #kspace()} (fastMRI's {@code reconstruction_rss}), noise included.
     */
    public float[] reference() {
        return reference.clone();
    }

    /**
     * The true complex coil sensitivities on the acquisition grid, {@code [coil][2 * (row * cols + col) + (0 re |
     * 1 im)]}, normalised so that the sum over coils of |S|^2 is 1 at every pixel (inside the object and out).
     * They are the maps the k-space was simulated with (evaluated at the acquisition pixel centres rather than on
     * the finer simulation grid). Computed on each call (tens of milliseconds).
     */
    public float[][] sensitivities() {
        return coilMaps.sample(grid);
    }

    /**
     * The noise-free object magnitude on the acquisition grid, without coil weighting: the magnitude of the
     * inverse FFT of the object's own k-space, truncated to the matrix exactly like the coil data. A noise-free,
     * single-channel ground truth for comparing reconstructions.
     */
    public float[] objectMagnitude() {
        return objectMagnitude.clone();
    }

    @Override
    public String toString() {
        return String.format("PhantomSlice[%d at %.1f mm, %s]", index, positionMm, kspace);
    }
}
