package org.mrirecon.cs;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.jtransforms.fft.FloatFFT_1D;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.op.LinearOperator;

/**
 * The SENSE normal operator {@code A^H A} for Cartesian data undersampled along phase-encode only, with one or more
 * sets of coil maps (ESPIRiT's soft SENSE: {@code A x = M F sum_m S_m x_m}, one image per set). It uses 1-D FFTs
 * along phase-encode: the readout FFT commutes with a mask that keeps whole lines, so {@code F^H M F} reduces to a
 * circulant filter along each image column, half the work of 2-D FFTs. The centring shifts cancel in a circulant, so
 * plain FFTs with the mask rolled by {@code rows/2} do it.
 *
 * <p>Images are stored column by column, {@code [set][x][y]} (phase-encode contiguous), on a grid of
 * {@code gridCols x gridRows} per set that may be larger than the data's {@code cols x rows}; grid points outside the
 * data have no sensitivity and map to zero. {@code x} and {@code y} must be distinct arrays. Thread-safe.
 */
final class PhaseEncodeNormalOperator implements LinearOperator {

    private final int sets;
    private final int coils;
    private final int rows;
    private final int cols;
    private final int gridRows;
    private final int gridCols;
    /** Maps transposed to the column layout: {@code maps[m][c][2 * (x * rows + y)]}. */
    private final float[][][] maps;
    /**
     * Per set and column, the runs of rows {@code [start, end)} where some coil has sensitivity: a second ESPIRiT set
     * is mostly empty, and the products with it are skipped outside its runs.
     */
    private final int[][][] runs;
    /** Mask in FFT order, scaled by 1/rows for the unnormalised inverse FFT. */
    private final float[] weights;
    private final ThreadLocal<Work> work;

    /**
     * @param maps     sets of complex coil maps, {@code [set][coil]}, row-major {@code [y][x]}, {@code 2 * rows * cols}
     *                 floats each
     * @param pattern  phase-encode sampling pattern with {@code rows} lines
     * @param cols     readout samples
     * @param gridRows phase-encode size of the image grid, at least {@code rows}
     * @param gridCols readout size of the image grid, at least {@code cols}
     */
    PhaseEncodeNormalOperator(float[][][] maps, SamplingPattern pattern, int cols, int gridRows, int gridCols) {
        this.sets = maps.length;
        this.coils = maps[0].length;
        this.rows = pattern.phaseEncodes();
        this.cols = cols;
        if (gridRows < rows || gridCols < cols) {
            throw new IllegalArgumentException("grid " + gridRows + "x" + gridCols + " is smaller than the data "
                    + rows + "x" + cols);
        }
        this.gridRows = gridRows;
        this.gridCols = gridCols;
        this.maps = new float[sets][coils][];
        this.runs = new int[sets][][];
        for (int m = 0; m < sets; m++) {
            for (int c = 0; c < coils; c++) {
                if (maps[m][c].length != 2 * rows * cols) {
                    throw new IllegalArgumentException("map " + c + " of set " + m + " holds " + maps[m][c].length
                            + " floats, a " + rows + "x" + cols + " image needs " + 2 * rows * cols);
                }
                this.maps[m][c] = Layout.transpose(maps[m][c], rows, cols);
            }
            runs[m] = runs(this.maps[m], rows, cols);
        }
        this.weights = new float[rows];
        for (int k = 0; k < rows; k++) {
            weights[k] = pattern.isAcquired((k + rows / 2) % rows) ? 1f / rows : 0f;
        }
        int n = rows;
        this.work = ThreadLocal.withInitial(() -> new Work(n));
    }

    /** The runs of non-zero rows of every column, as {@code [start0, end0, start1, end1, ...]}. */
    private static int[][] runs(float[][] transposed, int rows, int cols) {
        int[][] out = new int[cols][];
        int[] buffer = new int[rows + 1];
        for (int x = 0; x < cols; x++) {
            int n = 0;
            boolean inside = false;
            for (int y = 0; y <= rows; y++) {
                boolean nonzero = false;
                for (int c = 0; y < rows && c < transposed.length && !nonzero; c++) {
                    int i = 2 * (x * rows + y);
                    nonzero = transposed[c][i] != 0 || transposed[c][i + 1] != 0;
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
    public int domainSize() {
        return sets * gridRows * gridCols;
    }

    @Override
    public int rangeSize() {
        return domainSize();
    }

    @Override
    public void apply(float[] x, float[] y) {
        IntStream.range(0, gridCols).parallel().forEach(col -> column(x, y, col));
    }

    @Override
    public void applyAdjoint(float[] y, float[] x) {
        apply(y, x); // self-adjoint
    }

    private void column(float[] x, float[] y, int col) {
        int image = 2 * gridRows * gridCols;
        int off = 2 * col * gridRows;
        for (int m = 0; m < sets; m++) {
            Arrays.fill(y, m * image + off, m * image + off + 2 * gridRows, 0f);
        }
        if (col >= cols || !hasSensitivity(col)) {
            return;
        }
        Work w = work.get();
        float[] buf = w.buffer;
        int mapOff = 2 * col * rows;
        for (int c = 0; c < coils; c++) {
            Arrays.fill(buf, 0f);
            for (int m = 0; m < sets; m++) {
                float[] s = maps[m][c];
                int xo = m * image + off;
                int[] r = runs[m][col];
                for (int k = 0; k < r.length; k += 2) {
                    for (int j = r[k]; j < r[k + 1]; j++) {
                        float sr = s[mapOff + 2 * j];
                        float si = s[mapOff + 2 * j + 1];
                        float xr = x[xo + 2 * j];
                        float xi = x[xo + 2 * j + 1];
                        buf[2 * j] += sr * xr - si * xi;
                        buf[2 * j + 1] += sr * xi + si * xr;
                    }
                }
            }
            w.fft.complexForward(buf);
            for (int k = 0; k < rows; k++) {
                buf[2 * k] *= weights[k];
                buf[2 * k + 1] *= weights[k];
            }
            w.fft.complexInverse(buf, false);
            for (int m = 0; m < sets; m++) {
                float[] s = maps[m][c];
                int yo = m * image + off;
                int[] r = runs[m][col];
                for (int k = 0; k < r.length; k += 2) {
                    for (int j = r[k]; j < r[k + 1]; j++) {
                        float sr = s[mapOff + 2 * j];
                        float si = s[mapOff + 2 * j + 1];
                        float br = buf[2 * j];
                        float bi = buf[2 * j + 1];
                        y[yo + 2 * j] += sr * br + si * bi;
                        y[yo + 2 * j + 1] += sr * bi - si * br;
                    }
                }
            }
        }
    }

    private boolean hasSensitivity(int col) {
        for (int[][] r : runs) {
            if (r[col].length > 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "S^H F^H M F S[" + sets + " set(s) x " + coils + " coils, " + rows + "x" + cols + " on " + gridRows
                + "x" + gridCols + "]";
    }

    /** A thread's FFT plan and column buffer. */
    private static final class Work {
        final FloatFFT_1D fft;
        final float[] buffer;

        Work(int n) {
            fft = new FloatFFT_1D(n);
            buffer = new float[2 * n];
        }
    }
}
