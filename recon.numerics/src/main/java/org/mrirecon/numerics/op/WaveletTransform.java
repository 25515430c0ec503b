package org.mrirecon.numerics.op;

import java.util.Arrays;

/**
 * {@code W}: the multi-level 2-D orthogonal discrete wavelet transform with periodic boundaries over the last two
 * axes of a complex array (each image of a stack {@code [..., rows, cols]} on its own); real and imaginary parts are
 * transformed alike. Periodisation keeps every level exactly orthogonal, so the inverse is the adjoint. Coefficients
 * are in the classic in-place (Mallat) layout: after each level the low-pass band fills the top-left quarter of the
 * previous one; the three detail bands of level {@code l} sit beside it (high-pass along y below it, high-pass along
 * x to its right, both diagonally). Each 1-D step is PyWavelets' {@code mode='periodization'}:
 * {@code a[i] = sum_k lo[k] x[(2i + L/2 - k) mod n]}, {@code d} likewise with the high-pass.
 *
 * <p>Rows and columns are transformed in parallel. Thread-safe: work buffers are per thread. {@code x} and {@code y}
 * may be the same array.
 */
public final class WaveletTransform extends ShapedOperator {

    private final int rows;
    private final int cols;
    private final int levels;
    private final float[] lo;
    private final float[] hi;
    /** Per level, {@code (2i + L/2 - k) mod n} for the row length (x) and the column length (y). */
    private final int[][] rowTaps;
    private final int[][] colTaps;
    private final int longest;

    /**
     * @param shape {@code [..., rows, cols]}
     * @throws IllegalArgumentException unless rows and cols are divisible by {@code 2^levels} (pad the image, see
     *                                  {@link #paddedShape} and {@link Resize})
     */
    public WaveletTransform(Wavelet wavelet, Shape shape, int levels) {
        super(shape);
        int unit = 1 << levels;
        if (shape.rank() < 2 || levels < 0 || levels > 30) {
            throw new IllegalArgumentException("a 2-D wavelet transform of " + levels + " levels cannot transform the "
                    + "shape " + shape);
        }
        this.rows = shape.dim(-2);
        this.cols = shape.dim(-1);
        if (rows % unit != 0 || cols % unit != 0) {
            throw new IllegalArgumentException(levels + " wavelet levels need both sides divisible by " + unit
                    + ", got " + rows + "x" + cols);
        }
        this.levels = levels;
        double[] l = wavelet.lowpass();
        double[] h = wavelet.highpass();
        this.lo = new float[l.length];
        this.hi = new float[h.length];
        for (int k = 0; k < l.length; k++) {
            lo[k] = (float) l[k];
            hi[k] = (float) h[k];
        }
        this.rowTaps = new int[levels][];
        this.colTaps = new int[levels][];
        for (int lev = 0; lev < levels; lev++) {
            rowTaps[lev] = taps(cols >> lev, l.length);
            colTaps[lev] = taps(rows >> lev, l.length);
        }
        this.longest = 2 * Math.max(rows, cols);
    }

    private static int[] taps(int n, int len) {
        int[] t = new int[n / 2 * len];
        for (int i = 0; i < n / 2; i++) {
            for (int k = 0; k < len; k++) {
                t[i * len + k] = Math.floorMod(2 * i + len / 2 - k, n);
            }
        }
        return t;
    }

    /** The shape with the last two axes rounded up to multiples of {@code 2^levels}: what this transform needs. */
    public static Shape paddedShape(Shape shape, int levels) {
        int unit = 1 << levels;
        return shape.with(-2, (shape.dim(-2) + unit - 1) / unit * unit)
                .with(-1, (shape.dim(-1) + unit - 1) / unit * unit);
    }

    public int levels() {
        return levels;
    }

    /** Rows of the coarsest low-pass band, the top-left block of each image's coefficients. */
    public int approximationRows() {
        return rows >> levels;
    }

    /** Columns of the coarsest low-pass band. */
    public int approximationCols() {
        return cols >> levels;
    }

    /** Forward transform (analysis) of every image, in place. */
    public void forward(float[] data) {
        domain().require(data, "input of " + this);
        for (int offset = 0; offset < data.length; offset += 2 * rows * cols) {
            analyseImage(data, offset);
        }
    }

    /** Inverse transform (synthesis) of every image, in place; also the adjoint of {@link #forward}. */
    public void inverse(float[] data) {
        domain().require(data, "input of " + this);
        for (int offset = 0; offset < data.length; offset += 2 * rows * cols) {
            synthesiseImage(data, offset);
        }
    }

    /** A chunk's two line buffers (interleaved complex, the longest row or column). */
    private float[][] scratch() {
        return new float[][] {new float[longest], new float[longest]};
    }

