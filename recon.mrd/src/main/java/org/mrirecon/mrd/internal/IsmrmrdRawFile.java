package org.mrirecon.mrd.internal;

import java.io.IOException;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

/**
 * The raw acquisitions of an ISMRMRD HDF5 file, every header field as stored, ready to stream: {@code <group>/xml}
 * and the compound {@code <group>/data} of (head, traj, data). The file is read whole (jhdf reads compounds whole);
 * its size is checked against a limit first.
 */
public final class IsmrmrdRawFile {

    /** One acquisition: header, trajectory (dimensions x samples) and samples (interleaved complex, channel-major). */
    public record Raw(AcquisitionHeader header, float[] trajectory, float[] samples) {
    }

    private enum Kind { U16, U32, U64, I32, F32 }

    /** Every field of ISMRMRD_AcquisitionHeader: name in the HDF5 compound, kind, offset, count. */
    private record Field(String name, Kind kind, int offset, int count) {
    }

    private static final Field[] HEAD = {
        new Field("version", Kind.U16, AcquisitionHeader.VERSION, 1),
        new Field("flags", Kind.U64, AcquisitionHeader.FLAGS, 1),
        new Field("measurement_uid", Kind.U32, AcquisitionHeader.MEASUREMENT_UID, 1),
        new Field("scan_counter", Kind.U32, AcquisitionHeader.SCAN_COUNTER, 1),
        new Field("acquisition_time_stamp", Kind.U32, AcquisitionHeader.ACQUISITION_TIME_STAMP, 1),
        new Field("physiology_time_stamp", Kind.U32, AcquisitionHeader.PHYSIOLOGY_TIME_STAMP, 3),
        new Field("number_of_samples", Kind.U16, AcquisitionHeader.NUMBER_OF_SAMPLES, 1),
        new Field("available_channels", Kind.U16, AcquisitionHeader.AVAILABLE_CHANNELS, 1),
        new Field("active_channels", Kind.U16, AcquisitionHeader.ACTIVE_CHANNELS, 1),
        new Field("channel_mask", Kind.U64, AcquisitionHeader.CHANNEL_MASK, 16),
        new Field("discard_pre", Kind.U16, AcquisitionHeader.DISCARD_PRE, 1),
        new Field("discard_post", Kind.U16, AcquisitionHeader.DISCARD_POST, 1),
        new Field("center_sample", Kind.U16, AcquisitionHeader.CENTER_SAMPLE, 1),
        new Field("encoding_space_ref", Kind.U16, AcquisitionHeader.ENCODING_SPACE_REF, 1),
        new Field("trajectory_dimensions", Kind.U16, AcquisitionHeader.TRAJECTORY_DIMENSIONS, 1),
        new Field("sample_time_us", Kind.F32, AcquisitionHeader.SAMPLE_TIME_US, 1),
        new Field("position", Kind.F32, AcquisitionHeader.POSITION, 3),
        new Field("read_dir", Kind.F32, AcquisitionHeader.READ_DIR, 3),
        new Field("phase_dir", Kind.F32, AcquisitionHeader.PHASE_DIR, 3),
        new Field("slice_dir", Kind.F32, AcquisitionHeader.SLICE_DIR, 3),
        new Field("patient_table_position", Kind.F32, AcquisitionHeader.PATIENT_TABLE_POSITION, 3),
        new Field("user_int", Kind.I32, AcquisitionHeader.USER_INT, 8),
        new Field("user_float", Kind.F32, AcquisitionHeader.USER_FLOAT, 8),
    };

    private static final Field[] IDX = {
        new Field("kspace_encode_step_1", Kind.U16, AcquisitionHeader.STEP1, 1),
        new Field("kspace_encode_step_2", Kind.U16, AcquisitionHeader.STEP2, 1),
        new Field("average", Kind.U16, AcquisitionHeader.AVERAGE, 1),
        new Field("slice", Kind.U16, AcquisitionHeader.SLICE, 1),
        new Field("contrast", Kind.U16, AcquisitionHeader.CONTRAST, 1),
        new Field("phase", Kind.U16, AcquisitionHeader.PHASE, 1),
        new Field("repetition", Kind.U16, AcquisitionHeader.REPETITION, 1),
        new Field("set", Kind.U16, AcquisitionHeader.SET, 1),
        new Field("segment", Kind.U16, AcquisitionHeader.SEGMENT, 1),
        new Field("user", Kind.U16, AcquisitionHeader.IDX_USER, 8),
    };

    private final String xml;
    private final List<Raw> acquisitions;

    private IsmrmrdRawFile(String xml, List<Raw> acquisitions) {
        this.xml = xml;
        this.acquisitions = acquisitions;
    }

    public String xml() {
        return xml;
    }

    public List<Raw> acquisitions() {
        return acquisitions;
    }

