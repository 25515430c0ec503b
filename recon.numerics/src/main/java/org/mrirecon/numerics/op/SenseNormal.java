package org.mrirecon.numerics.op;

import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * {@code A^H A} of {@link Sense}, image column by image column. Along readout, {@code F^H M F} reduces to the 1-D
 * transform along phase-encode (the readout FFT commutes with a mask of whole lines), a circulant filter on each
 * column: half the work of 2-D FFTs. The centring shifts cancel in a circulant, so plain FFTs with the mask rolled by
 * {@code rows/2} do it. The maps are kept column-major for the inner loops; a second ESPIRiT set is mostly empty, so
 * each set's products are restricted to the runs of rows where some coil has sensitivity. Thread-safe.
 */
final class SenseNormal extends ShapedOperator {

    private final int sets;
    private final int coils;
    private final int rows;
    private final int cols;
    /** Maps column-major: {@code maps[m][c][2 * (x * rows + y)]}. */
    private final float[][][] maps;
    /** Per set and column, the runs {@code [start0, end0, start1, end1, ...)} of rows with sensitivity. */
    private final int[][][] runs;
    /** Mask in FFT order, scaled by 1/rows for the unnormalised inverse FFT. */
    private final float[] weights;
    /**
     * Chunks' FFTs and buffers, kept between applications: a solver applies this operator hundreds of times, and an
     * FFTW transform holds a native buffer. At most as many as chunks ran at once.
     */
    private final Queue<Work> spare = new ConcurrentLinkedQueue<>();

    SenseNormal(Sensitivity s, CartesianMask mask) {
        super(s.domain());
        this.sets = s.sets();
        this.coils = s.coils();
        this.rows = s.domain().dim(1);
        this.cols = s.domain().dim(2);
        float[] all = s.mapsShared();
        this.maps = new float[sets][coils][];
        this.runs = new int[sets][][];
        for (int m = 0; m < sets; m++) {
            for (int c = 0; c < coils; c++) {
                maps[m][c] = columnMajor(all, s.map(m, c));
            }
            runs[m] = runs(maps[m]);
        }
        this.weights = new float[rows];
        for (int k = 0; k < rows; k++) {
            weights[k] = mask.isAcquired((k + rows / 2) % rows) ? 1f / rows : 0f;
        }
    }

    private float[] columnMajor(float[] src, int offset) {
        float[] out = new float[2 * rows * cols];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                out[2 * (x * rows + y)] = src[offset + 2 * (y * cols + x)];
                out[2 * (x * rows + y) + 1] = src[offset + 2 * (y * cols + x) + 1];
            }
        }
        return out;
    }

    private int[][] runs(float[][] columnMajor) {
        int[][] out = new int[cols][];
        int[] buffer = new int[rows + 1];
        for (int x = 0; x < cols; x++) {
            int n = 0;
            boolean inside = false;
            for (int y = 0; y <= rows; y++) {
                boolean nonzero = false;
                for (int c = 0; y < rows && c < columnMajor.length && !nonzero; c++) {
                    int i = 2 * (x * rows + y);
                    nonzero = columnMajor[c][i] != 0 || columnMajor[c][i + 1] != 0;
                }
                if (nonzero != inside) {
                    buffer[n++] = y;
                    inside = nonzero;
                }
            }
            out[x] = Arrays.copyOf(buffer, n);
        }
        return out;
    }

    @Override
    public void apply(float[] x, float[] y) {
        domain().require(x, "input of " + this);
        domain().require(y, "output of " + this);
        Chunks.parallel(cols, this::work, (w, from, to) -> {
            try {
                for (int col = from; col < to; col++) {
                    column(x, y, col, w);
                }
            } finally {
                spare.offer(w);
            }
        });
    }

    @Override
    public void applyAdjoint(float[] y, float[] x) {
        apply(y, x);
    }

    private Work work() {
        Work w = spare.poll();
        return w != null ? w : new Work(rows, sets);
    }

    private void column(float[] x, float[] y, int col, Work w) {
        float[] in = w.in;
        float[] out = w.out;
        float[] buf = w.buffer;
        int column = 2 * rows;
        int image = 2 * rows * cols;
        for (int m = 0; m < sets; m++) {
            for (int j = 0; j < rows; j++) {
                int i = m * image + 2 * (j * cols + col);
                in[m * column + 2 * j] = x[i];
                in[m * column + 2 * j + 1] = x[i + 1];
            }
        }
        Arrays.fill(out, 0f);
        int mapOff = col * column;
        for (int c = 0; c < coils; c++) {
            Arrays.fill(buf, 0f);
            boolean any = false;
            for (int m = 0; m < sets; m++) {
                int[] r = runs[m][col];
                for (int k = 0; k < r.length; k += 2) {
                    Vectors.multiplyAdd(maps[m][c], mapOff + 2 * r[k], in, m * column + 2 * r[k], buf, 2 * r[k],
                            r[k + 1] - r[k]);
                    any = true;
                }
            }
            if (!any) {
                break; // no set has sensitivity in this column: A^H A is zero on it
            }
            w.fft.forward(buf);
            for (int k = 0; k < rows; k++) {
                buf[2 * k] *= weights[k];
                buf[2 * k + 1] *= weights[k];
            }
            w.fft.inverse(buf);
            for (int m = 0; m < sets; m++) {
                int[] r = runs[m][col];
                for (int k = 0; k < r.length; k += 2) {
                    Vectors.conjugateMultiplyAdd(maps[m][c], mapOff + 2 * r[k], buf, 2 * r[k], out,
                            m * column + 2 * r[k], r[k + 1] - r[k]);
                }
            }
        }
        for (int m = 0; m < sets; m++) {
            for (int j = 0; j < rows; j++) {
                int i = m * image + 2 * (j * cols + col);
                y[i] = out[m * column + 2 * j];
                y[i + 1] = out[m * column + 2 * j + 1];
            }
        }
    }

    @Override
    public String toString() {
        return "S^H F^H M F S[" + sets + " set(s) x " + coils + " coils, " + rows + "x" + cols + "]";
    }

    /** A chunk's FFT plan and column buffers. */
    private static final class Work {
        final ComplexFft fft;
        final float[] buffer;
        final float[] in;
        final float[] out;

        Work(int rows, int sets) {
            fft = ComplexFft.of(1, rows);
            buffer = new float[2 * rows];
            in = new float[2 * rows * sets];
            out = new float[2 * rows * sets];
        }
    }
}
