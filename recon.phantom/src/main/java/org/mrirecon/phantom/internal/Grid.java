package org.mrirecon.phantom.internal;

/**
 * A pixel grid over the field of view in the acquisition layout: rows along u (anterior to posterior, the
 * phase-encode direction), columns along v (superior to inferior, the readout direction), in millimetres. Pixel
 * (r, c) sits at {@code u = (r - rows/2) du}, {@code v = (c - cols/2) dv}: the centred-FFT convention, so a grid and
 * its k-times finer version share the centre pixel and every k-th pixel.
 *
 * <p>Shapes, textures, phase and coil fields are all written in the patient coordinates (u, v); only this class
 * decides which of them runs along the rows, so the whole simulation turns with it.
 */
public record Grid(int rows, int cols, double fovU, double fovV) {

    /** Row spacing (along u, anterior-posterior). */
    public double du() {
        return fovU / rows;
    }

    /** Column spacing (along v, superior-inferior). */
    public double dv() {
        return fovV / cols;
    }

    /** Anterior-posterior position of row {@code row}; row 0 is the most anterior. */
    public double u(int row) {
        return (row - rows / 2) * du();
    }

    /** Superior-inferior position of column {@code col}; column 0 is the most superior. */
    public double v(int col) {
        return (col - cols / 2) * dv();
    }

    public int size() {
        return rows * cols;
    }

    /** The same field of view sampled k times more finely. */
    public Grid refined(int k) {
        return new Grid(rows * k, cols * k, fovU, fovV);
    }
}
