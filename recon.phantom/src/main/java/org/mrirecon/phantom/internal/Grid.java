package org.mrirecon.phantom.internal;

/**
 * A pixel grid over the field of view, rows along v (superior to inferior) and columns along u (anterior to
 * posterior), in millimetres. Pixel (r, c) sits at {@code v = (r - rows/2) dv}, {@code u = (c - cols/2) du}: the
 * centred-FFT convention, so a grid and its k-times finer version share the centre pixel and every k-th pixel.
 */
public record Grid(int rows, int cols, double fovV, double fovU) {

    public double dv() {
        return fovV / rows;
    }

    public double du() {
        return fovU / cols;
    }

    public double v(int row) {
        return (row - rows / 2) * dv();
    }

    public double u(int col) {
        return (col - cols / 2) * du();
    }

    public int size() {
        return rows * cols;
    }

    /** The same field of view sampled k times more finely. */
    public Grid refined(int k) {
        return new Grid(rows * k, cols * k, fovV, fovU);
    }
}
