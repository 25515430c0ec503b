package org.mrirecon.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrirecon.data.Dataset;
import org.mrirecon.data.ScanHeader;
import org.mrirecon.api.KSpace;
import org.mrirecon.api.SamplingPattern;

import io.jhdf.HdfFile;

/**
 * The fastMRI-layout fixtures of make_fixtures.py: kspace [2 slices, 4 coils, H=64, W=40] with fastMRI's zero
 * padding outside lines [3, 37), reconSpace 32 x 32, reconstruction_rss as fastMRI computed it.
 */
class FastMriReaderTest {

    @Test
    void reproducesReconstructionRssFromTheFullySampledKspace() throws DataFormatException {
        Dataset data = Readers.read(Fixtures.path("fastmri_knee_like.h5"));
        assertEquals(DataFormat.FASTMRI.description(), data.format());
        assertTrue(data.isFullySampled());
        assertTrue(data.hasReference());
        assertEquals(32, data.referenceRows());
        assertEquals(32, data.referenceCols());
        double worst = 0;
        for (int s = 0; s < data.sliceCount(); s++) {
            float[] ours = data.cropToReference(Fixtures.rss(data.kspace(s)));
            worst = Math.max(worst, Fixtures.relativeError(ours, data.reference(s)));
        }
        System.out.printf("fastMRI reconstruction_rss reproduced from kspace: worst relative error %.2e%n", worst);
        assertTrue(worst < 1e-5, "relative error " + worst);
    }

    @Test
    void transposesToPhaseEncodeRowsAndReadsTheHeader() throws DataFormatException {
        Dataset data = Readers.read(Fixtures.path("fastmri_knee_like.h5"));
        ScanHeader h = data.header();
        assertEquals(40, data.rows(), "fastMRI's W (last axis) is our phase-encode");
        assertEquals(64, data.cols());
        assertEquals(4, data.coils());
        assertEquals(2, data.sliceCount());
        assertEquals(140, h.fovPhaseMm(), 1e-9);
        assertEquals(280, h.fovReadoutMm(), 1e-9);
        assertEquals(3, h.sliceThicknessMm(), 1e-9);
        assertEquals(2750, h.repetitionTimeMs(), 1e-9);
        assertEquals(4, h.echoTrainLength());
        assertEquals("CORPD_FBK", h.protocolName());
        assertEquals("CORPD_FBK", data.attributes().get("acquisition"));
        assertTrue(Double.parseDouble(data.attributes().get("max")) > 0);
        SamplingPattern p = data.pattern(0);
        for (int ky = 0; ky < 40; ky++) {
            assertEquals(ky >= 3 && ky < 37, p.isAcquired(ky), "padding lines are not acquired: line " + ky);
        }
        assertEquals(3, p.calibrationStart());
        assertEquals(37, p.calibrationEnd());
        assertTrue(data.notes().stream().anyMatch(n -> n.contains("transposed")));
    }

    @Test
    void undersampledFileKeepsItsOwnMaskAndCalibration() throws DataFormatException {
        Dataset data = Readers.read(Fixtures.path("fastmri_undersampled_R4.h5"));
        assertFalse(data.isFullySampled());
        assertFalse(data.hasReference());
        assertEquals(32, data.referenceRows(), "crop size from reconSpace without a reference");
        assertEquals(4, Double.parseDouble(data.attributes().get("acceleration")), 1e-9);
        SamplingPattern p = data.pattern(0);
        // the 8 centre lines [16, 24) and the regular line 15 next to them form one calibration block
        assertEquals(15, p.calibrationStart());
        assertEquals(24, p.calibrationEnd());
        for (int ky = 0; ky < 40; ky++) {
            // the mask's line 39 lies in the padding: not acquired
            boolean expected = (ky >= 3 && ky < 37 && (ky - 3) % 4 == 0) || (ky >= 16 && ky < 24);
            assertEquals(expected, p.isAcquired(ky), "line " + ky);
        }
        assertEquals(2, data.toVolume().size());
    }

    @Test
    void singlecoilLayoutReproducesReconstructionEsc() throws DataFormatException {
        Dataset data = Readers.read(Fixtures.path("fastmri_singlecoil.h5"));
        assertEquals(1, data.coils());
        KSpace k = data.kspace(1);
        double err = Fixtures.relativeError(data.cropToReference(Fixtures.rss(k)), data.reference(1));
        assertTrue(err < 1e-5, "relative error " + err);
    }

    @Test
    void formatIsFoundByContentNotByExtension(@TempDir Path dir) throws Exception {
        Path renamed = dir.resolve("knee.npy");
        Files.copy(Fixtures.path("fastmri_knee_like.h5"), renamed);
        assertEquals(DataFormat.FASTMRI, Readers.detect(renamed));
        // a user block moves the HDF5 signature to offset 512
        Path userBlock = Fixtures.path("fastmri_userblock.h5");
        assertEquals(DataFormat.FASTMRI, Readers.detect(userBlock));
        assertEquals(20, Readers.read(userBlock).rows());
    }

