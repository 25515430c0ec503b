package org.mrirecon.numerics.solve;

/**
 * The proximal operator of {@code lambda ||x||_1} for complex x: soft-thresholding
 * {@code c -> c max(0, 1 - lambda step / |c|)}, which shrinks the magnitude and keeps the phase.
 */
public final class SoftThreshold implements ProximalOperator {

    private final double lambda;

    public SoftThreshold(double lambda) {
        this.lambda = lambda;
    }

    @Override
    public void apply(float[] in, float[] out, double step) {
        if (in != out) {
            System.arraycopy(in, 0, out, 0, in.length);
        }
        shrink(out, 0, out.length / 2, (float) (lambda * step));
    }

    /** Soft-thresholds {@code n} complex elements from float {@code offset}, in place, by {@code tau}. */
    static void shrink(float[] c, int offset, int n, float tau) {
        for (int i = offset, end = offset + 2 * n; i < end; i += 2) {
            float re = c[i];
            float im = c[i + 1];
            float mag = (float) Math.sqrt(re * re + im * im);
            float scale = mag > tau ? 1 - tau / mag : 0f;
            c[i] = re * scale;
            c[i + 1] = im * scale;
        }
    }
}
