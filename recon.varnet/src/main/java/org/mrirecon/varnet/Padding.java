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
     * Writes a stack of interleaved complex images {@code [n, rows, cols]} into images 0 to n-1 of a zero-initialised
     * batch: real parts to channel 0, imaginary parts to channel 1, offset by the padding.
     */
    void put(float[] stack, FloatBuffer batch) {
        int plane = paddedRows * paddedCols;
        for (int n = 0; n < stack.length / (2 * rows * cols); n++) {
            for (int y = 0; y < rows; y++) {
                int src = 2 * (n * rows + y) * cols;
                int dst = 2 * n * plane + (y + top) * paddedCols + left;
                for (int x = 0; x < cols; x++) {
                    batch.put(dst + x, stack[src + 2 * x]);
                    batch.put(dst + plane + x, stack[src + 2 * x + 1]);
                }
            }
        }
    }

    /** Reads the first n images of a batch back into a stack of interleaved complex images, dropping the padding. */
    void take(float[] batch, float[] stack) {
        int plane = paddedRows * paddedCols;
        for (int n = 0; n < stack.length / (2 * rows * cols); n++) {
            for (int y = 0; y < rows; y++) {
                int src = 2 * n * plane + (y + top) * paddedCols + left;
                int dst = 2 * (n * rows + y) * cols;
                for (int x = 0; x < cols; x++) {
                    stack[dst + 2 * x] = batch[src + x];
                    stack[dst + 2 * x + 1] = batch[src + plane + x];
                }
            }
        }
    }
}