    private void analyseImage(float[] data, int offset) {
        for (int lev = 0; lev < levels; lev++) {
            int h = rows >> lev;
            int w = cols >> lev;
            int[] rt = rowTaps[lev];
            int[] ct = colTaps[lev];
            Chunks.parallel(h, this::scratch, (s, from, to) -> {
                for (int y = from; y < to; y++) {
                    System.arraycopy(data, offset + 2 * y * cols, s[0], 0, 2 * w);
                    analyse(s[0], s[1], w, rt);
                    System.arraycopy(s[1], 0, data, offset + 2 * y * cols, 2 * w);
                }
            });
            Chunks.parallel(w, this::scratch, (s, from, to) -> {
                for (int x = from; x < to; x++) {
                    gatherColumn(data, offset + 2 * x, h, s[0]);
                    analyse(s[0], s[1], h, ct);
                    scatterColumn(s[1], data, offset + 2 * x, h);
                }
            });
        }
    }

    private void synthesiseImage(float[] data, int offset) {
        for (int lev = levels - 1; lev >= 0; lev--) {
            int h = rows >> lev;
            int w = cols >> lev;
            int[] rt = rowTaps[lev];
            int[] ct = colTaps[lev];
            Chunks.parallel(w, this::scratch, (s, from, to) -> {
                for (int x = from; x < to; x++) {
                    gatherColumn(data, offset + 2 * x, h, s[0]);
                    synthesise(s[0], s[1], h, ct);
                    scatterColumn(s[1], data, offset + 2 * x, h);
                }
            });
            Chunks.parallel(h, this::scratch, (s, from, to) -> {
                for (int y = from; y < to; y++) {
                    System.arraycopy(data, offset + 2 * y * cols, s[0], 0, 2 * w);
                    synthesise(s[0], s[1], w, rt);
                    System.arraycopy(s[1], 0, data, offset + 2 * y * cols, 2 * w);
                }
            });
        }
    }

    /** Copies the column whose first sample is at float {@code start} into {@code dst}. */
    private void gatherColumn(float[] data, int start, int h, float[] dst) {
        for (int y = 0; y < h; y++) {
            dst[2 * y] = data[start + 2 * y * cols];
            dst[2 * y + 1] = data[start + 2 * y * cols + 1];
        }
    }

    private void scatterColumn(float[] src, float[] data, int start, int h) {
        for (int y = 0; y < h; y++) {
            data[start + 2 * y * cols] = src[2 * y];
            data[start + 2 * y * cols + 1] = src[2 * y + 1];
        }
    }

    /** One level along a line of n complex samples: low-pass into out[0, n/2), high-pass into out[n/2, n). */
    private void analyse(float[] in, float[] out, int n, int[] taps) {
        int len = lo.length;
        int half = n / 2;
        for (int i = 0; i < half; i++) {
            float ar = 0;
            float ai = 0;
            float dr = 0;
            float di = 0;
            int base = i * len;
            for (int k = 0; k < len; k++) {
                int m = 2 * taps[base + k];
                float xr = in[m];
                float xi = in[m + 1];
                ar += lo[k] * xr;
                ai += lo[k] * xi;
                dr += hi[k] * xr;
                di += hi[k] * xi;
            }
            out[2 * i] = ar;
            out[2 * i + 1] = ai;
            out[2 * (half + i)] = dr;
            out[2 * (half + i) + 1] = di;
        }
    }

    /** The transpose of {@link #analyse}: rebuilds n samples from the two half-length bands. */
    private void synthesise(float[] in, float[] out, int n, int[] taps) {
        int len = lo.length;
        int half = n / 2;
        Arrays.fill(out, 0, 2 * n, 0f);
        for (int i = 0; i < half; i++) {
            float ar = in[2 * i];
            float ai = in[2 * i + 1];
            float dr = in[2 * (half + i)];
            float di = in[2 * (half + i) + 1];
            int base = i * len;
            for (int k = 0; k < len; k++) {
                int m = 2 * taps[base + k];
                out[m] += lo[k] * ar + hi[k] * dr;
                out[m + 1] += lo[k] * ai + hi[k] * di;
            }
        }
    }

    @Override
    public void apply(float[] x, float[] y) {
        if (x != y) {
            System.arraycopy(x, 0, y, 0, x.length);
        }
        forward(y);
    }

    @Override
    public void applyAdjoint(float[] y, float[] x) {
        if (x != y) {
            System.arraycopy(y, 0, x, 0, y.length);
        }
        inverse(x);
    }

    @Override
    public LinearOperator normal() {
        return Operators.identity(domain());
    }

    @Override
    public String toString() {
        return "W" + domain() + "[" + levels + " levels]";
    }
}
