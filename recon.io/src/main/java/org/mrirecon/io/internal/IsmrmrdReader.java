package org.mrirecon.io.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.mrirecon.api.KSpace;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.data.ScanHeader;
import org.mrirecon.io.DataFormat;
import org.mrirecon.io.DataFormatException;
import org.mrirecon.io.ismrmrd.CalibrationBlock;
import org.mrirecon.io.ismrmrd.IsmrmrdHeader;
import org.mrirecon.numerics.op.ReadoutOversampling;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;

/**
 * Reads an ISMRMRD (MRD) HDF5 file: the XML header in {@code <group>/xml} and the acquisitions in
 * {@code <group>/data}, a compound of the AcquisitionHeader struct with variable-length {@code traj} and
 * {@code data} arrays. One 2-D Cartesian encoding space is supported.
 *
 * <ul>
 * <li>Noise scans and other non-imaging acquisitions (navigators, phase correction, feedback, dummy scans) are
 * skipped and counted in the notes. Noise scans are not used for prewhitening: the reader keeps the data as stored,
 * so that it compares with the file's own images and with ismrmrd_recon_cartesian_2d; whitening belongs to a
 * reconstruction.</li>
 * <li>Each combination of contrast, phase, repetition, set and slice becomes one 2-D image, in that order; repeated
 * averages of a line are averaged.</li>
 * <li>Lines flagged ACQ_IS_PARALLEL_CALIBRATION_AND_IMAGING are imaging lines; lines flagged only
 * ACQ_IS_PARALLEL_CALIBRATION (embedded, interleaved or separate calibration) fill positions no imaging line holds,
 * since the API carries calibration data inside the k-space; the calibration block of the pattern is the run of
 * flagged lines.</li>
 * <li>Readout oversampling (encodedSpace x larger than reconSpace x) is removed, see {@link ReadoutOversampling}.</li>
 * </ul>
 */
public final class IsmrmrdReader {

    // ISMRMRD acquisition flags (ismrmrd.h), bit (flag - 1) of the 64-bit flags field
    private static final int IS_NOISE_MEASUREMENT = 19;
    private static final int IS_PARALLEL_CALIBRATION = 20;
    private static final int IS_PARALLEL_CALIBRATION_AND_IMAGING = 21;
    private static final int IS_REVERSE = 22;
    /** Noise, navigation, phase correction, HP feedback, dummy scan, RT feedback, surface-coil correction, phase
     * stabilisation (reference): none of these is an image line. */
    private static final int[] NOT_IMAGING = {19, 23, 24, 26, 27, 28, 29, 30, 31};

    private final Path file;
    private final IsmrmrdHeader xml;
    private final List<String> notes = new ArrayList<>();

    private IsmrmrdReader(Path file, IsmrmrdHeader xml) {
        this.file = file;
        this.xml = xml;
    }

    public static org.mrirecon.data.Dataset read(Path file, HdfFile hdf, String group, long limit, long fileSize)
            throws DataFormatException {
        Dataset xmlSet = Hdf5.dataset(file, hdf, group + "/xml");
        IsmrmrdHeader xml = IsmrmrdXml.parse(file, "dataset " + group + "/xml",
                Hdf5.text(file, group + "/xml", xmlSet));
        // jhdf reads the acquisitions whole: their size is bounded by the file's
        Problems.checkSize(file, "the acquisition table (jhdf reads it whole: about twice the file)", 2 * fileSize,
                limit);
        return new IsmrmrdReader(file, xml).read(hdf, group + "/data", limit);
    }

