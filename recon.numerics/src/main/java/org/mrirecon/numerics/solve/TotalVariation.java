package org.mrirecon.numerics.solve;

import java.util.stream.IntStream;

import org.mrirecon.numerics.op.FiniteDifference;
import org.mrirecon.numerics.op.Shape;

/**
 * The proximal operator of isotropic total variation {@code lambda TV(x) = lambda sum_i sqrt(sum_a |(D_a x)_i|^2)}
 * with periodic forward differences {@link FiniteDifference} over chosen axes (each image of a stack on its own when
 * the axes are its last two). There is no closed form: it runs the fast gradient projection of Beck and Teboulle
 * (2009) on the dual, {@code x = v - tau D^H p} with {@code |p_i| <= 1}, {@code tau = lambda step}. The dual variable
 * is kept from one call to the next (a warm start: in FISTA the input changes little between iterations, so a few
 * inner iterations per call suffice); a fresh instance starts from zero.
 *
 * <p>One instance per solve: it keeps that state, so it is not thread-safe; the loops run in parallel.
 */
public final class TotalVariation implements ProximalOperator {

    /** Pixels per parallel task of the projection. */
    private static final int CHUNK = 8192;

    private final FiniteDifference d;
    private final double lambda;
    private final int iterations;
    private final int axes;
    private final int pixels;
    /** The dual variable, and the buffer its next value is written to (the two swap every iteration). */
    private float[] p;
    private float[] next;
    private final float[] r;
    private final float[] grad;
    private final float[] x;

    /**
     * @param iterations dual iterations per call
     * @param axes       the axes of the gradient, e.g. {@code -2, -1} for 2-D images
     */
    public TotalVariation(Shape shape, double lambda, int iterations, int... axes) {
        this.d = new FiniteDifference(shape, axes);
        this.lambda = lambda;
        this.iterations = iterations;
        this.axes = axes.length;
        this.pixels = shape.size();
        this.p = new float[d.range().floats()];
        this.next = new float[p.length];
        this.r = new float[p.length];
        this.grad = new float[p.length];
        this.x = new float[shape.floats()];
    }

    @Override
    public void apply(float[] in, float[] out, double step) {
        d.domain().require(in, "input of the TV proximal operator");
        float tau = (float) (lambda * step);
        if (tau == 0) {
            System.arraycopy(in, 0, out, 0, in.length);
            return;
        }
        // dual gradient step 1 / (tau^2 ||D||^2), with ||D||^2 <= 4 per axis
        float gain = 1 / (4f * axes * tau);
        System.arraycopy(p, 0, r, 0, p.length);
        double t = 1;
        for (int k = 0; k < iterations; k++) {
            primal(in, r, tau, x);
            d.apply(x, grad);
            double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
            float beta = (float) ((t - 1) / tNext);
            project(gain, beta);
            t = tNext;
        }
        primal(in, p, tau, out);
    }

    /** {@code out = v - tau D^H q}. */
    private void primal(float[] v, float[] q, float tau, float[] out) {
        d.applyAdjoint(q, out);
        for (int i = 0; i < out.length; i++) {
            out[i] = v[i] - tau * out[i];
        }
    }

    /**
     * {@code p = P(r + gain grad)} onto {@code |p_i| <= 1} (per pixel over the axes), then the extrapolated point
     * {@code r = p + beta (p - p_previous)}.
     */
    private void project(float gain, float beta) {
        float[] previous = p;
        float[] projected = next;
        int chunks = (pixels + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int to = Math.min(pixels, (c + 1) * CHUNK);
            for (int i = c * CHUNK; i < to; i++) {
                float sum = 0;
                for (int a = 0; a < axes; a++) {
                    int j = 2 * (a * pixels + i);
                    float re = r[j] + gain * grad[j];
                    float im = r[j + 1] + gain * grad[j + 1];
                    projected[j] = re;
                    projected[j + 1] = im;
                    sum += re * re + im * im;
                }
                float scale = sum > 1 ? (float) (1 / Math.sqrt(sum)) : 1f;
                for (int a = 0; a < axes; a++) {
                    int j = 2 * (a * pixels + i);
                    float re = projected[j] * scale;
                    float im = projected[j + 1] * scale;
                    projected[j] = re;
                    projected[j + 1] = im;
                    r[j] = re + beta * (re - previous[j]);
                    r[j + 1] = im + beta * (im - previous[j + 1]);
                }
            }
        });
        p = projected;
        next = previous;
    }
}
