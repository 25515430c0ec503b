package org.mrirecon.phantom;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the pictures in docs/: {@code mvn -o -pl recon.phantom test -Dtest=PhantomPicturesTest
 * -Dphantom.pictures=../docs}. Skipped in normal builds.
 */
@EnabledIfSystemProperty(named = "phantom.pictures", matches = ".+")
class PhantomPicturesTest {

    private static final int CENTRAL = 17;
    private static final int MEDIAL = 9;
    private static final int LATERAL = 24;

    @Test
    void writePictures() throws IOException {
        Path dir = Path.of(System.getProperty("phantom.pictures"));
        Files.createDirectories(dir);
        KneePhantom pd = new KneePhantom(PhantomConfig.defaults());
        KneePhantom fs = new KneePhantom(PhantomConfig.builder().contrast(Contrast.PD_FS).build());
        KneePhantom t2 = new KneePhantom(PhantomConfig.builder().contrast(Contrast.T2_FS).build());
        PhantomSlice central = pd.slice(CENTRAL);
        float[][] tiles = {
            central.reference(), pd.slice(MEDIAL).reference(), pd.slice(LATERAL).reference(),
            fs.slice(CENTRAL).reference(), t2.slice(CENTRAL).reference(), pd.slice(30).reference(),
        };
        int rows = pd.config().phaseEncodes();
        int cols = pd.config().readouts();
        for (int i = 0; i < tiles.length; i++) {
            tiles[i] = forDisplay(windowed(tiles[i], percentile(tiles[i], 0.995)), rows, cols);
        }
        write(montage(tiles, cols, rows, 3), dir.resolve("phantom.png"));

        float[][] maps = central.sensitivities();
        int[] shown = {0, 2, 5, 7, 10, 13};
        float[][] coils = new float[shown.length][];
        for (int i = 0; i < shown.length; i++) {
            coils[i] = forDisplay(magnitude(maps[shown[i]]), rows, cols);
        }
        write(montage(coils, cols, rows, 3), dir.resolve("phantom-coils.png"));
    }

    /**
     * The usual radiological view of a sagittal knee, superior up and anterior on the left: the data have
     * phase-encode (anterior to posterior) along the rows and readout (superior to inferior) along the columns,
     * so the picture is their transpose.
     */
    private static float[] forDisplay(float[] image, int rows, int cols) {
        float[] out = new float[image.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = image[r * cols + c];
            }
        }
        return out;
    }

    private static float[] magnitude(float[] complex) {
        float[] out = new float[complex.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.hypot(complex[2 * i], complex[2 * i + 1]);
        }
        return out;
    }

    private static double percentile(float[] image, double q) {
        float[] sorted = image.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.round(q * (sorted.length - 1))];
    }

    /** Scales so that {@code white} maps to 1 and clips; the sensitivity maps are already in [0, 1]. */
    private static float[] windowed(float[] image, double white) {
        float[] out = new float[image.length];
        for (int i = 0; i < image.length; i++) {
            out[i] = (float) Math.min(1, image[i] / white);
        }
        return out;
    }

    /** Tiles images of rows x cols, {@code across} per row, into an 8-bit grayscale picture. */
    private static BufferedImage montage(float[][] tiles, int rows, int cols, int across) {
        int down = (tiles.length + across - 1) / across;
        BufferedImage out = new BufferedImage(across * cols, down * rows, BufferedImage.TYPE_BYTE_GRAY);
        for (int t = 0; t < tiles.length; t++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int gray = (int) Math.round(255 * Math.max(0, Math.min(1, tiles[t][r * cols + c])));
                    out.getRaster().setSample((t % across) * cols + c, (t / across) * rows + r, 0, gray);
                }
            }
        }
        return out;
    }

    private static void write(BufferedImage image, Path file) throws IOException {
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
    }
}
