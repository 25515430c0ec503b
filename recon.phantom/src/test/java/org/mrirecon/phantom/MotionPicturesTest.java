package org.mrirecon.phantom;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.coil.CoilImages;
import org.mrirecon.numerics.mask.Masks;
import org.mrirecon.numerics.metrics.ImageMetrics;

/**
 * Writes {@code phantom-motion.png} and prints the motion table of docs/phantom.md:
 * {@code mvn -o -pl recon.phantom test -Dtest=MotionPicturesTest -Dphantom.pictures=../docs}. Skipped in normal
 * builds. Add {@code -Dphantom.motion.seeds=N} for the table's number of motion seeds (default 8).
 */
@EnabledIfSystemProperty(named = "phantom.pictures", matches = ".+")
class MotionPicturesTest {

    private static final int SLICE = 17;
    private static final double RATE = 2;
    private static final long SEED = 42;

    private static final String[] NAMES = {"1x (full)", "2x/32 ACS", "4x/20 ACS"};

    private static SamplingPattern[] protocols() {
        return new SamplingPattern[] {SamplingPattern.fullySampled(320), Masks.equispaced(320, 2, 32),
            Masks.equispaced(320, 4, 20)};
    }

    @Test
    void writePictureAndTable() throws IOException {
        Path dir = Path.of(System.getProperty("phantom.pictures"));
        Files.createDirectories(dir);
        KneePhantom phantom = new KneePhantom(PhantomConfig.defaults());
        PhantomSlice still = phantom.slice(SLICE);
        float[] reference = still.reference();
        double white = percentile(reference, 0.995);
        SamplingPattern[] protocols = protocols();
        MotionModel motion = new MotionModel(RATE, SEED);
        System.out.printf(Locale.ROOT, "%s: events at %s s%n", motion, Arrays.toString(motion.eventTimes(120)));
        float[][] tiles = new float[2 * protocols.length][];
        for (int p = 0; p < protocols.length; p++) {
            AcquisitionSchedule schedule = AcquisitionSchedule.of(protocols[p], phantom.header());
            long t0 = System.nanoTime();
            PhantomSlice moving = phantom.slice(SLICE, motion, schedule);
            double seconds = (System.nanoTime() - t0) / 1e9;
            float[] image = CoilImages.rss(moving.kspace());
            float[] diff = new float[image.length];
            for (int i = 0; i < image.length; i++) {
                diff[i] = Math.abs(image[i] - reference[i]) * 5;
            }
            tiles[p] = forDisplay(windowed(image, white), 320, 320);
            tiles[protocols.length + p] = forDisplay(windowed(diff, white), 320, 320);
            System.out.printf(Locale.ROOT, "%s: %s, pose at the end %s, simulated in %.1f s%n", NAMES[p], schedule,
                    motion.pose(schedule.durationSeconds()), seconds);
        }
        write(montage(tiles, 320, 320, protocols.length), dir.resolve("phantom-motion.png"));
        table(phantom, still, Integer.getInteger("phantom.motion.seeds", 8));
    }

    /** Mean NRMSE and SSIM against the truth over motion seeds, per rate and protocol (Markdown). */
    private static void table(KneePhantom phantom, PhantomSlice still, int seeds) {
        float[] truth = still.objectMagnitude();
        double range = Arrays.stream(box(truth)).max().orElse(1);
        double[] rates = {0, 0.5, 1, 2, 4};
        SamplingPattern[] protocols = protocols();
        StringBuilder out = new StringBuilder("| events/min |");
        for (String n : NAMES) {
            out.append(' ').append(n).append(" NRMSE | SSIM |");
        }
        out.append("\n|---|").append("---|---|".repeat(NAMES.length)).append('\n');
        for (double rate : rates) {
            out.append(String.format(Locale.ROOT, "| %.1f |", rate));
            for (SamplingPattern pattern : protocols) {
                AcquisitionSchedule schedule = AcquisitionSchedule.of(pattern, phantom.header());
                double nrmse = 0;
                double ssim = 0;
                int n = rate == 0 ? 1 : seeds;
                for (int s = 1; s <= n; s++) {
                    float[] image = CoilImages.rss(phantom.slice(SLICE, new MotionModel(rate, s), schedule).kspace());
                    nrmse += Images.relativeDifference(image, truth) / n;
                    ssim += ImageMetrics.ssim(truth, image, 320, 320, range) / n;
                }
                out.append(String.format(Locale.ROOT, " %.4f | %.4f |", nrmse, ssim));
            }
            out.append('\n');
        }
        System.out.println("slice " + SLICE + ", motion seeds 1.." + seeds + ", RSS of the moving k-space vs truth:");
        System.out.print(out);
    }

    private static double[] box(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    /** Radiological view: superior up, anterior left (the transpose of the data). */
    private static float[] forDisplay(float[] image, int rows, int cols) {
        float[] out = new float[image.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = image[r * cols + c];
            }
        }
        return out;
    }

    private static double percentile(float[] image, double q) {
        float[] sorted = image.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.round(q * (sorted.length - 1))];
    }

    private static float[] windowed(float[] image, double white) {
        float[] out = new float[image.length];
        for (int i = 0; i < image.length; i++) {
            out[i] = (float) Math.min(1, image[i] / white);
        }
        return out;
    }

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
