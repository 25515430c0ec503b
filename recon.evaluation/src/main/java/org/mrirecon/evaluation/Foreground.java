package org.mrirecon.evaluation;

import java.util.ArrayDeque;

/**
 * The anatomy of a slice as a pixel mask, so that metrics can leave out the air around it (whose noise floor
 * dominates whole-image scores of noisy references). Built from the noise-free truth where the data has one, else
 * from the reference smoothed by a 3x3 mean (edge values repeated) to keep its noise from crossing the threshold:
 * <ol>
 * <li>threshold at {@value #THRESHOLD} of the volume's maximum;</li>
 * <li>morphological closing with a disk of radius {@value #CLOSING_RADIUS} pixels, on the image padded by repeating
 * its edge (anatomy that runs off the image edge stays in the mask), which joins the anatomy across thin dark
 * structures (tendons, ligaments, cortical bone);</li>
 * <li>hole filling (background not 4-connected to the image border becomes foreground): dark structures enclosed
 * by anatomy are anatomy.</li>
 * </ol>
 * {@code scipy.ndimage} computes the same mask ({@code uniform_filter(size=3, mode='nearest')},
 * {@code np.pad(mode='edge')}, {@code binary_closing} with the disk, {@code binary_fill_holes}); the test checks it
 * against a fixture made so. Stateless.
 */
public final class Foreground {

    /** Threshold as a fraction of the volume's maximum. */
    public static final double THRESHOLD = 0.05;
    /** Radius of the closing's disk, in pixels. */
    public static final int CLOSING_RADIUS = 3;

    private Foreground() {
    }

    /**
     * Masks of a volume ({@code [slice][rows * cols]}).
     *
     * @param smooth whether to apply the 3x3 mean first (for a noisy source)
     */
    public static boolean[][] masks(float[][] volume, int rows, int cols, boolean smooth) {
        float[][] src = new float[volume.length][];
        double max = 0;
        for (int s = 0; s < volume.length; s++) {
            src[s] = smooth ? boxMean3(volume[s], rows, cols) : volume[s];
            for (float v : src[s]) {
                max = Math.max(max, v);
            }
        }
        boolean[][] out = new boolean[volume.length][];
        for (int s = 0; s < volume.length; s++) {
            boolean[] m = new boolean[rows * cols];
            for (int i = 0; i < m.length; i++) {
                m[i] = src[s][i] > THRESHOLD * max;
            }
            out[s] = fillHoles(close(m, rows, cols), rows, cols);
        }
        return out;
    }

    /** Fraction of pixels in the mask. */
    public static double fraction(boolean[] mask) {
        int n = 0;
        for (boolean b : mask) {
            n += b ? 1 : 0;
        }
        return (double) n / mask.length;
    }

    private static float[] boxMean3(float[] img, int rows, int cols) {
        float[] out = new float[img.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double sum = 0;
                for (int dr = -1; dr <= 1; dr++) {
                    int rr = Math.min(rows - 1, Math.max(0, r + dr));
                    for (int dc = -1; dc <= 1; dc++) {
                        int cc = Math.min(cols - 1, Math.max(0, c + dc));
                        sum += img[rr * cols + cc];
                    }
                }
                out[r * cols + c] = (float) (sum / 9);
            }
        }
        return out;
    }

    /** Closing (dilation, then erosion) with the disk, on the mask padded by its edge values. */
    private static boolean[] close(boolean[] m, int rows, int cols) {
        int p = CLOSING_RADIUS;
        int pr = rows + 2 * p;
        int pc = cols + 2 * p;
        boolean[] padded = new boolean[pr * pc];
        for (int r = 0; r < pr; r++) {
            int sr = Math.min(rows - 1, Math.max(0, r - p));
            for (int c = 0; c < pc; c++) {
                padded[r * pc + c] = m[sr * cols + Math.min(cols - 1, Math.max(0, c - p))];
            }
        }
        boolean[] closed = morph(morph(padded, pr, pc, true), pr, pc, false);
        boolean[] out = new boolean[rows * cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(closed, (r + p) * pc + p, out, r * cols, cols);
        }
        return out;
    }

    /**
     * Dilation (any disk neighbour set) or erosion (every disk neighbour set); outside the padded image counts as
     * unset for dilation and as set for erosion, which is scipy's default for dilation and, through the padding, the
     * same result as scipy's closing of the padded image on the pixels kept.
     */
    private static boolean[] morph(boolean[] m, int rows, int cols, boolean dilate) {
        int rad = CLOSING_RADIUS;
        boolean[] out = new boolean[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                boolean v = !dilate;
                search:
                for (int dr = -rad; dr <= rad; dr++) {
                    for (int dc = -rad; dc <= rad; dc++) {
                        if (dr * dr + dc * dc > rad * rad) {
                            continue;
                        }
                        int rr = r + dr;
                        int cc = c + dc;
                        boolean inside = rr >= 0 && rr < rows && cc >= 0 && cc < cols;
                        boolean n = inside ? m[rr * cols + cc] : !dilate;
                        if (dilate && n) {
                            v = true;
                            break search;
                        }
                        if (!dilate && !n) {
                            v = false;
                            break search;
                        }
                    }
                }
                out[r * cols + c] = v;
            }
        }
        return out;
    }

    /** Background pixels not 4-connected to the border become foreground. */
    private static boolean[] fillHoles(boolean[] m, int rows, int cols) {
        boolean[] outside = new boolean[m.length];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if ((r == 0 || c == 0 || r == rows - 1 || c == cols - 1) && !m[r * cols + c]) {
                    outside[r * cols + c] = true;
                    queue.add(r * cols + c);
                }
            }
        }
        while (!queue.isEmpty()) {
            int i = queue.poll();
            int r = i / cols;
            int c = i % cols;
            int[][] steps = {{r - 1, c}, {r + 1, c}, {r, c - 1}, {r, c + 1}};
            for (int[] s : steps) {
                if (s[0] >= 0 && s[0] < rows && s[1] >= 0 && s[1] < cols) {
                    int j = s[0] * cols + s[1];
                    if (!m[j] && !outside[j]) {
                        outside[j] = true;
                        queue.add(j);
                    }
                }
            }
        }
        boolean[] out = new boolean[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = !outside[i];
        }
        return out;
    }
}
