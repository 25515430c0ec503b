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
     * The completed slice, flat coil-major {@code [coils, ky, kx]}: in k-space from {@link #complete}, in hybrid
     * (ky, x) space from {@link #completeHybrid}; and where the time went: calibration (normal equations and solve)
     * and application (readout transform of the acquired lines, weights in hybrid space, synthesis, and for k-space
     * the transform back).
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
        Calibrated c = calibrate(k, pattern, grid, context);
        long t0 = System.nanoTime();
        c.kernel.fillMissing(c.hybrid, grid, out);
        return new Result(out, c.calibrationNanos, c.transformNanos + System.nanoTime() - t0);
    }

    /**
     * The completed slice in hybrid space (inverse-transformed along the readout, centred and orthonormal): the same
     * lines {@link #complete} gives, one readout transform earlier, so that the image is an inverse FFT along ky
     * alone. Acceleration 1 (nothing to complete) is {@link #complete}'s business.
     */
    Result completeHybrid(KSpace k, SamplingPattern pattern, SamplingGrid grid, ReconContext context)
            throws ReconstructionException {
        if (grid.acceleration() == 1) {
            throw new IllegalArgumentException("nothing to complete at acceleration 1: use complete");
        }
        Calibrated c = calibrate(k, pattern, grid, context);
        long t0 = System.nanoTime();
        float[] hybrid = c.kernel.hybridSlice(c.hybrid, grid);
        return new Result(hybrid, c.calibrationNanos, c.transformNanos + System.nanoTime() - t0);
    }

    private record Calibrated(HybridLines hybrid, HybridKernel kernel, long transformNanos, long calibrationNanos) {
    }

    private Calibrated calibrate(KSpace k, SamplingPattern pattern, SamplingGrid grid, ReconContext context)
            throws ReconstructionException {
        requireCalibration(grid, k.coils(), k.readouts());
        context.checkCancelled();
        long t0 = System.nanoTime();
        HybridLines hybrid = HybridLines.of(k, pattern);
        long t1 = System.nanoTime();
        GrappaKernel kernel = KernelCalibrator.calibrate(hybrid, grid, shape, lambda);
        long t2 = System.nanoTime();
        context.progress(0.5, "GRAPPA kernel calibrated");
        context.checkCancelled();
        // the readout transform serves calibration and application alike; it is counted with the application
        return new Calibrated(hybrid, new HybridKernel(kernel, k.readouts()), t1 - t0, t2 - t1);
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
