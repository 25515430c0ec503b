package org.mrirecon.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

import javax.imageio.ImageIO;

/**
 * Writes a real image as an 8-bit grey PNG. Windowing: black at 0 (or at the minimum when the image has negative
 * values), white at the 99.5th percentile, so that a few bright pixels (fat, vessels, noise spikes) do not darken
 * the whole image; brighter pixels saturate.
 */
public final class Png {

    /** The percentile of pixel values shown as white. */
    public static final double WHITE_PERCENTILE = 99.5;

    private Png() {
    }

    /**
     * Writes {@code image} (row-major {@code rows x cols}, rows from top to bottom) to {@code file}, through a
     * temporary file so that a reader never sees half a PNG.
     *
     * @throws IllegalArgumentException if the size does not match or a pixel is NaN or infinite
     */
    public static void write(Path file, float[] image, int rows, int cols) throws IOException {
        if (rows < 1 || cols < 1 || image == null || image.length != (long) rows * cols) {
            throw new IllegalArgumentException("a " + rows + "x" + cols + " image needs " + (long) rows * cols
                    + " pixels, got " + (image == null ? 0 : image.length));
        }
        float black = 0f;
        for (int i = 0; i < image.length; i++) {
            if (!Float.isFinite(image[i])) {
                throw new IllegalArgumentException("pixel " + i + " (row " + i / cols + ", column " + i % cols
                        + ") is " + image[i] + ": an image with NaN or infinite pixels cannot be windowed");
            }
            black = Math.min(black, image[i]);
        }
        float white = whiteLevel(image);
        float range = white > black ? white - black : 1f;
        BufferedImage out = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = ((java.awt.image.DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < image.length; i++) {
            float v = (image[i] - black) / range;
            pixels[i] = (byte) Math.round(255f * Math.max(0f, Math.min(1f, v)));
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        if (!ImageIO.write(out, "png", tmp.toFile())) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The value shown as white: the {@value #WHITE_PERCENTILE}th percentile of the pixels (nearest rank). */
    public static float whiteLevel(float[] image) {
        float[] sorted = image.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(WHITE_PERCENTILE / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }
}