    /**
     * Reads the file.
     *
     * @param group the ISMRMRD group, or null for the only top-level group that holds {@code xml} and {@code data}
     * @param limit the largest file this reads (it is read whole, about twice its size in memory)
     */
    @SuppressWarnings("unchecked")
    public static IsmrmrdRawFile read(Path file, String group, long limit) throws IOException {
        long size = Files.size(file);
        if (size > limit) {
            throw new IOException(file + " has " + Sizes.human(size) + ", more than the " + Sizes.human(limit)
                    + " this client reads at once (the file is read whole): raise the JVM's heap (-Xmx)");
        }
        try (HdfFile hdf = new HdfFile(file)) {
            String g = group != null ? group : findGroup(file, hdf);
            Node xmlNode = node(hdf, g + "/xml");
            Node dataNode = node(hdf, g + "/data");
            if (!(xmlNode instanceof Dataset) || !(dataNode instanceof Dataset)) {
                throw new IOException(file + " has no ISMRMRD raw data in group '" + g + "' (" + g + "/xml and " + g
                        + "/data): give the scan's ISMRMRD file, or name its group");
            }
            Object x = ((Dataset) xmlNode).getData();
            String text = x instanceof String s ? s : x instanceof String[] a && a.length > 0 ? a[0] : null;
            if (text == null) {
                throw new IOException(file + ": " + g + "/xml is not text");
            }
            Object all = ((Dataset) dataNode).getData();
            if (!(all instanceof Map)) {
                throw new IOException(file + ": " + g + "/data is not a table of acquisitions (head, traj, data)");
            }
            Map<String, Object> m = (Map<String, Object>) all;
            Object headObject = m.get("head");
            Object[] traj = (Object[]) m.get("traj");
            Object[] data = (Object[]) m.get("data");
            if (!(headObject instanceof Map) || data == null || !(((Map<String, Object>) headObject).get("idx")
                    instanceof Map)) {
                throw new IOException(file + ": " + g + "/data does not follow the ISMRMRD acquisition layout");
            }
            Map<String, Object> head = (Map<String, Object>) headObject;
            Map<String, Object> idx = (Map<String, Object>) head.get("idx");
            List<Raw> out = new ArrayList<>(data.length);
            for (int i = 0; i < data.length; i++) {
                AcquisitionHeader h = AcquisitionHeader.blank();
                fill(h, head, HEAD, i, file);
                fill(h, idx, IDX, i, file);
                float[] samples = (float[]) data[i];
                float[] t = traj == null || traj[i] == null ? new float[0] : (float[]) traj[i];
                if (samples.length != 2L * h.activeChannels() * h.samples()
                        || t.length != (long) h.trajectoryDimensions() * h.samples()) {
                    throw new IOException(file + ": acquisition " + i + " holds " + samples.length + " floats of "
                            + "data and " + t.length + " of trajectory, its header says " + h.activeChannels()
                            + " channels x " + h.samples() + " samples and " + h.trajectoryDimensions()
                            + " trajectory dimensions: the file is corrupt");
                }
                out.add(new Raw(h, t, samples));
            }
            return new IsmrmrdRawFile(text, out);
        } catch (RuntimeException e) {
            throw new IOException(file + " cannot be read as ISMRMRD HDF5 (" + e + ")", e);
        }
    }

    private static String findGroup(Path file, HdfFile hdf) throws IOException {
        List<String> found = new ArrayList<>();
        for (Node n : hdf.getChildren().values()) {
            if (n instanceof Group grp && grp.getChildren().containsKey("xml") && grp.getChildren()
                    .containsKey("data")) {
                found.add(n.getName());
            }
        }
        if (found.size() != 1) {
            throw new IOException(file + (found.isEmpty() ? " has no group with ISMRMRD raw data (xml and data)"
                    : " has several groups with raw data " + found + ": name one"));
        }
        return found.get(0);
    }

    private static Node node(HdfFile hdf, String path) {
        try {
            return hdf.getByPath(path);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void fill(AcquisitionHeader h, Map<String, Object> columns, Field[] fields, int row, Path file)
            throws IOException {
        for (Field f : fields) {
            Object column = columns.get(f.name);
            if (column == null) {
                throw new IOException(file + ": the acquisition header has no field " + f.name);
            }
            Object cell = Array.get(column, row);
            for (int k = 0; k < f.count; k++) {
                Object v = f.count == 1 ? cell : Array.get(cell, k);
                int offset = f.offset + k * switch (f.kind) {
                    case U16 -> 2;
                    case U32, I32, F32 -> 4;
                    case U64 -> 8;
                };
                switch (f.kind) {
                    case U16 -> h.putU16(offset, (int) integer(v));
                    case U32 -> h.putU32(offset, integer(v));
                    case I32 -> h.putI32(offset, (int) integer(v));
                    case U64 -> h.putU64(offset, integer(v));
                    case F32 -> h.putFloat(offset, ((Number) v).floatValue());
                }
            }
        }
    }

    private static long integer(Object v) {
        return v instanceof BigInteger b ? b.longValue() : ((Number) v).longValue();
    }
}
