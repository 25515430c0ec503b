package org.mrirecon.numerics.op;

import static org.bytedeco.fftw.global.fftw3.FFTW_BACKWARD;
import static org.bytedeco.fftw.global.fftw3.FFTW_ESTIMATE;
import static org.bytedeco.fftw.global.fftw3.FFTW_FORWARD;
import static org.bytedeco.fftw.global.fftw3.fftwf_execute_dft;
import static org.bytedeco.fftw.global.fftw3.fftwf_plan_dft_2d;

import java.util.HashMap;
import java.util.Map;

import org.bytedeco.fftw.global.fftw3;
import org.bytedeco.fftw.global.fftw3.fftwf_plan;
import org.bytedeco.javacpp.FloatPointer;

/**
 * {@link ComplexFft} by FFTW 3, single precision. Plans are made once per size and direction (FFTW's planner is not
 * thread-safe: under a lock; {@code FFTW_ESTIMATE}, so planning is fast and the same on every run) and shared; each
 * instance has its own native buffer, 64-byte aligned like the planner's, since FFTW's new-array execute is
 * thread-safe only on arrays of the planner's alignment. A transform copies the floats in, runs, and copies them
 * back.
 */
final class FftwFft implements ComplexFft {

    private static final int ALIGN_BYTES = 64;
    private static final Object PLANNER = new Object();
    private static final Map<Long, fftwf_plan> PLANS = new HashMap<>();

    private final int floats;
    private final fftwf_plan forward;
    private final fftwf_plan backward;
    private final FloatPointer buffer;

    FftwFft(int rows, int cols) {
        this.floats = 2 * rows * cols;
        this.buffer = aligned(floats);
        this.forward = plan(rows, cols, FFTW_FORWARD);
        this.backward = plan(rows, cols, FFTW_BACKWARD);
    }

    /** Loads the natives (JavaCPP extracts them to its cache on first use); the engine's name, or a LinkageError. */
    static String load() {
        // the first touch of the class loads the libraries
        return "FFTW " + fftw3.fftwf_version().getString().replace("fftw-", "") + " (native, JavaCPP)";
    }

    @Override
    public void forward(float[] data) {
        run(forward, data);
    }

    @Override
    public void inverse(float[] data) {
        run(backward, data);
    }

    private void run(fftwf_plan plan, float[] data) {
        buffer.put(data, 0, floats);
        fftwf_execute_dft(plan, buffer, buffer);
        buffer.get(data, 0, floats);
    }

    private static fftwf_plan plan(int rows, int cols, int sign) {
        long key = ((long) rows << 33) | ((long) cols << 1) | (sign == FFTW_FORWARD ? 1 : 0);
        synchronized (PLANNER) {
            return PLANS.computeIfAbsent(key, k -> {
                FloatPointer scratch = aligned(2 * rows * cols);
                // in place, like every execute; the plan keeps no reference to the scratch. A line is a 1 x n
                // image: FFTW drops the axis of length one.
                fftwf_plan p = fftwf_plan_dft_2d(rows, cols, scratch, scratch, sign, FFTW_ESTIMATE);
                scratch.deallocate();
                if (p == null || p.isNull()) {
                    throw new IllegalStateException("FFTW could not plan a " + rows + " x " + cols + " transform");
                }
                return p;
            });
        }
    }

    /** {@code floats} native floats starting on a 64-byte boundary (malloc gives 16). */
    private static FloatPointer aligned(int floats) {
        FloatPointer raw = new FloatPointer(floats + ALIGN_BYTES / Float.BYTES);
        long misalignment = raw.address() % ALIGN_BYTES;
        long skip = misalignment == 0 ? 0 : (ALIGN_BYTES - misalignment) / Float.BYTES;
        return raw.position(skip);
    }
}
