package org.mrirecon.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class PicturesTest {

    /** The PNG decodes (with the JDK's reader) to the window's grey levels: rounded, clipped at 0 and at white. */
    @Test
    void pngDecodesToTheWindowedGreyLevels() throws Exception {
        int rows = 3;
        int cols = 4;
        float[] image = {0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, -1f, 100f};
        float white = 8f;
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(Pictures.png(image, rows, cols, white)));
        assertEquals(cols, decoded.getWidth());
        assertEquals(rows, decoded.getHeight());
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int expected = (int) Math.max(0, Math.min(255, Math.round(image[r * cols + c] * 255 / white)));
                assertEquals(expected, decoded.getRaster().getSample(c, r, 0), "pixel " + r + "," + c);
            }
        }
    }
}
