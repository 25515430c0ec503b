package org.mrirecon.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrirecon.data.Dataset;
import org.mrirecon.data.ScanHeader;
import org.mrirecon.api.KSpace;
import org.mrirecon.api.SamplingPattern;

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
}
