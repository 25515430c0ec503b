package org.mrirecon.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.imageio.ImageIO;

/** Writes magnitude images as 8-bit grayscale PNGs with a stated window. */
public final class ImageFiles {

    private ImageFiles() {
    }

    /** The value at the given percentile (0..100) of an image: a robust white level for windowing. */
    public static float percentile(float[] image, double pct) {
        float[] sorted = image.clone();
        Arrays.sort(sorted);
        int i = (int) Math.round(pct / 100 * (sorted.length - 1));
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /**
     * Writes {@code image} (row-major, height x width) as a PNG, mapping [0, white] to [0, 255] and clipping above.
     * Use the same white level for images that are compared side by side.
     */
    public static void writePng(Path file, float[] image, int height, int width, float white) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        float scale = white > 0 ? 255f / white : 0f;
        for (int i = 0; i < height * width; i++) {
            int v = Math.round(image[i] * scale);
            pixels[i] = (byte) Math.max(0, Math.min(255, v));
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer available in this Java runtime");
        }
    }

    /** |a - b| per pixel. */
    public static float[] absoluteDifference(float[] a, float[] b) {
        float[] d = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = Math.abs(a[i] - b[i]);
        }
        return d;
    }
}
