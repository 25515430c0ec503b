package org.mrirecon.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mrirecon.data.Dataset;
import org.mrirecon.data.ScanHeader;
import org.mrirecon.api.KSpace;

class KneePhantomTest {

    /** Small and fast, but with the default slice stack so slice positions are the real ones. */
    private static PhantomConfig.Builder small() {
        return PhantomConfig.builder().matrix(160, 176).coils(8);
    }

    @Test
    void sameSeedAndIndexGiveIdenticalKSpace() {
        PhantomConfig config = small().build();
        KSpace a = new KneePhantom(config).slice(17).kspace();
        KSpace b = new KneePhantom(config).slice(17).kspace();
        assertEquals(a, b);
    }

    @Test
    void differentSeedGivesDifferentKSpace() {
        KSpace a = new KneePhantom(small().seed(1).build()).slice(17).kspace();
        KSpace b = new KneePhantom(small().seed(2).build()).slice(17).kspace();
        assertNotEquals(a, b);
    }

    @Test
    void volumeMatchesSlicesGeneratedOneByOne() {
        KneePhantom phantom = new KneePhantom(small().slices(4).build());
        PhantomVolume volume = phantom.volume();
        assertEquals(4, volume.slices().size());
        assertEquals(phantom.header(), volume.header());
        for (int i = 0; i < 4; i++) {
            PhantomSlice s = volume.slices().get(i);
            assertEquals(i, s.index());
            assertEquals(phantom.slice(i).kspace(), s.kspace(), "slice " + i);
        }
    }

    @Test
    void headerAndShapesAgree() {
        PhantomConfig config = small().slices(35).contrast(Contrast.PD_FS).build();
        KneePhantom phantom = new KneePhantom(config);
        ScanHeader h = phantom.header();
        assertEquals(160, h.fovPhaseMm());
        assertEquals(160, h.fovReadoutMm());
        assertEquals(3, h.sliceThicknessMm());
        assertEquals("Sag PD FS (phantom)", h.protocolName());

        PhantomSlice s = phantom.slice(0);
        assertEquals(8, s.kspace().coils());
        assertEquals(160, s.kspace().phaseEncodes());
        assertEquals(176, s.kspace().readouts());
        assertEquals(160 * 176, s.reference().length);
        assertEquals(160 * 176, s.objectMagnitude().length);
        float[][] maps = s.sensitivities();
        assertEquals(8, maps.length);
        assertEquals(2 * 160 * 176, maps[0].length);
        assertEquals(-51, s.positionMm(), 1e-9);
        assertEquals(51, phantom.slicePositionMm(34), 1e-9);
        assertThrows(IndexOutOfBoundsException.class, () -> phantom.slice(35));
        assertThrows(IndexOutOfBoundsException.class, () -> phantom.slice(-1));
    }

    @Test
    void defaultHeaderIsTheClinicalProtocol() {
        ScanHeader h = new KneePhantom(PhantomConfig.defaults()).header();
        assertEquals("Sag PD (phantom)", h.protocolName());
        assertEquals(3000, h.repetitionTimeMs());
    }

    @Test
    void datasetCarriesReferenceTruthAndRealSliceNumbers() {
        KneePhantom phantom = new KneePhantom(small().slices(6).build());
        Dataset d = phantom.dataset("two slices", 4, 2);
        assertEquals(2, d.sliceCount());
        assertEquals(4, d.sliceNumber(0));
        assertEquals(2, d.sliceNumber(1));
        assertTrue(d.isFullySampled() && d.hasReference() && d.hasTruth());
        PhantomSlice s = phantom.slice(2);
        assertArrayEquals(s.reference(), d.reference(1));
        assertArrayEquals(s.objectMagnitude(), d.truth(1));
        assertEquals(s.kspace(), d.kspace(1));
    }

