package org.mrirecon.numerics.op;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * {@code F}: the centred orthonormal FFT over chosen axes of an array, {@code fftshift(fft(ifftshift(x)))} scaled by
 * {@code 1/sqrt(N)} with N the product of the transformed lengths, as NumPy's {@code fftn(..., norm="ortho")} between
 * the shifts. Over the last two axes it is fastMRI's {@code fft2c} and BART's {@code fft -u 3}; over the last axis
 * alone, the 1-D transform along readout. Unitary: the adjoint is the inverse. {@code x} and {@code y} may be the same
 * array (in place).
 *
 * <p>When the last two axes are transformed, each image goes through one 2-D FFT ({@link FftEngine}: FFTW, or
 * JTransforms where FFTW's natives do not load), images (coils, sets) in parallel; other axes are transformed line by
 * line. The engines' own threading stays off: parallelism over images is cheaper and does not oversubscribe the
 * cores. Each thread keeps its own FFT plans and work buffers.
 */
public final class CenteredFft extends ShapedOperator {

    private static final ThreadLocal<Map<Long, Plan>> PLANS = ThreadLocal.withInitial(HashMap::new);

    private final int[] axes;
    /** Rows and columns of the contiguous (trailing) part of the transform: 0 rows if the last axis is not in it. */
    private final int rows;
    private final int cols;
    /** Transformed axes before the trailing part, each done line by line. */
    private final int[] strided;

    /**
     * @param axes the axes to transform, distinct; negative axes count from the end ({@code -2, -1}: 2-D over the
     *             last two)
     */
    public CenteredFft(Shape shape, int... axes) {
        super(shape);
        if (axes.length == 0) {
            throw new IllegalArgumentException("name at least one axis to transform");
        }
        int[] a = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            a[i] = shape.axis(axes[i]);
        }
        Arrays.sort(a);
        for (int i = 1; i < a.length; i++) {
            if (a[i] == a[i - 1]) {
                throw new IllegalArgumentException("axis " + a[i] + " named twice: " + Arrays.toString(axes));
            }
        }
        int last = shape.rank() - 1;
        int n = a.length;
        boolean lastAxis = a[n - 1] == last;
        boolean lastTwo = lastAxis && n >= 2 && a[n - 2] == last - 1;
        this.axes = a;
        this.cols = lastAxis ? shape.dim(last) : 0;
        this.rows = lastTwo ? shape.dim(last - 1) : lastAxis ? 1 : 0;
        this.strided = Arrays.copyOf(a, n - (lastTwo ? 2 : lastAxis ? 1 : 0));
    }

    /** Forward transform of an array of this shape, in place. */
    public void forward(float[] data) {
        domain().require(data, "input of " + this);
        transform(data, 0, true);
    }

    /** Inverse transform of an array of this shape, in place. */
    public void inverse(float[] data) {
        domain().require(data, "input of " + this);
        transform(data, 0, false);
    }

    /** Forward transform, in place, of the array of this shape that starts at float index {@code offset}. */
    public void forward(float[] data, int offset) {
        requireRoom(data, offset);
        transform(data, offset, true);
    }

    /** Inverse transform, in place, of the array of this shape that starts at float index {@code offset}. */
    public void inverse(float[] data, int offset) {
        requireRoom(data, offset);
        transform(data, offset, false);
    }

    @Override
    public void apply(float[] x, float[] y) {
        copy(x, y);
        forward(y);
    }

    @Override
    public void applyAdjoint(float[] y, float[] x) {
        copy(y, x);
        inverse(x);
    }

    @Override
    public LinearOperator normal() {
        return Operators.identity(domain());
    }

    private void copy(float[] from, float[] to) {
        domain().require(from, "input of " + this);
        if (from != to) {
            System.arraycopy(from, 0, to, 0, from.length);
        }
    }

    private void requireRoom(float[] data, int offset) {
        if (offset < 0 || data.length - offset < domain().floats()) {
            throw new IllegalArgumentException("array holds " + data.length + " floats from offset " + offset
                    + ", the complex shape " + domain() + " needs " + domain().floats());
        }
    }

    private void transform(float[] data, int offset, boolean forward) {
        if (cols > 0) {
            int per = 2 * rows * cols;
            int images = domain().size() / (rows * cols);
            if (images == 1) {
                plan(rows, cols).transform(data, offset, forward);
            } else {
                IntStream.range(0, images).parallel()
                        .forEach(i -> plan(rows, cols).transform(data, offset + i * per, forward));
            }
        }
        for (int axis : strided) {
            int n = domain().dim(axis);
            int inner = domain().stride(axis);
            int lines = domain().size() / n;
            IntStream.range(0, lines).parallel().forEach(line -> {
                int start = offset + 2 * ((line / inner) * n * inner + line % inner);
                plan(1, n).transformStrided(data, start, 2 * inner, forward);
            });
        }
    }

    private static Plan plan(int rows, int cols) {
        long key = ((long) rows << 32) | cols;
        return PLANS.get().computeIfAbsent(key, k -> new Plan(rows, cols));
    }

    @Override
    public String toString() {
        return "F" + Arrays.toString(axes) + domain();
    }

    /** An FFT plus a work buffer for one size, owned by one thread. */
    private static final class Plan {
        private final int rows;
        private final int cols;
        private final ComplexFft fft;
        private final float[] work;
        private final float scale;

        Plan(int rows, int cols) {
            this.rows = rows;
            this.cols = cols;
            this.fft = ComplexFft.of(rows, cols);
            this.work = new float[2 * rows * cols];
            this.scale = (float) (1.0 / Math.sqrt((double) rows * cols));
        }

        void transform(float[] data, int offset, boolean forward) {
            // ifftshift: work[i] = data[(i + n/2) mod n] along both axes
            shift(data, offset, work, 0, rows / 2, cols / 2);
            fft(forward);
            // fftshift: data[i] = work[(i - n/2) mod n] = work[(i + (n - n/2)) mod n]
            shift(work, 0, data, offset, rows - rows / 2, cols - cols / 2);
            for (int i = offset, end = offset + work.length; i < end; i++) {
                data[i] *= scale;
            }
        }

        /** The 1-D transform of the line whose samples start at float {@code start}, {@code step} floats apart. */
        void transformStrided(float[] data, int start, int step, boolean forward) {
            int n = cols;
            int half = n / 2;
            // sample i of the work line is sample (i + half) mod n of the data line, in two runs without a modulo
            // per sample (an integer division costs more than the copy)
            int tail = n - half;
            gather(data, start + half * step, step, 0, tail);
            gather(data, start, step, tail, half);
            fft(forward);
            scatter(data, start + half * step, step, 0, tail);
            scatter(data, start, step, tail, half);
        }

        /** work[from..from+count) = the {@code count} samples of data starting at float {@code at}, step apart. */
        private void gather(float[] data, int at, int step, int from, int count) {
            for (int i = from, end = from + count; i < end; i++, at += step) {
                work[2 * i] = data[at];
                work[2 * i + 1] = data[at + 1];
            }
        }

        /** The inverse of {@link #gather}, scaled. */
        private void scatter(float[] data, int at, int step, int from, int count) {
            for (int i = from, end = from + count; i < end; i++, at += step) {
                data[at] = work[2 * i] * scale;
                data[at + 1] = work[2 * i + 1] * scale;
            }
        }

        private void fft(boolean forward) {
            if (forward) {
                fft.forward(work);
            } else {
                fft.inverse(work);
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