    // ---- the real layouts of issue 15 (fixtures made by tools/make_fastmri_knee.py's functions) ----

    /**
     * fastmri_real_knee.h5: kspace [2, 4, H=64, W=48], 44 encoded phase-encodes zero-padded to 48 (encoding limits
     * centre 22, maximum 43: padding_left 2, padding_right 46), readout oversampled 2x, reconSpace 32 x 32.
     */
    @Test
    void realKneeLayoutKeepsItsPaddingAndReproducesReconstructionRss() throws Exception {
        Dataset data = Readers.read(Fixtures.path("fastmri_real_knee.h5"));
        assertEquals(48, data.rows(), "W, the phase-encode axis");
        assertEquals(64, data.cols(), "H, the oversampled readout");
        assertEquals(4, data.coils());
        assertTrue(data.isFullySampled(), "every encoded line is there; the padding does not count");
        for (int s = 0; s < data.sliceCount(); s++) {
            SamplingPattern p = data.pattern(s);
            assertEquals(2, p.encodedStart());
            assertEquals(46, p.encodedEnd());
            assertEquals(44, p.acquiredLines());
            for (int ky : new int[] {0, 1, 46, 47}) {
                assertFalse(p.isAcquired(ky), "padding line " + ky);
                for (int c = 0; c < data.coils(); c++) {
                    for (int x = 0; x < data.cols(); x++) {
                        assertEquals(0f, data.kspace(s).re(c, ky, x));
                    }
                }
            }
        }
        double worst = 0;
        for (int s = 0; s < data.sliceCount(); s++) {
            worst = Math.max(worst, Fixtures.relativeError(data.cropToReference(Fixtures.rss(data.kspace(s))),
                    data.reference(s)));
        }
        System.out.printf("real-layout knee: reconstruction_rss from the padded, oversampled kspace: relative error "
                + "%.2e%n", worst);
        assertTrue(worst < 1e-5, "relative error " + worst);
    }

    /** The orientation: our layout is the transpose of the file's, the dataset says so, and nothing is lost. */
    @Test
    void statesTheTransposeAndTransposedBackTheReferenceIsTheFilesBitForBit() throws Exception {
        Path file = Fixtures.path("fastmri_real_knee.h5");
        Dataset data = Readers.read(file);
        assertEquals("true", data.attributes().get("layout.transposed"));
        assertTrue(data.notes().stream().anyMatch(n -> n.contains("transpose of the file's orientation")),
                data.notes()::toString);
        float[] stored;
        int[] dims;
        try (HdfFile f = new HdfFile(file)) {
            io.jhdf.api.Dataset d = f.getDatasetByPath("reconstruction_rss");
            dims = d.getDimensions();
            stored = Fixtures.flatten(d.getData(), dims[0] * dims[1] * dims[2]);
        }
        int h = dims[1];
        int w = dims[2];
        assertEquals(w, data.referenceRows());
        assertEquals(h, data.referenceCols());
        for (int s = 0; s < dims[0]; s++) {
            float[] ours = data.reference(s);
            for (int x = 0; x < h; x++) {
                for (int y = 0; y < w; y++) {
                    assertEquals(Float.floatToRawIntBits(stored[(s * h + x) * w + y]),
                            Float.floatToRawIntBits(ours[y * h + x]), "slice " + s + " at file (" + x + ", " + y + ")");
                }
            }
        }
        for (String other : new String[] {"fastmri_real_knee_test_float32.h5", "fastmri_real_brain.h5",
            "fastmri_singlecoil.h5"}) {
            assertEquals("true", Readers.read(Fixtures.path(other)).attributes().get("layout.transposed"), other);
        }
        assertNull(Readers.read(Fixtures.path("ismrmrd_multislice_embedded.h5")).attributes()
                .get("layout.transposed"), "ISMRMRD is read in its own orientation");
    }

