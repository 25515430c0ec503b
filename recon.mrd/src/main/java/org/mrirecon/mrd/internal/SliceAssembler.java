package org.mrirecon.mrd.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.mrirecon.api.KSpace;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.io.ismrmrd.CalibrationBlock;
import org.mrirecon.io.ismrmrd.IsmrmrdHeader;

/**
 * Gathers streamed acquisitions into slices and hands each slice over as soon as it is complete. The k-space and
 * sampling pattern of a slice are exactly those recon.io's ISMRMRD reader makes of the same acquisitions in a file
 * (tested on the same files): the same lines skipped (noise and other non-imaging scans, other encoding spaces), the
 * same placement (encoding step 1 about the header's centre, center_sample, discard_pre/post, reversed readouts
 * flipped), averages averaged, calibration-only lines filling positions no imaging line holds, the calibration block
 * from the ACQ_IS_PARALLEL_CALIBRATION(_AND_IMAGING) flags (else the centre run of acquired lines), readout
 * oversampling removed as recon.io does.
 *
 * <p>A slice is complete at a line flagged ACQ_LAST_IN_SLICE, unless the header states more averages and this is not
 * the last one (then the remaining averages still belong to it), and at the end of the stream for slices never so
 * flagged. A line for a slice that was already handed over starts that slice anew; {@link #reopened()} counts them.
 * Not thread-safe: one connection's reader thread uses it.
 */
public final class SliceAssembler {

    /** A complete slice: what a method receives, and the line whose geometry the image carries. */
    public record Slice(FrameKey key, KSpace kspace, SamplingPattern pattern, AcquisitionHeader reference,
            long reservedBytes) {
    }

    private final IsmrmrdHeader header;
    private final MemoryBudget.Account account;
    private final int nx;
    private final int ny;
    private final int outX;
    private final int centre;
    private final boolean declaresCalibration;
    private final Map<FrameKey, Frame> open = new TreeMap<>();
    private final Set<FrameKey> done = new HashSet<>();
    private int coils = -1;
    private int skipped;
    private int otherSpace;
    private int reopened;

    public SliceAssembler(IsmrmrdHeader header, MemoryBudget.Account account) throws StreamException {
        MrdHeader.checkCartesian2d(header);
        this.header = header;
        this.account = account;
        this.nx = header.encodedX;
        this.ny = header.encodedY;
        this.outX = header.outputX();
        this.centre = header.centreLine();
        this.declaresCalibration = header.calibrationMode != null && header.accelerationStep1 != null
                && header.accelerationStep1 > 1 && List.of("embedded", "interleaved", "separate")
                        .contains(header.calibrationMode.toLowerCase(Locale.ROOT));
    }

