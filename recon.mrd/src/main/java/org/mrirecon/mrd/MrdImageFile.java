package org.mrirecon.mrd;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mrirecon.mrd.internal.ImageHeader;
import org.osgi.annotation.versioning.ProviderType;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;

/**
 * Images as an HDF5 file in ISMRMRD's image layout, as far as jhdf 0.10 (pure Java) can write it. jhdf writes
 * numeric arrays and strings but no compound types, so the one difference from the files ISMRMRD's C library writes
 * is the header: not one compound dataset but the 198 header bytes of every image plus one array per header field.
 *
 * <pre>
 * /dataset/xml                          the MRD XML header the images were made from (string)
 * /dataset/image_K/data                 float32 [images, channels, z, y, x] (complex: a last axis of 2, re and im)
 * /dataset/image_K/attributes           string [images]: each image's MetaContainer XML
 * /dataset/image_K/header_bytes         int8 [images, 198]: ISMRMRD_ImageHeader exactly as sent (little-endian;
 *                                       numpy: np.frombuffer(b.tobytes(), dtype=ismrmrd.hdf5.image_header_dtype))
 * /dataset/image_K/header/FIELD         one array per ImageHeader field, [images] or [images, n] (unsigned fields in
 *                                       the next wider signed type: uint16 as int32, uint32 and uint64 as int64)
 * </pre>
 * Images of one shape (x, y, z, channels, complex or not) go into one {@code image_K} group, K counting shapes in the
 * order they first occur.
 */
@ProviderType
public final class MrdImageFile {

    private static final String ROOT = "dataset";

    private MrdImageFile() {
    }

