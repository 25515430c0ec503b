package org.mrirecon.grappa;

import org.mrirecon.api.KSpace;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconstructionException;
import org.mrirecon.api.SamplingPattern;

/**
 * GRAPPA k-space completion of one slice: calibrate a kernel from the slice's own calibration lines, synthesise
 * every missing line, keep every acquired line (calibration lines included) bit for bit as measured. Immutable,
 * thread-safe: all state of a call lives in the call.
 */
final class Grappa {

    private final KernelShape shape;
    private final double lambda;

    /**
     * @param lambda Tikhonov regularisation relative to the calibration data's scale (see {@link TikhonovSolver})
     */
    Grappa(KernelShape shape, double lambda) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
        }
        this.shape = shape;
        this.lambda = lambda;
    }

    KernelShape shape() {
        return shape;
    }

    double lambda() {
        return lambda;
    }

    /**
     * The completed k-space of one slice, flat coil-major {@code [coils, ky, kx]}, and where the time went: calibration (normal equations and solve) and
     * application (readout transform of the acquired lines, weights in hybrid space, synthesis, transform back).
     */
    record Result(float[] kspace, long calibrationNanos, long applyNanos) {
    }

    /**
     * Completes the k-space.
     *
     * @param grid the undersampling grid of {@code pattern} (read once per pattern, see {@link SamplingGrid#of})
     * @throws ReconstructionException if the calibration block is too small for the kernel at this acceleration,
     *                                 or the calibration is singular
     * @throws java.util.concurrent.CancellationException if the context is cancelled
     */
    Result complete(KSpace k, SamplingPattern pattern, SamplingGrid grid, ReconContext context)
            throws ReconstructionException {
        float[] out = k.copyData();
        if (grid.acceleration() == 1) {
            return new Result(out, 0, 0);
        }
        requireCalibration(grid, k.coils(), k.readouts());
        context.checkCancelled();
        long t0 = System.nanoTime();
        HybridLines hybrid = HybridLines.of(k, pattern);
        long t1 = System.nanoTime();
        GrappaKernel kernel = KernelCalibrator.calibrate(hybrid, grid, shape, lambda);
        long t2 = System.nanoTime();
        context.progress(0.5, "GRAPPA kernel calibrated");
        context.checkCancelled();
        new HybridKernel(kernel, k.readouts()).fillMissing(hybrid, grid, out);
        // the readout transform serves calibration and application alike; it is counted with the application
        return new Result(out, t2 - t1, (t1 - t0) + (System.nanoTime() - t2));
    }

    private void requireCalibration(SamplingGrid grid, int coils, int readouts) throws ReconstructionException {
        int r = grid.acceleration();
        int needed = shape.minimumCalibrationLines(r, coils, readouts);
        if (grid.calibrationLines() < needed) {
            throw new ReconstructionException("GRAPPA with a " + shape + " kernel at R=" + r + " needs at least "
                    + needed + " calibration lines, the data has " + grid.calibrationLines()
                    + ": acquire more ACS lines or use a smaller kernel (parameters kernelBlocks, kernelReadout)");
        }
        if (shape.readout() > readouts) {
            throw new ReconstructionException("the " + shape + " kernel spans " + shape.readout()
                    + " readout samples but the data has " + readouts + ": lower kernelReadout");
        }
    }
}