    /**
     * The test-set files: the same k-space multiplied by fastMRI's equispaced 4x mask (num_low_frequency 4), the mask
     * stored as bool (h5py: an HDF5 enum), uint8 and float32. All three read alike, on their own sampling, with the
     * mask's lines in the zero padding not acquired.
     */
    @Test
    void testSetMasksOfEveryEncodingGiveTheSameSampling() throws Exception {
        Dataset full = Readers.read(Fixtures.path("fastmri_real_knee.h5"));
        float[] mask;
        try (HdfFile f = new HdfFile(Fixtures.path("fastmri_real_knee_test_float32.h5"))) {
            mask = (float[]) f.getDatasetByPath("mask").getData();
        }
        Dataset first = null;
        for (String encoding : new String[] {"bool", "uint8", "float32"}) {
            Dataset d = Readers.read(Fixtures.path("fastmri_real_knee_test_" + encoding + ".h5"));
            assertFalse(d.isFullySampled(), encoding);
            assertFalse(d.hasReference(), encoding);
            assertEquals(32, d.referenceRows(), "crop size from reconSpace");
            assertEquals("4", d.attributes().get("acceleration"));
            assertEquals("4", d.attributes().get("num_low_frequency"));
            String named = encoding.equals("bool") ? "HDF5 enum" : encoding;
            int inPadding = (mask[0] != 0 ? 1 : 0) + (mask[1] != 0 ? 1 : 0) + (mask[46] != 0 ? 1 : 0)
                    + (mask[47] != 0 ? 1 : 0);
            String padded = inPadding + " of them lie in the zero padding";
            assertTrue(d.notes().stream().anyMatch(n -> n.startsWith("mask [48] (" + named)
                    && (inPadding == 0 || n.contains(padded))), d.notes()::toString);
            for (int s = 0; s < d.sliceCount(); s++) {
                SamplingPattern p = d.pattern(s);
                assertEquals(2, p.encodedStart());
                assertEquals(46, p.encodedEnd());
                assertTrue(p.calibrationLines() >= 4, "num_low_frequency centre lines: " + p);
                for (int ky = 0; ky < 48; ky++) {
                    boolean expected = mask[ky] != 0 && ky >= 2 && ky < 46;
                    assertEquals(expected, p.isAcquired(ky), encoding + " line " + ky);
                    for (int x = 0; x < d.cols(); x += 7) {
                        float want = expected ? full.kspace(s).re(1, ky, x) : 0f;
                        assertEquals(want, d.kspace(s).re(1, ky, x), 0f, encoding + " sample " + ky + ", " + x);
                    }
                }
                assertEquals(4.0, p.effectiveAcceleration(), 0.5, "about the nominal 4x: " + p);
            }
            if (first == null) {
                first = d;
            } else {
                assertEquals(first.patterns(), d.patterns(), encoding + " reads like bool");
            }
            assertEquals(2, d.toVolume().size());
        }
    }

    /** fastMRI's brain files have no phase-encode padding: every line is encoded. */
    @Test
    void brainLayoutWithoutPadding() throws Exception {
        Dataset data = Readers.read(Fixtures.path("fastmri_real_brain.h5"));
        assertEquals(32, data.rows());
        assertEquals(64, data.cols());
        assertTrue(data.isFullySampled());
        assertEquals(32, data.pattern(0).encodedLines());
        assertEquals("AXT2", data.header().protocolName());
        assertEquals(6000, data.header().repetitionTimeMs(), 1e-9);
        double err = Fixtures.relativeError(data.cropToReference(Fixtures.rss(data.kspace(1))), data.reference(1));
        assertTrue(err < 1e-5, "relative error " + err);
    }

    /** A mask beside fully sampled k-space: the file's sampling is the mask's, the other lines are zeroed, noted. */
    @Test
    void linesTheMaskDoesNotMarkAreZeroedAndNoted() throws Exception {
        Dataset data = Readers.read(Fixtures.path("fastmri_mask_on_full_kspace.h5"));
        assertFalse(data.isFullySampled());
        SamplingPattern p = data.pattern(0);
        for (int ky = 0; ky < 12; ky++) {
            boolean marked = ky % 3 == 0 || ky >= 5 && ky < 8;
            assertEquals(marked, p.isAcquired(ky), "line " + ky);
            if (!marked) {
                assertEquals(0f, data.kspace(0).re(0, ky, 8), "line " + ky + " zeroed");
            }
        }
        assertTrue(data.notes().stream().anyMatch(n -> n.contains("hold data the mask does not mark: zeroed")),
                data.notes()::toString);
    }

    /** Data in a line the encoding limits call zero padding: not acquired, zeroed, and the note says so. */
    @Test
    void dataInThePaddingIsZeroedAndNoted() throws Exception {
        Dataset data = Readers.read(Fixtures.path("fastmri_data_in_padding.h5"));
        SamplingPattern p = data.pattern(0);
        assertEquals(1, p.encodedStart());
        assertEquals(11, p.encodedEnd());
        assertFalse(p.isAcquired(0));
        assertFalse(p.isAcquired(11));
        assertEquals(0f, data.kspace(0).re(0, 0, 8));
        assertTrue(data.isFullySampled(), "every encoded line is there");
        assertTrue(data.notes().stream().anyMatch(n -> n.contains("outside the encoding limits [1, 11) hold non-zero "
                + "samples")), data.notes()::toString);
    }
}
