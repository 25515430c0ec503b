package org.mrirecon.phantom.internal;

/**
 * A 2-D region in the section plane given by an approximate signed distance in millimetres: negative inside, zero
 * on the boundary. The approximation is accurate near the boundary, which is where soft edges and offsets
 * (cortex, cartilage, fat layers) look.
 */
public interface Shape {

    /** A shape that is nowhere: what a structure becomes in slices that miss it. */
    Shape NONE = new Shape() {
        @Override
        public double distance(double u, double v) {
            return Double.POSITIVE_INFINITY;
        }

        @Override
        public Box bounds() {
            return Box.EMPTY;
        }
    };

    /** Signed distance of the point (u anterior-posterior, v superior-inferior, mm) to the boundary. */
    double distance(double u, double v);

    /** A box outside of which the shape has no interior. */
    Box bounds();
}
