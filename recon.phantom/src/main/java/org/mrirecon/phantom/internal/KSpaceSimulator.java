package org.mrirecon.phantom.internal;

import java.util.stream.IntStream;

import org.mrirecon.numerics.fft.Fft2c;

/**
 * Acquisition without the inverse crime: coil images formed on a grid k times finer than the matrix are Fourier
 * transformed and only the central matrix-sized block of k-space is kept. The data thus come from a (nearly)
 * continuous object, not from the discrete model a reconstruction inverts, and carry its truncation (Gibbs)
 * behaviour. The factor 1/k keeps image intensities independent of k: with orthonormal FFTs a k-times finer grid
 * of the same object has k times the k-space amplitude.
 */
public final class KSpaceSimulator {

    private KSpaceSimulator() {
    }

    /**
     * @param object complex object on the fine grid (interleaved)
     * @param maps   normalised coil maps on the fine grid; the arrays are overwritten
     * @param fine   the simulation grid, {@code target} refined by an integer factor
     * @return per coil the centred k-space on the target grid, followed by the k-space of the object alone
     */
    public static float[][] acquire(float[] object, float[][] maps, Grid fine, Grid target) {
        int factor = fine.rows() / target.rows();
        int coils = maps.length;
        float[][] out = new float[coils + 1][];
        IntStream.rangeClosed(0, coils).parallel().forEach(c -> {
            float[] image = c < coils ? multiply(maps[c], object) : object.clone();
            Fft2c.forward(image, fine.rows(), fine.cols());
            out[c] = crop(image, fine, target, 1.0f / factor);
        });
        return out;
    }

    /** map * object, in place in map. */
    private static float[] multiply(float[] map, float[] object) {
        for (int i = 0; i < map.length; i += 2) {
            float sr = map[i];
            float si = map[i + 1];
            float or = object[i];
            float oi = object[i + 1];
            map[i] = sr * or - si * oi;
            map[i + 1] = sr * oi + si * or;
        }
        return map;
    }

    /** The central target-sized block of a centred fine k-space, scaled. */
    private static float[] crop(float[] k, Grid fine, Grid target, float scale) {
        int rows = target.rows();
        int cols = target.cols();
        int r0 = fine.rows() / 2 - rows / 2;
        int c0 = fine.cols() / 2 - cols / 2;
        float[] out = new float[2 * rows * cols];
        for (int r = 0; r < rows; r++) {
            int src = 2 * ((r0 + r) * fine.cols() + c0);
            int dst = 2 * r * cols;
            for (int j = 0; j < 2 * cols; j++) {
                out[dst + j] = k[src + j] * scale;
            }
        }
        return out;
    }
}
