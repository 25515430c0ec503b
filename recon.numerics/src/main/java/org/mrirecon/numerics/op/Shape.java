package org.mrirecon.numerics.op;

import java.util.Arrays;

/**
 * The dimensions of a complex array stored flat, row-major (the last axis contiguous), each element an interleaved
 * (re, im) float pair: NumPy's {@code complex64} array of this shape. Multi-coil data is {@code [coils, ky, kx]}, a
 * stack of images {@code [sets, rows, cols]}. Axes may be given from the end as negative numbers ({@code -1} is the
 * last). Immutable.
 */
public final class Shape {

    private final int[] dims;
    private final int size;

    private Shape(int[] dims) {
        long n = 1;
        for (int d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException("every dimension must be at least 1, got " + Arrays.toString(dims));
            }
            n *= d;
        }
        if (2 * n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a complex array of shape " + Arrays.toString(dims)
                    + " does not fit one Java array");
        }
        this.dims = dims;
        this.size = (int) n;
    }

    public static Shape of(int... dims) {
        if (dims.length == 0) {
            throw new IllegalArgumentException("a shape needs at least one dimension");
        }
        return new Shape(dims.clone());
    }

    public int rank() {
        return dims.length;
    }

    /** The length of an axis; negative axes count from the end. */
    public int dim(int axis) {
        return dims[axis(axis)];
    }

    public int[] dims() {
        return dims.clone();
    }

    /** Number of complex elements. */
    public int size() {
        return size;
    }

    /** Number of floats of an array of this shape, {@code 2 * size()}. */
    public int floats() {
        return 2 * size;
    }

    /** The axis as an index from 0, for an axis that may count from the end. */
    public int axis(int axis) {
        int a = axis < 0 ? axis + dims.length : axis;
        if (a < 0 || a >= dims.length) {
            throw new IllegalArgumentException("axis " + axis + " is outside the shape " + this);
        }
        return a;
    }

    /** Number of complex elements from one index of {@code axis} to the next. */
    public int stride(int axis) {
        int s = 1;
        for (int i = axis(axis) + 1; i < dims.length; i++) {
            s *= dims[i];
        }
        return s;
    }

    /** This shape with a new leading axis of length {@code n}: a stack of n arrays of this shape. */
    public Shape stack(int n) {
        int[] d = new int[dims.length + 1];
        d[0] = n;
        System.arraycopy(dims, 0, d, 1, dims.length);
        return new Shape(d);
    }

    /** This shape with the length of one axis replaced. */
    public Shape with(int axis, int length) {
        int[] d = dims.clone();
        d[axis(axis)] = length;
        return new Shape(d);
    }

    /**
     * Checks that an array holds exactly this shape.
     *
     * @param what names the array in the message, e.g. "input of F"
     */
    public void require(float[] data, String what) {
        if (data.length != floats()) {
            throw new IllegalArgumentException(what + " holds " + data.length + " floats, the complex shape " + this
                    + " needs " + floats());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
