package org.mrirecon.cs;

import org.mrirecon.api.KSpace;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.op.LinearOperator;
import org.mrirecon.numerics.op.Resize;
import org.mrirecon.numerics.op.Sense;
import org.mrirecon.numerics.op.Sensitivity;
import org.mrirecon.numerics.op.Shape;
import org.mrirecon.numerics.op.Vectors;
import org.mrirecon.numerics.op.Wavelet;
import org.mrirecon.numerics.op.WaveletTransform;
import org.mrirecon.numerics.solve.Admm;
import org.mrirecon.numerics.solve.Fista;
import org.mrirecon.numerics.solve.IterationMonitor;
import org.mrirecon.numerics.solve.ProximalOperator;
import org.mrirecon.numerics.solve.WaveletShrinkage;

/**
 * Multi-coil compressed sensing, {@code min_x 1/2 ||M F S x - y||^2 + lambda ||W x||_1}, with one image per set of
 * coil maps in {@code S} (one set is plain SENSE, two are ESPIRiT's soft SENSE). The images live on the wavelet's grid,
 * padded up to a multiple of {@code 2^levels} per side: the padding has no sensitivity, so it costs nothing and the
 * prior drives it to zero. {@code lambda} is relative to {@code max |A^H y|}, the peak of the coil-combined
 * zero-filled image, so one value suits any data scale. The step bound {@code L} is {@link Sense#normalBound()}, the
 * maps' largest gain: a proven bound, where a power iteration (which approaches from below and needs a margin) cost
 * a few applications of the normal operator for the same figure within 2 %. ADMM's penalty is a tenth of the
 * Lipschitz constant (the scale of {@code A^H A}): of 1, 0.3, 0.1 and 0.03 times L it converged fastest on the knee
 * phantom.
 */
final class L1WaveletSense {

    private static final double ADMM_RHO = 0.1;
    private static final int ADMM_CG_STEPS = 4;
    /** Cycle-spinning shifts are seeded so that a reconstruction is reproducible. */
    private static final long SHIFT_SEED = 0x5EEDL;

    enum Solver {
        FISTA, ADMM
    }

    record Settings(Wavelet wavelet, int levels, double lambda, int iterations, Solver solver, boolean cycleSpinning) {
    }

    /**
     * @param images         {@code [sets, rows, cols]}, one complex image per set of maps
     * @param lipschitz      the step bound {@code L} used
     * @param lambdaAbsolute {@code lambda * max |A^H y|}
     */
    record Result(float[] images, double lipschitz, double lambdaAbsolute) {
    }

    private L1WaveletSense() {
    }

    static Result solve(KSpace kspace, SamplingPattern pattern, Sensitivity maps, Settings s, IterationMonitor monitor) {
        Sense sense = new Sense(maps, pattern);
        Shape grid = WaveletTransform.paddedShape(sense.domain(), s.levels());
        LinearOperator crop = new Resize(grid, sense.domain());
        LinearOperator a = crop.then(sense);
        float[] aty = a.applyAdjoint(kspace.copyData());
        double scale = Vectors.maxMagnitude(aty);
        if (scale == 0) {
            return new Result(new float[sense.domain().floats()], 0, 0);
        }
        LinearOperator normal = a.normal();
        double lipschitz = sense.normalBound();
        double lambda = s.lambda() * scale;
        ProximalOperator prior = new WaveletShrinkage(new WaveletTransform(s.wavelet(), grid, s.levels()), lambda,
                s.cycleSpinning(), SHIFT_SEED);
        float[] x = s.solver() == Solver.FISTA
                ? Fista.solve(normal, aty, prior, lipschitz, s.iterations(), monitor)
                : Admm.solve(normal, aty, prior, ADMM_RHO * lipschitz, s.iterations(), ADMM_CG_STEPS, monitor);
        return new Result(crop.apply(x), lipschitz, lambda);
    }
}
