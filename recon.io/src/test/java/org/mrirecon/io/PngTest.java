package org.mrirecon.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngTest {

    @Test
    void windowsWhiteAtThe995thPercentile(@TempDir Path dir) throws Exception {
        int rows = 20;
        int cols = 50;
        float[] img = new float[rows * cols];
        for (int i = 0; i < img.length; i++) {
            img[i] = i < 995 ? i / 994f : 1000f; // five outliers far above the rest
        }
        Path f = dir.resolve("img.png");
        Png.write(f, img, rows, cols);
        assertEquals(1f, Png.whiteLevel(img));
        BufferedImage back = ImageIO.read(f.toFile());
        assertEquals(cols, back.getWidth());
        assertEquals(rows, back.getHeight());
        assertEquals(0, back.getRaster().getSample(0, 0, 0));
        assertEquals(128, back.getRaster().getSample(497 % cols, 497 / cols, 0), 1);
        assertEquals(255, back.getRaster().getSample(994 % cols, 994 / cols, 0));
        assertEquals(255, back.getRaster().getSample(cols - 1, rows - 1, 0), "outliers saturate");
        assertEquals(false, Files.exists(dir.resolve("img.png.part")));
    }

    @Test
    void refusesImagesItCannotWindow(@TempDir Path dir) {
        Path f = dir.resolve("x.png");
        assertThrows(IllegalArgumentException.class, () -> Png.write(f, new float[] {1, Float.NaN}, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> Png.write(f, new float[6], 2, 2));
    }
}
