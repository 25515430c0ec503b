package org.mrirecon.numerics.fft;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

import org.jtransforms.fft.FloatFFT_1D;
import org.jtransforms.fft.FloatFFT_2D;

import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * Centred orthonormal 2-D FFT on interleaved complex float arrays in row-major {@code [rows][cols]} order:
 * {@code forward(x) = fftshift(fft2(ifftshift(x))) / sqrt(rows * cols)} and its inverse, which is also its adjoint.
 * These are fastMRI's {@code fft2c}/{@code ifft2c} and BART's {@code fft -u 3} / {@code fft -u -i 3}.
 *
 * <p>Multi-coil variants transform the coils in parallel on the common fork-join pool. JTransforms' own threading is
 * switched off when this class loads: parallelism over coils is cheaper and does not oversubscribe the cores.
 * All methods are thread-safe (each thread keeps its own FFT plans and work buffers).
 */
public final class Fft2c {

    static {
        ConcurrencyUtils.setNumberOfThreads(1);
    }

    private static final ThreadLocal<Map<Long, Plan>> PLANS = ThreadLocal.withInitial(HashMap::new);

    private Fft2c() {
    }

    /** Centred forward FFT of one image, in place. */
    public static void forward(float[] data, int rows, int cols) {
        requireExactLength(data, rows, cols);
        plan(rows, cols).transform(data, 0, true);
    }

    /** Centred inverse FFT of one k-space, in place. */
    public static void inverse(float[] data, int rows, int cols) {
        requireExactLength(data, rows, cols);
        plan(rows, cols).transform(data, 0, false);
    }

    /** Centred forward FFT, in place, of the image that starts at float index {@code offset} of {@code data}. */
    public static void forward(float[] data, int offset, int rows, int cols) {
        plan(rows, cols).transform(data, offset, true);
    }

    /** Centred inverse FFT, in place, of the k-space that starts at float index {@code offset} of {@code data}. */
    public static void inverse(float[] data, int offset, int rows, int cols) {
        plan(rows, cols).transform(data, offset, false);
    }

    /** Centred forward FFT of every coil, in place, coils in parallel. */
    public static void forward(float[][] coils, int rows, int cols) {
        IntStream.range(0, coils.length).parallel().forEach(c -> forward(coils[c], rows, cols));
    }

    /** Centred inverse FFT of every coil, in place, coils in parallel. */
    public static void inverse(float[][] coils, int rows, int cols) {
        IntStream.range(0, coils.length).parallel().forEach(c -> inverse(coils[c], rows, cols));
    }

    /** Centred forward FFT of every image of a flat coil-major stack {@code [coils][rows][cols]}, in place. */
    public static void forwardStack(float[] stack, int coils, int rows, int cols) {
        requireStack(stack, coils, rows, cols);
        int per = 2 * rows * cols;
        IntStream.range(0, coils).parallel().forEach(c -> forward(stack, c * per, rows, cols));
    }

    /** Centred inverse FFT of every image of a flat coil-major stack {@code [coils][rows][cols]}, in place. */
    public static void inverseStack(float[] stack, int coils, int rows, int cols) {
        requireStack(stack, coils, rows, cols);
        int per = 2 * rows * cols;
        IntStream.range(0, coils).parallel().forEach(c -> inverse(stack, c * per, rows, cols));
    }

    private static void requireStack(float[] stack, int coils, int rows, int cols) {
        if (stack.length != 2L * coils * rows * cols) {
            throw new IllegalArgumentException("array holds " + stack.length + " floats, " + coils + " complex "
                    + rows + "x" + cols + " images need " + 2L * coils * rows * cols);
        }
    }

    private static void requireExactLength(float[] data, int rows, int cols) {
        if (data.length != 2L * rows * cols) {
            throw new IllegalArgumentException("array holds " + data.length + " floats, a " + rows + "x" + cols
                    + " complex image needs " + 2L * rows * cols);
        }
    }

    private static Plan plan(int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("FFT size must be at least 1x1, got " + rows + "x" + cols);
        }
        long key = ((long) rows << 32) | cols;
        return PLANS.get().computeIfAbsent(key, k -> new Plan(rows, cols));
    }

    /** A JTransforms plan plus a work buffer for one size, owned by one thread. */
    private static final class Plan {
        private final int rows;
        private final int cols;
        private final FloatFFT_2D fft;
        private final FloatFFT_1D fft1; // JTransforms' 2-D FFT needs both sizes > 1; a 1 x n image is a 1-D FFT
        private final float[] work;
        private final float scale;

        Plan(int rows, int cols) {
            this.rows = rows;
            this.cols = cols;
            boolean oneD = rows == 1 || cols == 1;
            this.fft = oneD ? null : new FloatFFT_2D(rows, cols);
            this.fft1 = oneD ? new FloatFFT_1D((long) rows * cols) : null;
            this.work = new float[2 * rows * cols];
            this.scale = (float) (1.0 / Math.sqrt((double) rows * cols));
        }

        void transform(float[] data, int offset, boolean forward) {
            if (offset < 0 || data.length - offset < work.length) {
                throw new IllegalArgumentException("array holds " + data.length + " floats from offset " + offset
                        + ", a " + rows + "x" + cols + " complex image needs " + work.length);
            }
            // ifftshift: work[i] = data[(i + n/2) mod n] along both axes
            shift(data, offset, work, 0, rows / 2, cols / 2);
            if (fft1 != null) {
                if (forward) {
                    fft1.complexForward(work);
                } else {
                    fft1.complexInverse(work, false);
                }
            } else if (forward) {
                fft.complexForward(work);
            } else {
                fft.complexInverse(work, false);
            }
            // fftshift: data[i] = work[(i - n/2) mod n] = work[(i + (n - n/2)) mod n]
            shift(work, 0, data, offset, rows - rows / 2, cols - cols / 2);
            for (int i = offset, end = offset + work.length; i < end; i++) {
                data[i] *= scale;
            }
        }

        /** dst[r][c] = src[(r + dr) mod rows][(c + dc) mod cols], complex interleaved, from the given offsets. */
        private void shift(float[] src, int srcOffset, float[] dst, int dstOffset, int dr, int dc) {
            int rowLen = 2 * cols;
            int head = 2 * (cols - dc); // complex samples copied from src column dc onwards
            for (int r = 0; r < rows; r++) {
                int sr = (r + dr) % rows;
                int srcRow = srcOffset + sr * rowLen;
                int dstRow = dstOffset + r * rowLen;
                System.arraycopy(src, srcRow + 2 * dc, dst, dstRow, head);
                System.arraycopy(src, srcRow, dst, dstRow + head, 2 * dc);
            }
        }
    }
}
