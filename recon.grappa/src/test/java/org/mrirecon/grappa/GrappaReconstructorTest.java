package org.mrirecon.grappa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mrirecon.api.Acquisition;
import org.mrirecon.api.AcquisitionVolume;
import org.mrirecon.api.KSpace;
import org.mrirecon.api.MethodDescriptor;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconParameters;
import org.mrirecon.api.ReconstructedImage;
import org.mrirecon.api.ReconstructionException;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.coil.CoilImages;
import org.mrirecon.numerics.mask.Masks;
import org.mrirecon.numerics.metrics.ImageMetrics;

class GrappaReconstructorTest {

    private static final SyntheticScan SCAN = new SyntheticScan(96, 80, 8);
    private final GrappaReconstructor grappa = new GrappaReconstructor();

    private ReconstructedImage reconstruct(SamplingPattern p, Map<String, String> params)
            throws ReconstructionException {
        return grappa.reconstruct(SCAN.acquire(p), grappa.descriptor().parameters(params), ReconContext.none());
    }

    private static float[] fullySampledRss() {
        return CoilImages.rss(KSpace.of(SCAN.coils, SCAN.rows, SCAN.cols, SCAN.kspace));
    }

    @Test
    void describesItselfWithTheClinicalProtocolAndItsParameters() {
        MethodDescriptor d = grappa.descriptor();
        assertEquals("grappa", d.id());
        assertEquals("GRAPPA", d.displayName());
        assertEquals(2, d.defaultAcceleration());
        assertEquals(32, d.defaultCalibrationLines());
        assertEquals(3, d.minimumCalibrationLines()); // one placement of the default 2x5 kernel at R=2
        ReconParameters defaults = d.defaults();
        assertEquals(2, defaults.getInt("kernelBlocks"));
        assertEquals(5, defaults.getInt("kernelReadout"));
        assertEquals(0.02, defaults.getDouble("lambda"));
    }

