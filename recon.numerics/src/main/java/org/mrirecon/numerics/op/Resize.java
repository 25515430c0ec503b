package org.mrirecon.numerics.op;

import java.util.Arrays;

/**
 * Zero-padding or cropping at the far end of every axis: element {@code i} of the output is element {@code i} of the
 * input where both shapes hold it, zero elsewhere. The adjoint is the resize back. Pads an image onto a grid that a
 * transform needs (a wavelet's multiple of {@code 2^levels}) and crops it back.
 */
public final class Resize extends ShapedOperator {

    private final Shape from;
    private final Shape to;

    /** @throws IllegalArgumentException if the shapes differ in rank */
    public Resize(Shape from, Shape to) {
        super(from, to);
        if (from.rank() != to.rank()) {
            throw new IllegalArgumentException("cannot resize " + from + " to " + to + ": the ranks differ");
        }
        this.from = from;
        this.to = to;
    }

    @Override
    public void apply(float[] x, float[] y) {
        copy(x, from, y, to);
    }

    @Override
    public void applyAdjoint(float[] y, float[] x) {
        copy(y, to, x, from);
    }

    @Override
    public LinearOperator adjoint() {
        return new Resize(to, from);
    }

    /** Copies the common corner, row by row along the last axis, and zeroes the rest of {@code dst}. */
    private static void copy(float[] src, Shape s, float[] dst, Shape d) {
        s.require(src, "input of the resize from " + s);
        d.require(dst, "output of the resize to " + d);
        Arrays.fill(dst, 0f);
        int rank = s.rank();
        int[] common = new int[rank];
        int lines = 1;
        for (int a = 0; a < rank; a++) {
            common[a] = Math.min(s.dim(a), d.dim(a));
            lines *= a < rank - 1 ? common[a] : 1;
        }
        int line = 2 * common[rank - 1];
        for (int l = 0; l < lines; l++) {
            int rest = l;
            int so = 0;
            int dOff = 0;
            for (int a = rank - 2; a >= 0; a--) {
                int i = rest % common[a];
                rest /= common[a];
                so += i * s.stride(a);
                dOff += i * d.stride(a);
            }
            System.arraycopy(src, 2 * so, dst, 2 * dOff, line);
        }
    }

    @Override
    public String toString() {
        return "R" + from + "->" + to;
    }
}
