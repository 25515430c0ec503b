package org.mrirecon.grappa;

import org.ejml.data.ZMatrixRMaj;

/**
 * Calibrated GRAPPA weights in k-space: each missing sample of target coil c at offset m (1..R-1 lines above the
 * grid line below it) is {@code sum w * source} over the kernel's source samples. Weight matrix layout: row
 * {@code (block * readout + tap) * coils + sourceCoil}, column {@code (m - 1) * coils + targetCoil}. Immutable.
 */
final class GrappaKernel {

    private final KernelShape shape;
    private final int acceleration;
    private final int coils;
    private final ZMatrixRMaj weights;

    GrappaKernel(KernelShape shape, int acceleration, int coils, ZMatrixRMaj weights) {
        if (weights.numRows != shape.sources(coils) || weights.numCols != (acceleration - 1) * coils) {
            throw new IllegalArgumentException("weights are " + weights.numRows + "x" + weights.numCols + ", a "
                    + shape + " kernel at R=" + acceleration + " with " + coils + " coils needs "
                    + shape.sources(coils) + "x" + (acceleration - 1) * coils);
        }
        this.shape = shape;
        this.acceleration = acceleration;
        this.coils = coils;
        this.weights = weights.copy();
    }

    KernelShape shape() {
        return shape;
    }

    int acceleration() {
        return acceleration;
    }

    int coils() {
        return coils;
    }

    static int sourceIndex(KernelShape shape, int coils, int block, int tap, int coil) {
        return (block * shape.readout() + tap) * coils + coil;
    }

    static int targetIndex(int coils, int offset, int coil) {
        return (offset - 1) * coils + coil;
    }

    /** Real part of the weight from a source sample (block, tap index, coil) to a target (offset, coil). */
    double re(int block, int tap, int sourceCoil, int offset, int targetCoil) {
        return weights.getReal(sourceIndex(shape, coils, block, tap, sourceCoil), targetIndex(coils, offset,
                targetCoil));
    }

    double im(int block, int tap, int sourceCoil, int offset, int targetCoil) {
        return weights.getImag(sourceIndex(shape, coils, block, tap, sourceCoil), targetIndex(coils, offset,
                targetCoil));
    }
}