    /**
     * Adds one acquisition.
     *
     * @param samples interleaved complex samples, channel-major: {@code 2 * channels * samples} floats
     * @return the slice this line completed, or null
     */
    public Slice add(AcquisitionHeader h, float[] samples) throws StreamException {
        if (Mrd.nonImagingFlag(h.flags()) != 0) {
            skipped++;
            return null;
        }
        if (h.encodingSpaceRef() != 0) {
            otherSpace++;
            return null;
        }
        int channels = h.activeChannels();
        if (coils < 0) {
            if (channels == 0) {
                throw new StreamException(h + " has zero active channels: the stream holds no coil data");
            }
            if (header.receiverChannels != null && header.receiverChannels != channels) {
                throw new StreamException("the XML header declares " + header.receiverChannels
                        + " receiver channels but " + h + " holds " + channels
                        + ": header and data disagree on the coil count");
            }
            coils = channels;
        } else if (channels != coils) {
            throw new StreamException(h + " has " + channels + " active channels, earlier lines " + coils
                    + ": all imaging lines must come from the same coils");
        }
        if (h.step2() != 0) {
            throw new StreamException(h + " has kspace_encode_step_2 = " + h.step2()
                    + ": only 2-D encodings can be reconstructed");
        }
        long row = (long) h.step1() - centre + ny / 2;
        if (row < 0 || row >= ny) {
            throw new StreamException(h + " has kspace_encode_step_1 = " + h.step1() + ", outside the " + ny
                    + " encoded lines (centre " + centre + "): check encodedSpace matrixSize y and encodingLimits");
        }
        FrameKey key = h.frameKey();
        Frame f = open.get(key);
        if (f == null) {
            f = newFrame(key);
        }
        boolean calibrationOnly = h.flag(Mrd.IS_PARALLEL_CALIBRATION) && !h.flag(Mrd.IS_PARALLEL_CALIBRATION_AND_IMAGING);
        boolean calibration = calibrationOnly || h.flag(Mrd.IS_PARALLEL_CALIBRATION_AND_IMAGING);
        if (calibrationOnly && f.calibrationData == null) {
            account.reserve(Frame.bytes(coils, ny, outX), "the calibration lines of " + key);
            f.reservedBytes += Frame.bytes(coils, ny, outX);
            f.openCalibration();
        }
        f.add(h, samples, (int) row, nx, calibrationOnly, calibration);
        boolean lastAverage = header.averageMaximum == null || h.average() >= header.averageMaximum;
        if (h.flag(Mrd.LAST_IN_SLICE) && lastAverage) {
            open.remove(key);
            done.add(key);
            return complete(f);
        }
        return null;
    }

    /** Completes every open slice, in image order: the end of the stream. */
    public List<Slice> finishAll() throws StreamException {
        List<Slice> out = new ArrayList<>();
        while (!open.isEmpty()) {
            Frame f = open.remove(open.keySet().iterator().next());
            done.add(f.key);
            out.add(complete(f));
        }
        return out;
    }

    /** Returns every byte still reserved by open slices (the connection ends). */
    public void discard() {
        for (Frame f : open.values()) {
            account.release(f.reservedBytes);
        }
        open.clear();
    }

    public int coils() {
        return coils;
    }

    /** Non-imaging acquisitions (noise, navigators, ...) skipped so far. */
    public int skipped() {
        return skipped;
    }

    /** Acquisitions of encoding spaces other than the first, skipped so far. */
    public int otherSpace() {
        return otherSpace;
    }

    /** Lines that arrived for a slice already handed over and started it anew. */
    public int reopened() {
        return reopened;
    }

    private Frame newFrame(FrameKey key) throws StreamException {
        account.reserve(Frame.bytes(coils, ny, outX), "a new " + key + " of " + coils + " coils x " + ny + " x "
                + outX);
        if (done.contains(key)) {
            reopened++;
        }
        Frame f = new Frame(key, coils, ny, nx, outX);
        f.reservedBytes = Frame.bytes(coils, ny, outX);
        open.put(key, f);
        return f;
    }

    private Slice complete(Frame f) throws StreamException {
        f.finish();
        SamplingPattern p = f.anyCalibration() ? CalibrationBlock.fromFlags(f.acquired, f.calibration)
                : CalibrationBlock.aroundCentre(f.acquired);
        if (declaresCalibration && p.calibrationLines() == 0) {
            account.release(f.reservedBytes);
            throw new StreamException("the header declares " + header.calibrationMode + " calibration at R="
                    + header.accelerationStep1 + " but " + f.key + " has no line flagged "
                    + "ACQ_IS_PARALLEL_CALIBRATION(_AND_IMAGING): flag the calibration lines, or set calibrationMode "
                    + "to 'other' for data without calibration");
        }
        long kspaceBytes = Frame.bytes(coils, ny, outX);
        try {
            account.reserve(kspaceBytes, "the k-space of " + f.key);
        } catch (StreamException e) {
            account.release(f.reservedBytes);
            throw e;
        }
        KSpace k = KSpace.ofCoils(ny, outX, f.data); // readout oversampling went as the lines arrived (Frame)
        account.release(f.reservedBytes);
        return new Slice(f.key, k, p, f.reference, kspaceBytes);
    }
}