    @ParameterizedTest
    @CsvSource({ "kernelBlocks, 1", "kernelBlocks, 7", "kernelReadout, 0", "kernelReadout, 12", "lambda, -0.1",
            "lambda, 2", "lambda, NaN", "kernelBlocks, two" })
    void rejectsBadParameterValues(String name, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> grappa.descriptor().parameters(Map.of(name, value)));
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }

    @Test
    void rejectsUnknownParameters() {
        assertThrows(IllegalArgumentException.class, () -> grappa.descriptor().parameters(Map.of("kernel", "4x5")));
    }

    /** Noise-free, default parameters; measured NMSE ratios zero-filled / GRAPPA: 115, 20, 3.2 at R = 2, 3, 4. */
    @ParameterizedTest
    @CsvSource({ "2, 24, 50", "3, 24, 10", "4, 24, 2.5" })
    void unfoldsFarBetterThanZeroFilling(int r, int acs, double factor) throws ReconstructionException {
        SamplingPattern p = Masks.equispaced(SCAN.rows, r, acs);
        float[][] reference = { fullySampledRss() };
        float[][] image = { reconstruct(p, Map.of()).magnitude() };
        float[][] zeroFilled = { CoilImages.rss(SCAN.acquire(p).kspace()) };
        double nmse = ImageMetrics.nmse(reference, image);
        double zeroFilledNmse = ImageMetrics.nmse(reference, zeroFilled);
        assertTrue(nmse < zeroFilledNmse / factor,
                "R=" + r + ": GRAPPA NMSE " + nmse + ", zero-filled " + zeroFilledNmse);
    }

    @Test
    void reportsWhereTheTimeWentAndWhatItDid() throws ReconstructionException {
        ReconstructedImage image = reconstruct(Masks.equispaced(SCAN.rows, 3, 24), Map.of("kernelBlocks", "4"));
        Map<String, String> info = image.info();
        assertEquals("3", info.get("acceleration"));
        assertEquals("24", info.get("calibrationLines"));
        assertEquals("4x5", info.get("kernel"));
        assertEquals("rss", info.get("coilCombination"));
        for (String key : List.of("calibrationMs", "applyMs", "imageMs")) {
            assertTrue(Double.parseDouble(info.get(key)) > 0, key + " = " + info.get(key));
        }
        assertEquals(SCAN.rows, image.height());
        assertEquals(SCAN.cols, image.width());
    }

    @Test
    void fullySampledInputGivesTheRootSumOfSquares() throws ReconstructionException {
        assertArrayEquals(fullySampledRss(), reconstruct(SamplingPattern.fullySampled(SCAN.rows), Map.of())
                .magnitude());
    }

    @Test
    void tooFewCalibrationLinesAreReportedWithTheNumberNeeded() {
        ReconstructionException e = assertThrows(ReconstructionException.class,
                () -> reconstruct(Masks.equispaced(SCAN.rows, 4, 10), Map.of("kernelBlocks", "4")));
        assertEquals("GRAPPA with a 4x5 kernel at R=4 needs at least 14 calibration lines, the data has 10: acquire "
                + "more ACS lines or use a smaller kernel (parameters kernelBlocks, kernelReadout)", e.getMessage());
    }

    @Test
    void randomUndersamplingIsRejected() {
        ReconstructionException e = assertThrows(ReconstructionException.class,
                () -> reconstruct(Masks.random(SCAN.rows, 3, 16, 5), Map.of()));
        assertTrue(e.getMessage().contains("not equally spaced"), e.getMessage());
    }

    @Test
    void accelerationBeyondTheCoilsIsRejected() {
        ReconstructionException e = assertThrows(ReconstructionException.class,
                () -> reconstruct(Masks.equispaced(SCAN.rows, 9, 24), Map.of()));
        assertTrue(e.getMessage().contains("R=9"), e.getMessage());
    }

    /** Records progress and cancels once a message containing {@code trigger} has been reported. */
    private static final class CancellingContext implements ReconContext {
        private final String trigger;
        private final List<String> messages = new ArrayList<>();
        private volatile boolean cancelled;

        CancellingContext(String trigger) {
            this.trigger = trigger;
        }

        @Override
        public synchronized void progress(double fraction, String message) {
            messages.add(message);
            if (message.contains(trigger)) {
                cancelled = true;
            }
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }
    }

    @Test
    void stopsWhenCancelledBetweenCalibrationAndApplication() {
        CancellingContext context = new CancellingContext("calibrated");
        Acquisition acq = SCAN.acquire(Masks.equispaced(SCAN.rows, 2, 24));
        assertThrows(CancellationException.class,
                () -> grappa.reconstruct(acq, grappa.descriptor().defaults(), context));
        assertEquals(List.of("GRAPPA kernel calibrated"), context.messages);
    }

    private static AcquisitionVolume volume(SamplingPattern... patterns) {
        List<Acquisition> slices = new ArrayList<>();
        for (int i = 0; i < patterns.length; i++) {
            // odd slices differ from even ones: conjugated k-space, i.e. conjugated, point-flipped coil images
            float[] k = SCAN.kspace.clone();
            for (int f = 1; f < k.length; f += 2) {
                k[f] *= i % 2 == 0 ? 1 : -1;
            }
            slices.add(Acquisition.of(KSpace.of(SCAN.coils, SCAN.rows, SCAN.cols, k), patterns[i], i));
        }
        return AcquisitionVolume.of(slices);
    }

    @Test
    void aVolumeIsReconstructedSliceBySliceWithEachSlicesOwnCalibration() throws ReconstructionException {
        SamplingPattern p = Masks.equispaced(SCAN.rows, 2, 24);
        AcquisitionVolume volume = volume(p, p, Masks.equispaced(SCAN.rows, 3, 20));
        ReconParameters params = grappa.descriptor().defaults();
        List<ReconstructedImage> images = grappa.reconstructVolume(volume, params, ReconContext.none());
        assertEquals(3, images.size());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(grappa.reconstruct(volume.slice(i), params, ReconContext.none()).magnitude(),
                    images.get(i).magnitude(), "slice " + i);
        }
    }

    @Test
    void aVolumeWithAnIrregularSliceFailsBeforeAnySliceIsReconstructed() {
        SamplingPattern p = Masks.equispaced(SCAN.rows, 2, 24);
        AcquisitionVolume volume = volume(p, p, Masks.random(SCAN.rows, 3, 16, 5));
        CancellingContext context = new CancellingContext("never");
        ReconstructionException e = assertThrows(ReconstructionException.class,
                () -> grappa.reconstructVolume(volume, grappa.descriptor().defaults(), context));
        assertTrue(e.getMessage().contains("not equally spaced"), e.getMessage());
        assertEquals(List.of(), context.messages);
    }
}