    private org.mrirecon.data.Dataset read(HdfFile hdf, String dataPath, long limit) throws DataFormatException {
        checkEncoding();
        IsmrmrdAcquisitions acq = IsmrmrdAcquisitions.read(file, Hdf5.dataset(file, hdf, dataPath), dataPath);
        int nx = xml.encodedX;
        int ny = xml.encodedY;
        int centre = xml.step1Center != null ? xml.step1Center : ny / 2;

        // Pass 1: classify and check every acquisition, find the images, before allocating any k-space.
        TreeMap<IsmrmrdFrameKey, IsmrmrdFrame> frames = new TreeMap<>();
        int[] skipped = new int[64];
        int otherSpace = 0;
        int coils = -1;
        int outsideLines = 0;
        Map<String, Integer> outsideCounters = new TreeMap<>();
        for (int i = 0; i < acq.count; i++) {
            int kind = nonImagingFlag(acq.flags[i]);
            if (kind != 0) {
                skipped[kind]++;
                continue;
            }
            if (acq.encodingSpace[i] != 0) {
                otherSpace++;
                continue;
            }
            int channels = (int) acq.channels[i];
            if (coils < 0) {
                coils = channels;
                if (coils == 0) {
                    throw new DataFormatException(file, "acquisition " + i + " has zero active channels",
                            "the file holds no coil data: re-export it");
                }
                if (xml.receiverChannels != null && xml.receiverChannels != coils) {
                    throw new DataFormatException(file, "the XML header declares " + xml.receiverChannels
                            + " receiver channels but the acquisitions hold " + coils,
                            "header and data disagree on the coil count: repair acquisitionSystemInformation/"
                                    + "receiverChannels or re-export the file");
                }
            } else if (channels != coils) {
                throw new DataFormatException(file, "acquisition " + i + " has " + channels + " active channels, "
                        + "earlier ones " + coils,
                        "all imaging lines must come from the same coils: re-export the file");
            }
            acq.checkLength(i);
            if (acq.step2[i] != 0) {
                throw new DataFormatException(file, "acquisition " + i + " has kspace_encode_step_2 = " + acq.step2[i],
                        "only 2-D encodings can be read: export one partition or reconstruct along z first");
            }
            row(i, acq, centre, ny);
            if (xml.step1Minimum != null && acq.step1[i] < xml.step1Minimum
                    || xml.step1Maximum != null && acq.step1[i] > xml.step1Maximum) {
                outsideLines++;
            }
            IsmrmrdFrameKey key = acq.frameKey(i);
            String counter = counterBeyondLimits(key);
            if (counter != null) {
                outsideCounters.merge(counter, 1, Integer::sum);
            }
            frames.computeIfAbsent(key, k -> new IsmrmrdFrame());
        }
        int noise = skipped[IS_NOISE_MEASUREMENT];
        int imaging = acq.count - otherSpace;
        for (int n : skipped) {
            imaging -= n;
        }
        if (frames.isEmpty()) {
            throw new DataFormatException(file, "none of the " + acq.count + " acquisitions is an imaging line ("
                    + noise + " noise scans, " + (acq.count - noise - otherSpace) + " other non-imaging, "
                    + otherSpace + " of other encoding spaces)", "the file holds no image data: give the scan's "
                    + "imaging file");
        }
        long bytes = Problems.product(2L * frames.size(), coils, ny, nx, 8);
        Problems.checkSize(file, frames.size() + " images of " + coils + " coils x " + ny + " x " + nx
                + " samples (XML encodedSpace)", bytes, limit);

        // Pass 2: place every imaging line.
        int reversed = 0;
        for (int i = 0; i < acq.count; i++) {
            if (nonImagingFlag(acq.flags[i]) != 0 || acq.encodingSpace[i] != 0) {
                continue;
            }
            boolean calibrationOnly = flag(acq.flags[i], IS_PARALLEL_CALIBRATION)
                    && !flag(acq.flags[i], IS_PARALLEL_CALIBRATION_AND_IMAGING);
            boolean calibration = calibrationOnly || flag(acq.flags[i], IS_PARALLEL_CALIBRATION_AND_IMAGING);
            boolean reverse = flag(acq.flags[i], IS_REVERSE);
            reversed += reverse ? 1 : 0;
            IsmrmrdFrame f = frames.get(acq.frameKey(i));
            f.add(i, acq, row(i, acq, centre, ny), calibrationOnly, calibration, reverse, coils, ny, nx);
        }
        if (outsideLines > 0) {
            notes.add(outsideLines + " imaging acquisition(s) have kspace_encode_step_1 outside the header's "
                    + "encodingLimits [" + xml.step1Minimum + ", " + xml.step1Maximum + "]: kept where their counters "
                    + "put them (the header's limits are too narrow for the data)");
        }
        outsideCounters.forEach((counter, n) -> notes.add(n + " imaging acquisition(s) have a " + counter
                + " counter above the header's encodingLimits maximum " + xml.counterMaximum.get(counter)
                + ": kept as images of their own"));
        return assemble(frames, coils, ny, nx, centre, noise, imaging, otherSpace, reversed, skipped);
    }

    /** The name of the first loop counter of an image above the header's encoding limits, or null. */
    private String counterBeyondLimits(IsmrmrdFrameKey k) {
        int[] values = {k.contrast(), k.phase(), k.repetition(), k.set(), k.slice()};
        String[] names = {"contrast", "phase", "repetition", "set", "slice"};
        for (int j = 0; j < names.length; j++) {
            Integer max = xml.counterMaximum.get(names[j]);
            if (max != null && values[j] > max) {
                return names[j];
            }
        }
        return null;
    }

