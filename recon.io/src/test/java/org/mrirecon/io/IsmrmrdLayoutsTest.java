package org.mrirecon.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mrirecon.api.KSpace;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.data.Dataset;

/**
 * ISMRMRD files as scanners write them beyond the acceptance file (make_fixtures.py, from
 * ismrmrd_generate_cartesian_shepp_logan output): several slices with flagged embedded calibration, interleaved
 * acceleration without calibration lines, partial Fourier, and data outside the header's encoding limits.
 */
class IsmrmrdLayoutsTest {

    /**
     * Three slices (slice s is the noise-free 32 x 32 phantom times 1 - 0.2 s, 2 coils, readout oversampled 2x) at
     * R=2 with 8 calibration lines [12, 20): the on-grid ones flagged ACQ_IS_PARALLEL_CALIBRATION_AND_IMAGING, the
     * others ACQ_IS_PARALLEL_CALIBRATION; calibrationMode embedded. Every acquired line must equal Fft2c of the
     * generator's noise-free coil images (cropped to the reconSpace readout), scaled per slice.
     */
    @Test
    void severalSlicesWithFlaggedEmbeddedCalibration() throws Exception {
        Dataset data = Readers.read(Fixtures.path("ismrmrd_multislice_embedded.h5"));
        assertEquals(3, data.sliceCount());
        assertEquals(32, data.rows());
        assertEquals(32, data.cols(), "the 2x oversampled readout removed");
        assertEquals(2, data.coils());
        assertFalse(data.isFullySampled());
        assertEquals("embedded", data.attributes().get("calibrationMode"));
        assertEquals("2", data.attributes().get("acceleration"));
        assertTrue(data.notes().stream().anyMatch(n -> n.startsWith("12 calibration-only line(s)")),
                data.notes()::toString);
        float[] truth = Fixtures.coilImagesKSpace(Fixtures.path("ismrmrd_multislice_embedded.h5"), 2, 32);
        for (int s = 0; s < 3; s++) {
            SamplingPattern p = data.pattern(s);
            assertEquals(12, p.calibrationStart(), "slice " + s);
            assertEquals(20, p.calibrationEnd());
            assertEquals(20, p.acquiredLines());
            double err = 0;
            double norm = 0;
            KSpace k = data.kspace(s);
            for (int ky = 0; ky < 32; ky++) {
                assertEquals(ky % 2 == 0 || ky >= 12 && ky < 20, p.isAcquired(ky), "slice " + s + " line " + ky);
                for (int c = 0; c < 2; c++) {
                    for (int x = 0; x < 32; x++) {
                        float scale = p.isAcquired(ky) ? 1 - 0.2f * s : 0f;
                        double dr = k.re(c, ky, x) - scale * truth[2 * ((c * 32 + ky) * 32 + x)];
                        double di = k.im(c, ky, x) - scale * truth[2 * ((c * 32 + ky) * 32 + x) + 1];
                        err += dr * dr + di * di;
                        norm += (double) truth[2 * ((c * 32 + ky) * 32 + x)] * truth[2 * ((c * 32 + ky) * 32 + x)];
                    }
                }
            }
            double rel = Math.sqrt(err / norm);
            System.out.printf("ISMRMRD multi-slice: slice %d vs the generator's coil images: relative error %.2e%n", s,
                    rel);
            assertTrue(rel < 1e-5, "slice " + s + ": " + rel);
        }
    }

    /**
     * ismrmrd_generate_cartesian_shepp_logan -a 2 -w 0: two repetitions of interleaved lines and calibrationMode
     * interleaved, with no line flagged. By the standard the calibration of interleaved mode comes from combining the
     * frames, so nothing is missing: both images read, without a calibration block, and the note says why.
     */
    @Test
    void interleavedCalibrationNeedsNoFlaggedLines() throws Exception {
        Dataset data = Readers.read(Fixtures.path("ismrmrd_interleaved_no_calibration.h5"));
        assertEquals(2, data.sliceCount());
        for (int rep = 0; rep < 2; rep++) {
            SamplingPattern p = data.pattern(rep);
            assertEquals(0, p.calibrationLines());
            for (int ky = 0; ky < 32; ky++) {
                assertEquals(ky % 2 == rep, p.isAcquired(ky), "repetition " + rep + " line " + ky);
            }
        }
        assertTrue(data.notes().stream().anyMatch(n -> n.contains("calibrationMode interleaved")),
                data.notes()::toString);
    }

    /** Encoding limits 0..23 of 32 lines: lines 24-31 are not encoded (zero padding), and the pattern says so. */
    @Test
    void partialFourierLimitsMarkTheUnencodedLines() throws Exception {
        Dataset data = Readers.read(Fixtures.path("ismrmrd_partial_fourier.h5"));
        SamplingPattern p = data.pattern(0);
        assertEquals(0, p.encodedStart());
        assertEquals(24, p.encodedEnd());
        assertEquals(2.0, p.effectiveAcceleration(), 1e-9, "12 of the 24 encoded lines");
        assertTrue(data.notes().stream().anyMatch(n -> n.contains("outside the encoding limits")),
                data.notes()::toString);
    }

    /**
     * The header's limits narrower than the data (kspace_encoding_step_1 maximum 27 while lines reach 31; repetition
     * maximum 0 while repetition 1 exists): the data is kept where its counters put it, the encoded range covers it,
     * and the notes say so.
     */
    @Test
    void dataOutsideTheEncodingLimitsIsKeptAndNoted() throws Exception {
        Dataset data = Readers.read(Fixtures.path("ismrmrd_outside_limits.h5"));
        assertEquals(2, data.sliceCount());
        SamplingPattern p = data.pattern(1);
        assertEquals(32, p.encodedEnd());
        assertTrue(p.isAcquired(29) && p.isAcquired(31));
        assertTrue(data.notes().stream().anyMatch(n -> n.startsWith("4 imaging acquisition(s) have "
                + "kspace_encode_step_1 outside the header's encodingLimits [0, 27]: kept")), data.notes()::toString);
        assertTrue(data.notes().stream().anyMatch(n -> n.contains("repetition counter above the header's "
                + "encodingLimits maximum 0")), data.notes()::toString);
    }
}
