package org.mrirecon.report;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Magnitude images as 8-bit grayscale PNG bytes, with an explicit window, plus crops and error maps. */
public final class Pictures {

    private Pictures() {
    }

    /** The value at a percentile (0..100) of an image: a robust white level. */
    public static float percentile(float[] image, double pct) {
        float[] sorted = image.clone();
        Arrays.sort(sorted);
        int i = (int) Math.round(pct / 100 * (sorted.length - 1));
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** PNG of a row-major image, mapping [0, white] to [0, 255] and clipping above white. */
    public static byte[] png(float[] image, int rows, int cols, float white) {
        BufferedImage img = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        float scale = white > 0 ? 255f / white : 0f;
        for (int i = 0; i < rows * cols; i++) {
            pixels[i] = (byte) Math.max(0, Math.min(255, Math.round(image[i] * scale)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // A memory-cached stream: given a plain OutputStream, ImageIO caches through a temporary file per image.
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            if (!ImageIO.write(img, "png", stream)) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The transpose of a row-major {@code rows x cols} image ({@code cols x rows}). */
    public static float[] transpose(float[] image, int rows, int cols) {
        float[] t = new float[image.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = image[r * cols + c];
            }
        }
        return t;
    }

    /** A mask as an image: 1 inside, 0 outside. */
    public static float[] mask(boolean[] mask) {
        float[] m = new float[mask.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = mask[i] ? 1 : 0;
        }
        return m;
    }

    /** |a - b| per pixel. */
    public static float[] absoluteDifference(float[] a, float[] b) {
        float[] d = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = Math.abs(a[i] - b[i]);
        }
        return d;
    }

    /** The sub-image {@code [y0, y0 + h) x [x0, x0 + w)}. */
    public static float[] crop(float[] image, int cols, int y0, int x0, int h, int w) {
        float[] c = new float[h * w];
        for (int y = 0; y < h; y++) {
            System.arraycopy(image, (y0 + y) * cols + x0, c, y * w, w);
        }
        return c;
    }

    /**
     * The top-left corner {y, x} of the {@code h x w} window with the most detail (largest summed gradient
     * magnitude) in the image: where acceleration artefacts and blurring show first.
     */
    public static int[] mostDetailedWindow(float[] image, int rows, int cols, int h, int w) {
        double[] sat = new double[(rows + 1) * (cols + 1)];
        for (int y = 0; y < rows; y++) {
            double run = 0;
            for (int x = 0; x < cols; x++) {
                float v = image[y * cols + x];
                float gx = x + 1 < cols ? image[y * cols + x + 1] - v : 0;
                float gy = y + 1 < rows ? image[(y + 1) * cols + x] - v : 0;
                run += Math.sqrt(gx * gx + gy * gy);
                sat[(y + 1) * (cols + 1) + x + 1] = sat[y * (cols + 1) + x + 1] + run;
            }
        }
        double best = -1;
        int[] corner = {0, 0};
        for (int y = 0; y + h <= rows; y += 2) {
            for (int x = 0; x + w <= cols; x += 2) {
                double s = sat[(y + h) * (cols + 1) + x + w] - sat[y * (cols + 1) + x + w]
                        - sat[(y + h) * (cols + 1) + x] + sat[y * (cols + 1) + x];
                if (s > best) {
                    best = s;
                    corner = new int[] {y, x};
                }
            }
        }
        return corner;
    }
}