    private org.mrirecon.data.Dataset assemble(TreeMap<IsmrmrdFrameKey, IsmrmrdFrame> frames, int coils, int ny, int nx, int centre,
            int noise, int imaging, int otherSpace, int reversed, int[] skipped) throws DataFormatException {
        int outX = xml.reconX != null && xml.reconX > 0 && xml.reconX < nx ? xml.reconX : nx;
        String mode = xml.calibrationMode == null ? "" : xml.calibrationMode.toLowerCase(Locale.ROOT);
        boolean accelerated = xml.accelerationStep1 != null && xml.accelerationStep1 > 1;
        // embedded: the calibration lines are part of the imaging data; separate: a calibration scan of its own,
        // flagged ACQ_IS_PARALLEL_CALIBRATION. Both promise flagged lines. Interleaved: the calibration comes from
        // combining interleaved frames, and no line needs a flag.
        boolean promisesCalibrationLines = accelerated && (mode.equals("embedded") || mode.equals("separate"));
        // the lines the scan encodes: the encoding limits, widened to every line that holds data
        int lo = Math.max(0, (xml.step1Minimum != null ? xml.step1Minimum : 0) - centre + ny / 2);
        int hi = Math.min(ny - 1, (xml.step1Maximum != null ? xml.step1Maximum : ny - 1) - centre + ny / 2);
        for (IsmrmrdFrame f : frames.values()) {
            f.finishLines(ny);
            for (int ky = 0; ky < ny; ky++) {
                if (f.acquired[ky]) {
                    lo = Math.min(lo, ky);
                    hi = Math.max(hi, ky);
                }
            }
        }
        List<KSpace> kspace = new ArrayList<>();
        List<SamplingPattern> patterns = new ArrayList<>();
        boolean full = true;
        int filledByCalibration = 0;
        int withoutCalibration = 0;
        int index = 0;
        for (IsmrmrdFrame f : frames.values()) {
            filledByCalibration += f.finish(coils, ny, nx);
            SamplingPattern p = (f.anyCalibration() ? CalibrationBlock.fromFlags(f.acquired, f.calibration)
                    : CalibrationBlock.aroundCentre(f.acquired)).withEncodedRange(lo, hi + 1);
            if (promisesCalibrationLines && p.calibrationLines() == 0) {
                throw new DataFormatException(file, "the header declares " + xml.calibrationMode
                        + " calibration at R=" + xml.accelerationStep1 + " but image " + index + " has no "
                        + "calibration line (none flagged ACQ_IS_PARALLEL_CALIBRATION or "
                        + "ACQ_IS_PARALLEL_CALIBRATION_AND_IMAGING, no fully sampled centre)", "the calibration lines "
                        + "are missing: flag them, or set calibrationMode to 'other' for data without calibration");
            }
            withoutCalibration += accelerated && p.calibrationLines() == 0 ? 1 : 0;
            for (int ky = lo; ky <= hi; ky++) {
                full &= f.acquired[ky];
            }
            float[][] data = outX < nx ? ReadoutOversampling.remove(f.data, ny, nx, outX, f.acquired) : f.data;
            kspace.add(KSpace.ofCoils(ny, outX, data));
            patterns.add(p);
            index++;
        }
        if (lo > 0 || hi < ny - 1) {
            notes.add("lines outside [" + lo + ", " + (hi + 1) + ") of the " + ny + " are outside the encoding limits "
                    + "(kspace_encoding_step_1 " + xml.step1Minimum + ".." + xml.step1Maximum + ", centre " + centre
                    + "): zero padding, not acquired");
        }
        if (withoutCalibration > 0) {
            notes.add(withoutCalibration + " of " + frames.size() + " image(s) at R=" + xml.accelerationStep1
                    + " have no calibration block" + (mode.equals("interleaved") ? " (calibrationMode interleaved: "
                            + "the calibration comes from combining the interleaved frames, which are read as "
                            + "separate images here)" : "") + ": methods that need calibration lines cannot run on "
                                    + "them; zero-filled and methods without calibration can");
        }

        notes.add(0, imaging + " imaging acquisitions in " + frames.size() + " image(s) of " + ny + " lines x " + outX
                + " samples, " + coils + " coils" + frameOrder(frames));
        if (noise > 0) {
            notes.add(noise + " noise scan(s) skipped: not used for prewhitening, the data is kept as stored");
        }
        int otherKinds = -noise;
        for (int n : skipped) {
            otherKinds += n;
        }
        if (otherKinds > 0) {
            notes.add(otherKinds + " navigator/phase-correction/feedback/dummy acquisition(s) skipped");
        }
        if (otherSpace > 0) {
            notes.add(otherSpace + " acquisition(s) of other encoding spaces skipped (only encoding 0 is read)");
        }
        if (filledByCalibration > 0) {
            notes.add(filledByCalibration + " calibration-only line(s) (ACQ_IS_PARALLEL_CALIBRATION) fill positions "
                    + "without an imaging line, so that the calibration travels in the k-space"
                    + (mode.equals("separate") ? " (calibrationMode separate: a calibration scan of its own, whose "
                            + "contrast may differ from the imaging lines')" : ""));
        }
        if (reversed > 0) {
            notes.add(reversed + " reversed readout(s) (ACQ_IS_REVERSE) flipped");
        }
        if (outX < nx) {
            notes.add("readout oversampling removed: " + nx + " encoded samples -> " + outX + " (reconSpace x), "
                    + "by inverse FFT along the readout, centre crop and FFT back");
        }

        ScanHeader.Builder hb = ScanHeader.builder();
        Double fovX = outX < nx ? xml.reconFovX : xml.encodedFovX;
        if (fovX != null && fovX > 0 && xml.encodedFovY != null && xml.encodedFovY > 0) {
            hb.fieldOfViewMm(xml.encodedFovY, fovX);
        }
        IsmrmrdXml.applyTo(xml, hb, notes);
        ScanHeader header;
        try {
            header = hb.build();
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(file, e.getMessage(), "repair the ISMRMRD XML header", e);
        }
        org.mrirecon.data.Dataset.Builder rb = org.mrirecon.data.Dataset.builder(file.getFileName() + " ("
                + DataFormat.ISMRMRD.description() + ")",
                DataFormat.ISMRMRD.description(), header).fullySampled(full);
        for (int i = 0; i < kspace.size(); i++) {
            rb.slice(kspace.get(i), patterns.get(i));
        }
        int refRows = xml.reconY != null && xml.reconY > 0 ? Math.min(xml.reconY, ny) : ny;
        rb.referenceSize(refRows, outX);
        notes.add("no reference image: ISMRMRD raw data carries none");
        notes.forEach(rb::note);
        if (xml.accelerationStep1 != null && xml.accelerationStep1 >= 1) {
            rb.attribute("acceleration", Integer.toString(xml.accelerationStep1));
        }
        if (xml.calibrationMode != null) {
            rb.attribute("calibrationMode", xml.calibrationMode);
        }
        return rb.build();
    }

