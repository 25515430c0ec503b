package org.mrirecon.numerics.sens;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * ESPIRiT's image-domain operator: per pixel {@code r} the Hermitian {@code coils x coils} matrix
 * {@code G(r) = 1/k^2 sum_j w^_j(r) w^_j(r)^H}, where {@code w^_j} is kernel {@code j} zero-padded and inverse
 * Fourier transformed. The coil images satisfy {@code m(r) = G(r) m(r)}, so the maps are the eigenvectors of
 * eigenvalue 1.
 *
 * <p>{@code G} is a trigonometric polynomial whose coefficients {@code h(d)} live on the kernel's autocorrelation
 * support {@code |d| < k}: it is computed exactly on a {@code 2k x 2k} grid (as BART does), turned into {@code h}, and
 * then evaluated on the full grid row by row, separably, so that the full-size {@code coils^2 x rows x cols} array is
 * never held. Coil pairs are packed as the upper triangle {@code c <= c'} in row order.
 */
final class ImageGram {

    final int pairs;
    private final int rows;
    private final int cols;
    private final int span; // 2k - 1 offsets per axis
    /** {@code [dy][x][pair]} interleaved complex: {@code h} already summed over {@code dx} for every column. */
    private final double[] byColumn;

    private ImageGram(int coils, int rows, int cols, int span, double[] byColumn) {
        this.pairs = coils * (coils + 1) / 2;
        this.rows = rows;
        this.cols = cols;
        this.span = span;
        this.byColumn = byColumn;
    }

    static ImageGram of(KernelBasis basis, int coils, int k, int rows, int cols) {
        int l = 2 * k;
        int pairs = coils * (coils + 1) / 2;
        double[][] spectra = spectra(basis.kernels, coils, k, l);
        double[] small = smallGrid(spectra, coils, l, pairs, 1.0 / (k * k));
        double[] h = coefficients(small, l, k, pairs);
        return new ImageGram(coils, rows, cols, 2 * k - 1, alongReadout(h, 2 * k - 1, pairs, cols));
    }

    /** {@code w^_j[c][q] = sum_p w_j(c, p) exp(+2 pi i p.q / l)} on the {@code l x l} grid, per kernel. */
    private static double[][] spectra(double[][] kernels, int coils, int k, int l) {
        double[] cos = new double[l];
        double[] sin = new double[l];
        for (int t = 0; t < l; t++) {
            cos[t] = Math.cos(2 * Math.PI * t / l);
            sin[t] = Math.sin(2 * Math.PI * t / l);
        }
        double[][] out = new double[kernels.length][];
        IntStream.range(0, kernels.length).parallel().forEach(j -> {
            double[] w = kernels[j];
            double[] s = new double[2 * coils * l * l];
            double[] tmp = new double[2 * k * l];
            for (int c = 0; c < coils; c++) {
                for (int py = 0; py < k; py++) {
                    for (int qx = 0; qx < l; qx++) {
                        double re = 0;
                        double im = 0;
                        for (int px = 0; px < k; px++) {
                            int t = (px * qx) % l;
                            int i = 2 * ((c * k + py) * k + px);
                            re += w[i] * cos[t] - w[i + 1] * sin[t];
                            im += w[i] * sin[t] + w[i + 1] * cos[t];
                        }
                        tmp[2 * (py * l + qx)] = re;
                        tmp[2 * (py * l + qx) + 1] = im;
                    }
                }
                for (int qy = 0; qy < l; qy++) {
                    for (int qx = 0; qx < l; qx++) {
                        double re = 0;
                        double im = 0;
                        for (int py = 0; py < k; py++) {
                            int t = (py * qy) % l;
                            double ar = tmp[2 * (py * l + qx)];
                            double ai = tmp[2 * (py * l + qx) + 1];
                            re += ar * cos[t] - ai * sin[t];
                            im += ar * sin[t] + ai * cos[t];
                        }
                        int o = 2 * ((c * l + qy) * l + qx);
                        s[o] = re;
                        s[o + 1] = im;
                    }
                }
            }
            out[j] = s;
        });
        return out;
    }

    /** {@code G_l[q][pair] = scale * sum_j w^_j[c][q] conj(w^_j[c'][q])}. */
    private static double[] smallGrid(double[][] spectra, int coils, int l, int pairs, double scale) {
        int grid = l * l;
        double[] g = new double[2 * grid * pairs];
        IntStream.range(0, grid).parallel().forEach(q -> {
            int pair = 0;
            for (int c = 0; c < coils; c++) {
                for (int c2 = c; c2 < coils; c2++, pair++) {
                    double re = 0;
                    double im = 0;
                    int a = 2 * (c * grid + q);
                    int b = 2 * (c2 * grid + q);
                    for (double[] s : spectra) {
                        re += s[a] * s[b] + s[a + 1] * s[b + 1];
                        im += s[a + 1] * s[b] - s[a] * s[b + 1];
                    }
                    g[2 * (q * pairs + pair)] = re * scale;
                    g[2 * (q * pairs + pair) + 1] = im * scale;
                }
            }
        });
        return g;
    }

    /**
     * {@code h[d][pair] = 1/l^2 sum_q G_l[q][pair] exp(+2 pi i d.q / l)} for {@code d} in {@code [-(k-1), k-1]^2},
     * stored at {@code ((dy + k - 1) * span + dx + k - 1)}; exact because {@code l >= 2k - 1}.
     */
    private static double[] coefficients(double[] small, int l, int k, int pairs) {
        int span = 2 * k - 1;
        double[] h = new double[2 * span * span * pairs];
        double norm = 1.0 / (l * l);
        IntStream.range(0, span * span).parallel().forEach(di -> {
            int dy = di / span - (k - 1);
            int dx = di % span - (k - 1);
            for (int qy = 0; qy < l; qy++) {
                for (int qx = 0; qx < l; qx++) {
                    double arg = 2 * Math.PI * (Math.floorMod(dy * qy + dx * qx, l)) / l;
                    double cr = Math.cos(arg) * norm;
                    double ci = Math.sin(arg) * norm;
                    int src = 2 * (qy * l + qx) * pairs;
                    int dst = 2 * di * pairs;
                    for (int p = 0; p < pairs; p++) {
                        double gr = small[src + 2 * p];
                        double gi = small[src + 2 * p + 1];
                        h[dst + 2 * p] += gr * cr - gi * ci;
                        h[dst + 2 * p + 1] += gr * ci + gi * cr;
                    }
                }
            }
        });
        return h;
    }

    /** {@code H[dy][x][pair] = sum_dx h[dy][dx][pair] exp(-2 pi i dx (x - cols/2) / cols)}. */
    private static double[] alongReadout(double[] h, int span, int pairs, int cols) {
        int k1 = span / 2;
        double[] out = new double[2 * span * cols * pairs];
        IntStream.range(0, span).parallel().forEach(dyi -> {
            for (int x = 0; x < cols; x++) {
                int dst = 2 * (dyi * cols + x) * pairs;
                for (int dxi = 0; dxi < span; dxi++) {
                    double arg = -2 * Math.PI * (double) (dxi - k1) * (x - cols / 2) / cols;
                    double cr = Math.cos(arg);
                    double ci = Math.sin(arg);
                    int src = 2 * (dyi * span + dxi) * pairs;
                    for (int p = 0; p < pairs; p++) {
                        double hr = h[src + 2 * p];
                        double hi = h[src + 2 * p + 1];
                        out[dst + 2 * p] += hr * cr - hi * ci;
                        out[dst + 2 * p + 1] += hr * ci + hi * cr;
                    }
                }
            }
        });
        return out;
    }

    /**
     * Evaluates {@code G} on image row {@code y}: {@code out[2 * (x * pairs + pair)]} (re, im), for every column.
     *
     * @param out at least {@code 2 * cols * pairs} doubles; overwritten
     */
    void row(int y, double[] out) {
        int k1 = span / 2;
        int len = 2 * cols * pairs;
        Arrays.fill(out, 0, len, 0);
        for (int dyi = 0; dyi < span; dyi++) {
            double arg = -2 * Math.PI * (double) (dyi - k1) * (y - rows / 2) / rows;
            double cr = Math.cos(arg);
            double ci = Math.sin(arg);
            int src = dyi * len;
            for (int i = 0; i < len; i += 2) {
                double hr = byColumn[src + i];
                double hi = byColumn[src + i + 1];
                out[i] += hr * cr - hi * ci;
                out[i + 1] += hr * ci + hi * cr;
            }
        }
    }
}
