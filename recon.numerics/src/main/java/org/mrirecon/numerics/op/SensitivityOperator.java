package org.mrirecon.numerics.op;

import java.util.stream.IntStream;

/**
 * {@code S}: expands one image into coil images by multiplying with each coil's complex sensitivity map;
 * the adjoint combines coil images with the conjugate maps, {@code x = sum_c conj(S_c) y_c}.
 */
public final class SensitivityOperator implements LinearOperator {

    private final float[][] maps;
    private final int pixels;

    /**
     * @param maps complex sensitivity map per coil (interleaved, {@code 2 * rows * cols} floats each); copied
     */
    public SensitivityOperator(float[][] maps) {
        if (maps == null || maps.length == 0) {
            throw new IllegalArgumentException("need at least one sensitivity map");
        }
        this.maps = new float[maps.length][];
        for (int c = 0; c < maps.length; c++) {
            if (maps[c].length != maps[0].length || maps[c].length % 2 != 0) {
                throw new IllegalArgumentException("sensitivity map " + c + " holds " + maps[c].length
                        + " floats, map 0 holds " + maps[0].length);
            }
            this.maps[c] = maps[c].clone();
        }
        this.pixels = maps[0].length / 2;
    }

    public int coils() {
        return maps.length;
    }

    @Override
    public int domainSize() {
        return pixels;
    }

    @Override
    public int rangeSize() {
        return maps.length * pixels;
    }

    @Override
    public void apply(float[] x, float[] y) {
        IntStream.range(0, maps.length).parallel().forEach(c -> {
            float[] s = maps[c];
            int off = 2 * c * pixels;
            for (int i = 0; i < pixels; i++) {
                float sr = s[2 * i];
                float si = s[2 * i + 1];
                float xr = x[2 * i];
                float xi = x[2 * i + 1];
                y[off + 2 * i] = sr * xr - si * xi;
                y[off + 2 * i + 1] = sr * xi + si * xr;
            }
        });
    }

    @Override
    public void applyAdjoint(float[] y, float[] x) {
        // Split pixels (not coils) across threads so each thread owns its output range.
        int chunk = Math.max(4096, pixels / (4 * Runtime.getRuntime().availableProcessors()) + 1);
        int chunks = (pixels + chunk - 1) / chunk;
        IntStream.range(0, chunks).parallel().forEach(k -> {
            int from = k * chunk;
            int to = Math.min(pixels, from + chunk);
            for (int i = from; i < to; i++) {
                float re = 0;
                float im = 0;
                for (int c = 0; c < maps.length; c++) {
                    float sr = maps[c][2 * i];
                    float si = maps[c][2 * i + 1];
                    int j = 2 * (c * pixels + i);
                    float yr = y[j];
                    float yi = y[j + 1];
                    re += sr * yr + si * yi;
                    im += sr * yi - si * yr;
                }
                x[2 * i] = re;
                x[2 * i + 1] = im;
            }
        });
    }

    @Override
    public String toString() {
        return "S[" + maps.length + " coils]";
    }
}