    private void checkEncoding() throws DataFormatException {
        if (xml.trajectory != null && !xml.trajectory.equalsIgnoreCase("cartesian")) {
            throw new DataFormatException(file, "the trajectory is '" + xml.trajectory + "'",
                    "only Cartesian data can be read: grid non-Cartesian data first");
        }
        if (xml.encodedX == null || xml.encodedY == null || xml.encodedX < 1 || xml.encodedY < 1) {
            throw new DataFormatException(file, "the XML header states no valid encodedSpace matrixSize x and y",
                    "add the encoded matrix to the header");
        }
        if (xml.encodedZ != null && xml.encodedZ > 1) {
            throw new DataFormatException(file, "the encoding is 3-D (encodedSpace matrixSize z = " + xml.encodedZ
                    + ")", "only 2-D encodings can be read: export one partition or reconstruct along z first");
        }
        if (xml.encodings > 1) {
            notes.add("the header has " + xml.encodings + " encoding spaces: only the first is read");
        }
    }

    private int row(int i, IsmrmrdAcquisitions acq, int centre, int ny) throws DataFormatException {
        long row = acq.step1[i] - centre + ny / 2;
        if (row < 0 || row >= ny) {
            throw new DataFormatException(file, "acquisition " + i + " has kspace_encode_step_1 = " + acq.step1[i]
                    + ", outside the " + ny + " encoded lines (centre " + centre + ")",
                    "the acquisition headers and the XML disagree: check encodedSpace matrixSize y and encodingLimits");
        }
        return (int) row;
    }

    private String frameOrder(TreeMap<IsmrmrdFrameKey, IsmrmrdFrame> frames) {
        if (frames.size() == 1) {
            return "";
        }
        StringBuilder s = new StringBuilder("; images ordered by contrast, phase, repetition, set, slice:");
        int i = 0;
        for (IsmrmrdFrameKey k : frames.keySet()) {
            s.append(i == 0 ? " " : ", ").append(i++).append('=').append(k);
        }
        return s.toString();
    }

    private static int nonImagingFlag(long flags) {
        for (int f : NOT_IMAGING) {
            if (flag(flags, f)) {
                return f;
            }
        }
        return 0;
    }

    private static boolean flag(long flags, int flag) {
        return (flags & (1L << (flag - 1))) != 0;
    }
}
