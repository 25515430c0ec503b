package org.mrirecon.phantom.internal;

import java.util.stream.IntStream;

import org.mrirecon.numerics.fft.Fft2c;

/**
 * {@link KSpaceSimulator} for a few phase-encode lines only: the same centred orthonormal transform of the coil
 * images on the fine grid, cropped and scaled alike, but evaluated just for the requested rows of the target
 * k-space. Along phase-encode a direct DFT onto the requested lines, fused with the coil multiplication, replaces
 * the FFT (an echo train's 8-12 lines cost less than a full transform); along readout a centred 1-D FFT of each
 * requested line follows. Agrees with the full simulation to float rounding.
 */
public final class LineSimulator {

    private LineSimulator() {
    }

    /**
     * @param object complex object on the fine grid (interleaved)
     * @param maps   coil maps on the fine grid (interleaved; not modified)
     * @param fine   the simulation grid
     * @param target the acquisition grid
     * @param lines  target rows (phase-encode lines) wanted
     * @return {@code [coil][i]} = line {@code lines[i]} of the coil's target k-space (interleaved, target cols)
     */
    public static float[][][] acquire(float[] object, float[][] maps, Grid fine, Grid target, int[] lines) {
        int rowsF = fine.rows();
        int colsF = fine.cols();
        int cols = target.cols();
        int factor = rowsF / target.rows();
        int count = lines.length;
        int r0 = rowsF / 2 - target.rows() / 2;
        int c0 = colsF / 2 - cols / 2;
        // Centred DFT along u: X[k] = sum_n x[n] exp(-2 pi i (k - N/2)(n - N/2) / N), k = r0 + line.
        float[][] twRe = new float[count][rowsF];
        float[][] twIm = new float[count][rowsF];
        for (int l = 0; l < count; l++) {
            long kc = r0 + lines[l] - rowsF / 2;
            for (int n = 0; n < rowsF; n++) {
                long m = Math.floorMod(kc * (n - rowsF / 2), (long) rowsF);
                double angle = -2 * Math.PI * m / rowsF;
                twRe[l][n] = (float) Math.cos(angle);
                twIm[l][n] = (float) Math.sin(angle);
            }
        }
        float scale = (float) (1.0 / Math.sqrt(rowsF) / factor);
        float[][][] out = new float[maps.length][count][];
        IntStream.range(0, maps.length).parallel().forEach(c -> {
            float[] map = maps[c];
            float[][] accRe = new float[count][colsF];
            float[][] accIm = new float[count][colsF];
            float[] pr = new float[colsF];
            float[] pi = new float[colsF];
            for (int r = 0; r < rowsF; r++) {
                int base = 2 * r * colsF;
                boolean empty = true;
                for (int v = 0; v < colsF; v++) {
                    float sr = map[base + 2 * v];
                    float si = map[base + 2 * v + 1];
                    float or = object[base + 2 * v];
                    float oi = object[base + 2 * v + 1];
                    pr[v] = sr * or - si * oi;
                    pi[v] = sr * oi + si * or;
                    empty &= or == 0 && oi == 0;
                }
                if (empty) {
                    continue;
                }
                for (int l = 0; l < count; l++) {
                    float er = twRe[l][r];
                    float ei = twIm[l][r];
                    float[] ar = accRe[l];
                    float[] ai = accIm[l];
                    for (int v = 0; v < colsF; v++) {
                        ar[v] += er * pr[v] - ei * pi[v];
                        ai[v] += er * pi[v] + ei * pr[v];
                    }
                }
            }
            float[] line = new float[2 * colsF];
            for (int l = 0; l < count; l++) {
                for (int v = 0; v < colsF; v++) {
                    line[2 * v] = accRe[l][v];
                    line[2 * v + 1] = accIm[l][v];
                }
                Fft2c.forward(line, 1, colsF);
                float[] cropped = new float[2 * cols];
                for (int j = 0; j < 2 * cols; j++) {
                    cropped[j] = line[2 * c0 + j] * scale;
                }
                out[c][l] = cropped;
            }
        });
        return out;
    }
}
