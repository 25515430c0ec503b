package org.mrirecon.io.internal;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.mrirecon.io.DataFormatException;

import io.jhdf.api.Dataset;
import io.jhdf.object.datatype.CompoundDataType;

/** The columns of the acquisition table that the reader uses, as jhdf returns them. */
final class IsmrmrdAcquisitions {
    final Path file;
    final int count;
    final long[] flags;
    final long[] samples;
    final long[] channels;
    final long[] centreSample;
    final long[] discardPre;
    final long[] discardPost;
    final long[] encodingSpace;
    final long[] step1;
    final long[] step2;
    final long[] contrast;
    final long[] phase;
    final long[] repetition;
    final long[] set;
    final long[] slice;
    final Object[] data;

    private IsmrmrdAcquisitions(Path file, Map<String, Object> head, Map<String, Object> idx, Object[] data)
            throws DataFormatException {
        this.file = file;
        this.data = data;
        this.count = data.length;
        flags = column(file, head, "flags");
        samples = column(file, head, "number_of_samples");
        channels = column(file, head, "active_channels");
        centreSample = column(file, head, "center_sample");
        discardPre = column(file, head, "discard_pre");
        discardPost = column(file, head, "discard_post");
        encodingSpace = column(file, head, "encoding_space_ref");
        step1 = column(file, idx, "kspace_encode_step_1");
        step2 = column(file, idx, "kspace_encode_step_2");
        contrast = column(file, idx, "contrast");
        phase = column(file, idx, "phase");
        repetition = column(file, idx, "repetition");
        set = column(file, idx, "set");
        slice = column(file, idx, "slice");
    }

    @SuppressWarnings("unchecked")
    static IsmrmrdAcquisitions read(Path file, Dataset d, String name) throws DataFormatException {
        if (!(d.getDataType() instanceof CompoundDataType)) {
            throw new DataFormatException(file, "dataset " + name + " is not a table of acquisitions",
                    "ISMRMRD stores acquisitions as a compound of head, traj and data");
        }
        if (d.getSize() == 0) {
            throw noAcquisitions(file, name);
        }
        Object all;
        try {
            all = d.getData();
        } catch (RuntimeException e) {
            throw Hdf5.corrupt(file, "the acquisitions in " + name + " cannot be read", e);
        }
        if (all == null) {
            throw noAcquisitions(file, name);
        }
        Map<String, Object> m = (Map<String, Object>) all;
        if (!(m.get("head") instanceof Map) || !(m.get("data") instanceof Object[])) {
            throw new DataFormatException(file, "dataset " + name + " lacks the head or data member",
                    "ISMRMRD stores acquisitions as a compound of head, traj and data");
        }
        Map<String, Object> head = (Map<String, Object>) m.get("head");
        if (!(head.get("idx") instanceof Map)) {
            throw new DataFormatException(file, "the acquisition header lacks its idx counters",
                    "the file does not follow the ISMRMRD AcquisitionHeader layout");
        }
        Object[] data = (Object[]) m.get("data");
        if (data.length == 0) {
            throw noAcquisitions(file, name);
        }
        return new IsmrmrdAcquisitions(file, head, (Map<String, Object>) head.get("idx"), data);
    }

    private static DataFormatException noAcquisitions(Path file, String name) {
        return new DataFormatException(file, "dataset " + name + " holds no acquisitions (0 rows)",
                "the file holds no raw data (the export stopped before the first line?): give the scan's raw-data "
                        + "file");
    }

    IsmrmrdFrameKey frameKey(int i) {
        return new IsmrmrdFrameKey((int) contrast[i], (int) phase[i], (int) repetition[i], (int) set[i],
                (int) slice[i]);
    }

    void checkLength(int i) throws DataFormatException {
        int len = data[i] instanceof float[] ? ((float[]) data[i]).length : -1;
        if (len != 2 * channels[i] * samples[i]) {
            throw new DataFormatException(file, "acquisition " + i + " holds " + len + " floats but its header "
                    + "says " + channels[i] + " channels x " + samples[i] + " complex samples",
                    "the acquisition is corrupt: re-export the file");
        }
    }

    /** Adds line i (its data is [channel][sample] interleaved complex) into row ky of the target. */
    void addLine(int i, float[][] target, int ky, int nx, boolean reverse)
            throws DataFormatException {
        float[] d = (float[]) data[i];
        int ns = (int) samples[i];
        int offset = nx / 2 - (int) centreSample[i];
        int first = (int) discardPre[i];
        int end = ns - (int) discardPost[i];
        if (first + offset < 0 || end - 1 + offset >= nx || first >= end) {
            throw new DataFormatException(file, "acquisition " + i + ": samples [" + first + ", " + end
                    + ") of " + ns + " centred at sample " + centreSample[i] + " do not fit the " + nx
                    + " encoded readout samples", "check center_sample, discard_pre/post and encodedSpace x");
        }
        for (int c = 0; c < target.length; c++) {
            float[] row = target[c];
            for (int s = first; s < end; s++) {
                int src = 2 * (c * ns + (reverse ? ns - 1 - s : s));
                float re = d[src];
                float im = d[src + 1];
                if (!Float.isFinite(re) || !Float.isFinite(im)) {
                    throw Problems.nonFinite(file, Float.isFinite(re) ? im : re, "acquisition " + i
                            + " (kspace_encode_step_1 " + step1[i] + "), channel " + c + ", sample " + s);
                }
                int dst = 2 * (ky * nx + s + offset);
                row[dst] += re;
                row[dst + 1] += im;
            }
        }
    }

    private static long[] column(Path file, Map<String, Object> m, String name) throws DataFormatException {
        Object v = m.get(name);
        if (v instanceof long[]) {
            return (long[]) v;
        }
        if (v instanceof int[]) {
            return Arrays.stream((int[]) v).asLongStream().toArray();
        }
        if (v instanceof BigInteger[]) {
            BigInteger[] b = (BigInteger[]) v;
            long[] out = new long[b.length];
            for (int i = 0; i < b.length; i++) {
                out[i] = b[i].longValue();
            }
            return out;
        }
        if (v instanceof short[]) {
            short[] s = (short[]) v;
            long[] out = new long[s.length];
            for (int i = 0; i < s.length; i++) {
                out[i] = s[i];
            }
            return out;
        }
        throw new DataFormatException(file, "the acquisition header lacks the integer field " + name,
                "the file does not follow the ISMRMRD AcquisitionHeader layout");
    }
}