    /** Writes the images (replacing the file). */
    public static void write(Path file, String xml, List<MrdImage> images) throws IOException {
        Map<String, List<MrdImage>> groups = new LinkedHashMap<>();
        for (MrdImage img : images) {
            String shape = img.cols() + "x" + img.rows() + "x" + img.depth() + "x" + img.channels() + "x"
                    + img.isComplex();
            groups.computeIfAbsent(shape, k -> new ArrayList<>()).add(img);
        }
        Files.deleteIfExists(file);
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            WritableGroup root = hdf.putGroup(ROOT);
            root.putDataset("xml", xml == null ? "" : xml);
            int k = 0;
            for (List<MrdImage> group : groups.values()) {
                writeGroup(root.putGroup("image_" + k++), group);
            }
        } catch (RuntimeException e) {
            throw new IOException("cannot write " + file + " (" + e + ")", e);
        }
    }

    /** Reads the images of every {@code image_K} group back, group by group in order. */
    public static List<MrdImage> read(Path file) throws IOException {
        List<MrdImage> out = new ArrayList<>();
        try (HdfFile hdf = new HdfFile(file)) {
            for (int k = 0;; k++) {
                Node headers = node(hdf, "/" + ROOT + "/image_" + k + "/header_bytes");
                if (!(headers instanceof Dataset)) {
                    return out;
                }
                Object h = ((Dataset) headers).getData();
                Object a = ((Dataset) hdf.getByPath("/" + ROOT + "/image_" + k + "/attributes")).getData();
                Object d = ((Dataset) hdf.getByPath("/" + ROOT + "/image_" + k + "/data")).getData();
                for (int i = 0; i < Array.getLength(h); i++) {
                    Object pixels = Array.get(d, i);
                    float[] px = new float[count(pixels)];
                    flatten(pixels, px, 0);
                    out.add(MrdImage.of((byte[]) Array.get(h, i), (String) Array.get(a, i), px));
                }
            }
        } catch (RuntimeException e) {
            throw new IOException("cannot read images from " + file + " (" + e + ")", e);
        }
    }

    /** The MRD XML header stored with the images. */
    public static String readXml(Path file) throws IOException {
        try (HdfFile hdf = new HdfFile(file)) {
            Object x = ((Dataset) hdf.getByPath("/" + ROOT + "/xml")).getData();
            return x instanceof String[] s ? s[0] : (String) x;
        } catch (RuntimeException e) {
            throw new IOException("cannot read the XML header from " + file + " (" + e + ")", e);
        }
    }

    private static void writeGroup(WritableGroup g, List<MrdImage> images) {
        int n = images.size();
        MrdImage first = images.get(0);
        int c = Math.max(1, first.channels());
        int z = Math.max(1, first.depth());
        int y = first.rows();
        int x = first.cols();
        boolean complex = first.isComplex();
        Object data = complex ? new float[n][c][z][y][x][2] : new float[n][c][z][y][x];
        String[] attributes = new String[n];
        byte[][] raw = new byte[n][];
        for (int i = 0; i < n; i++) {
            MrdImage img = images.get(i);
            float[] px = img.pixels();
            int p = 0;
            for (int ci = 0; ci < c; ci++) {
                for (int zi = 0; zi < z; zi++) {
                    for (int yi = 0; yi < y; yi++) {
                        Object row = Array.get(Array.get(Array.get(Array.get(data, i), ci), zi), yi);
                        for (int xi = 0; xi < x; xi++) {
                            if (complex) {
                                float[] v = ((float[][]) row)[xi];
                                v[0] = px[p++];
                                v[1] = px[p++];
                            } else {
                                ((float[]) row)[xi] = px[p++];
                            }
                        }
                    }
                }
            }
            attributes[i] = img.attributeText();
            raw[i] = img.header();
        }
        g.putDataset("data", data);
        g.putDataset("attributes", attributes);
        g.putDataset("header_bytes", raw);
        writeHeaderFields(g.putGroup("header"), raw);
    }

    /** One array per ImageHeader field, decoded from the header bytes. */
    private static void writeHeaderFields(WritableGroup h, byte[][] raw) {
        int n = raw.length;
        ByteBuffer[] b = new ByteBuffer[n];
        for (int i = 0; i < n; i++) {
            b[i] = ByteBuffer.wrap(raw[i]).order(ByteOrder.LITTLE_ENDIAN);
        }
        h.putDataset("version", u16(b, ImageHeader.VERSION, 1));
        h.putDataset("data_type", u16(b, ImageHeader.DATA_TYPE, 1));
        long[] flags = new long[n];
        for (int i = 0; i < n; i++) {
            flags[i] = b[i].getLong(ImageHeader.FLAGS);
        }
        h.putDataset("flags", flags);
        h.putDataset("measurement_uid", u32(b, ImageHeader.MEASUREMENT_UID, 1));
        h.putDataset("matrix_size", u16(b, ImageHeader.MATRIX_SIZE, 3));
        h.putDataset("field_of_view", f32(b, ImageHeader.FIELD_OF_VIEW, 3));
        h.putDataset("channels", u16(b, ImageHeader.CHANNELS, 1));
        h.putDataset("position", f32(b, ImageHeader.POSITION, 3));
        h.putDataset("read_dir", f32(b, ImageHeader.READ_DIR, 3));
        h.putDataset("phase_dir", f32(b, ImageHeader.PHASE_DIR, 3));
        h.putDataset("slice_dir", f32(b, ImageHeader.SLICE_DIR, 3));
        h.putDataset("patient_table_position", f32(b, ImageHeader.PATIENT_TABLE_POSITION, 3));
        h.putDataset("average", u16(b, ImageHeader.AVERAGE, 1));
        h.putDataset("slice", u16(b, ImageHeader.SLICE, 1));
        h.putDataset("contrast", u16(b, ImageHeader.CONTRAST, 1));
        h.putDataset("phase", u16(b, ImageHeader.PHASE, 1));
        h.putDataset("repetition", u16(b, ImageHeader.REPETITION, 1));
        h.putDataset("set", u16(b, ImageHeader.SET, 1));
        h.putDataset("acquisition_time_stamp", u32(b, ImageHeader.ACQUISITION_TIME_STAMP, 1));
        h.putDataset("physiology_time_stamp", u32(b, ImageHeader.PHYSIOLOGY_TIME_STAMP, 3));
        h.putDataset("image_type", u16(b, ImageHeader.IMAGE_TYPE, 1));
        h.putDataset("image_index", u16(b, ImageHeader.IMAGE_INDEX, 1));
        h.putDataset("image_series_index", u16(b, ImageHeader.IMAGE_SERIES_INDEX, 1));
        int[][] userInt = new int[n][8];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 8; k++) {
                userInt[i][k] = b[i].getInt(ImageHeader.USER_INT + 4 * k);
            }
        }
        h.putDataset("user_int", userInt);
        h.putDataset("user_float", f32(b, ImageHeader.USER_FLOAT, 8));
        h.putDataset("attribute_string_len", u32(b, ImageHeader.ATTRIBUTE_STRING_LEN, 1));
    }

    /** [n] for one value per image, [n][count] otherwise. */
    private static Object u16(ByteBuffer[] b, int offset, int count) {
        int[][] v = new int[b.length][count];
        for (int i = 0; i < b.length; i++) {
            for (int k = 0; k < count; k++) {
                v[i][k] = b[i].getShort(offset + 2 * k) & 0xFFFF;
            }
        }
        return count == 1 ? column(v) : v;
    }

    private static Object u32(ByteBuffer[] b, int offset, int count) {
        long[][] v = new long[b.length][count];
        for (int i = 0; i < b.length; i++) {
            for (int k = 0; k < count; k++) {
                v[i][k] = b[i].getInt(offset + 4 * k) & 0xFFFFFFFFL;
            }
        }
        if (count > 1) {
            return v;
        }
        long[] c = new long[b.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = v[i][0];
        }
        return c;
    }

    private static float[][] f32(ByteBuffer[] b, int offset, int count) {
        float[][] v = new float[b.length][count];
        for (int i = 0; i < b.length; i++) {
            for (int k = 0; k < count; k++) {
                v[i][k] = b[i].getFloat(offset + 4 * k);
            }
        }
        return v;
    }

    private static int[] column(int[][] v) {
        int[] c = new int[v.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = v[i][0];
        }
        return c;
    }

    private static int count(Object a) {
        return a instanceof float[] f ? f.length : Array.getLength(a) * count(Array.get(a, 0));
    }

    private static int flatten(Object a, float[] out, int pos) {
        if (a instanceof float[] f) {
            System.arraycopy(f, 0, out, pos, f.length);
            return pos + f.length;
        }
        for (int i = 0; i < Array.getLength(a); i++) {
            pos = flatten(Array.get(a, i), out, pos);
        }
        return pos;
    }

    private static Node node(HdfFile hdf, String path) {
        try {
            return hdf.getByPath(path);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
