package org.mrirecon.varnet;

import java.nio.FloatBuffer;

/**
 * Zero padding of an image to a multiple of the U-Net's size divisor, split as fastMRI does (the smaller half before,
 * the larger after), and the copies between interleaved complex images and the graphs' {@code [n, 2, H, W]} layout.
 * The same split is {@code pad_amounts} in training/varnet.py.
 */
record Padding(int rows, int cols, int paddedRows, int paddedCols, int top, int left) {

    static Padding of(int rows, int cols, int multiple) {
        int pr = (rows + multiple - 1) / multiple * multiple;
        int pc = (cols + multiple - 1) / multiple * multiple;
        return new Padding(rows, cols, pr, pc, (pr - rows) / 2, (pc - cols) / 2);
    }

    /** Floats of one padded two-channel image. */
    int planeFloats() {
        return 2 * paddedRows * paddedCols;
    }

    /** Shape of a batch of {@code n} padded images. */
    long[] shape(int n) {
        return new long[] {n, 2, paddedRows, paddedCols};
    }

    /**
     * Writes an interleaved complex image as image {@code index} of a zero-initialised batch: real part to channel 0,
     * imaginary part to channel 1, offset by the padding.
     */
    void put(float[] complex, FloatBuffer batch, int index) {
        int plane = paddedRows * paddedCols;
        int base = index * 2 * plane;
        for (int y = 0; y < rows; y++) {
            int src = 2 * y * cols;
            int dst = base + (y + top) * paddedCols + left;
            for (int x = 0; x < cols; x++) {
                batch.put(dst + x, complex[src + 2 * x]);
                batch.put(dst + plane + x, complex[src + 2 * x + 1]);
            }
        }
    }

    /** Reads image {@code index} of a batch back into an interleaved complex image, dropping the padding. */
    void take(float[] batch, int index, float[] complex) {
        int plane = paddedRows * paddedCols;
        int base = index * 2 * plane;
        for (int y = 0; y < rows; y++) {
            int src = base + (y + top) * paddedCols + left;
            int dst = 2 * y * cols;
            for (int x = 0; x < cols; x++) {
                complex[dst + 2 * x] = batch[src + x];
                complex[dst + 2 * x + 1] = batch[src + plane + x];
            }
        }
    }
}