    @Test
    void referenceIsRootSumOfSquaresOfInverseFft() {
        PhantomSlice s = new KneePhantom(small().build()).slice(17);
        float[] expected = Images.rss(Images.coilImages(s.kspace()));
        float[] reference = s.reference();
        double scale = Images.max(expected);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], reference[i], 1e-5 * scale, "pixel " + i);
        }
    }

    @Test
    void arrayAccessorsReturnCopies() {
        PhantomSlice s = new KneePhantom(small().build()).slice(17);
        float[] r = s.reference();
        r[0] = 1e9f;
        assertNotEquals(1e9f, s.reference()[0]);
        float[] o = s.objectMagnitude();
        o[0] = 1e9f;
        assertNotEquals(1e9f, s.objectMagnitude()[0]);
    }

    @Test
    void slicesChangeAcrossTheVolume() {
        KneePhantom phantom = new KneePhantom(small().snr(Double.POSITIVE_INFINITY).build());
        float[] centre = phantom.slice(17).objectMagnitude();
        float[] condyle = phantom.slice(9).objectMagnitude();
        float[] edge = phantom.slice(1).objectMagnitude();
        assertTrue(Images.relativeDifference(condyle, centre) > 0.2);
        assertTrue(Images.relativeDifference(edge, condyle) > 0.2);
        // The outermost slices cut only the rim of the limb: far less tissue than through the joint.
        assertTrue(sum(edge) < 0.8 * sum(centre), "edge " + sum(edge) + " centre " + sum(centre));
    }

    @Test
    void oversampledSimulationDiffersFromOnGridSimulation() {
        PhantomConfig exact = small().snr(Double.POSITIVE_INFINITY).oversampling(1).build();
        float[] onGrid = new KneePhantom(exact).slice(17).objectMagnitude();
        float[] fine = new KneePhantom(exact.toBuilder().oversampling(2).build()).slice(17).objectMagnitude();
        double diff = Images.relativeDifference(onGrid, fine);
        // Same object (small difference), but not the same discrete model: edges and textures differ.
        assertTrue(diff > 0.02, "relative difference " + diff);
        assertTrue(diff < 0.35, "relative difference " + diff);
    }

    @Test
    void fatSuppressionDarkensFatAndT2BrightensFluidRelativeToIt() {
        PhantomConfig pd = small().snr(Double.POSITIVE_INFINITY).build();
        float[] imagePd = new KneePhantom(pd).slice(17).objectMagnitude();
        float[] imageFs = new KneePhantom(pd.toBuilder().contrast(Contrast.PD_FS).build()).slice(17)
                .objectMagnitude();
        double max = Images.max(imagePd);
        double fatPd = 0;
        double fatFs = 0;
        int n = 0;
        for (int i = 0; i < imagePd.length; i++) {
            // The brightest PD pixels are fat and fatty marrow.
            if (imagePd[i] > 0.8 * max) {
                fatPd += imagePd[i];
                fatFs += imageFs[i];
                n++;
            }
        }
        assertTrue(n > 500, "fat pixels " + n);
        assertTrue(fatFs < 0.25 * fatPd, "fat on PD " + fatPd / n + ", with fat saturation " + fatFs / n);
    }

    @Test
    void anatomyJitterChangesTheKneeDeterministically() {
        PhantomConfig canonical = small().snr(Double.POSITIVE_INFINITY).build();
        PhantomConfig jittered = canonical.toBuilder().anatomyJitter(1).build();
        float[] a = new KneePhantom(canonical).slice(17).objectMagnitude();
        float[] b = new KneePhantom(jittered).slice(17).objectMagnitude();
        float[] b2 = new KneePhantom(jittered).slice(17).objectMagnitude();
        float[] c = new KneePhantom(jittered.toBuilder().seed(43).build()).slice(17).objectMagnitude();
        assertArrayEquals(b, b2);
        assertTrue(Images.relativeDifference(b, a) > 0.1);
        assertTrue(Images.relativeDifference(c, b) > 0.1);
    }

    /**
     * Phase-encode runs anterior-posterior and the whole leg lies inside the phase field of view: the first and
     * last 5% of the rows are air in every slice, for the canonical knee and for jittered ones (noise-free object:
     * what remains there is the Gibbs ringing of the skin edge, a percent or two). Along readout (columns,
     * superior-inferior) the femoral and tibial shafts run past the field of view, so the edge columns hold tissue.
     */
    @Test
    void phaseEncodeEdgesAreAirAndTheLegRunsAlongReadout() {
        int n = 128;
        int edge = (int) Math.ceil(0.05 * n);
        PhantomConfig base = PhantomConfig.builder().matrix(n, n).coils(1).snr(Double.POSITIVE_INFINITY).build();
        List<PhantomConfig> configs = List.of(base, base.toBuilder().anatomyJitter(1).seed(1).build(),
                base.toBuilder().anatomyJitter(1).seed(2).build(), base.toBuilder().anatomyJitter(1).seed(3).build(),
                base.toBuilder().anatomyJitter(1).seed(42).build(),
                base.toBuilder().anatomyJitter(0.5).seed(7).build());
        for (PhantomConfig config : configs) {
            KneePhantom phantom = new KneePhantom(config);
            for (int index : new int[] {0, 4, 8, 12, 15, 17, 19, 22, 26, 30, 34}) {
                float[] image = phantom.slice(index).objectMagnitude();
                double max = Images.max(image);
                String where = config + ", slice " + index;
                for (int r = 0; r < n; r++) {
                    if (r >= edge && r < n - edge) {
                        continue;
                    }
                    for (int c = 0; c < n; c++) {
                        assertTrue(image[r * n + c] < 0.05 * max, where + ": tissue at row " + r + ", column " + c
                                + ": " + image[r * n + c] / max + " of the maximum");
                    }
                }
                if (index >= 12 && index <= 22) {
                    // Through the joint the leg is cut by both readout edges (thigh on the left, calf on the right).
                    assertTrue(columnSum(image, n, 0) > 0.1 * n * max, where + ": no thigh at the left edge");
                    assertTrue(columnSum(image, n, n - 1) > 0.1 * n * max, where + ": no calf at the right edge");
                }
            }
        }
    }

    private static double columnSum(float[] image, int n, int col) {
        double s = 0;
        for (int r = 0; r < n; r++) {
            s += image[r * n + col];
        }
        return s;
    }

    @Test
    void anyCoilCountFromOneTo32Works() {
        for (int coils : List.of(1, 5, 32)) {
            PhantomSlice s = new KneePhantom(PhantomConfig.builder().matrix(64, 64).coils(coils).build()).slice(17);
            assertEquals(coils, s.kspace().coils());
            assertEquals(coils, s.sensitivities().length);
        }
    }

    private static double sum(float[] a) {
        double s = 0;
        for (float x : a) {
            s += x;
        }
        return s;
    }
}
