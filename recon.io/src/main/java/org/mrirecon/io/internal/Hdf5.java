package org.mrirecon.io.internal;

import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.mrirecon.io.DataFormatException;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.links.ExternalLink;
import io.jhdf.object.datatype.CompoundDataType;
import io.jhdf.object.datatype.CompoundDataType.CompoundDataMember;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.EnumDataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.message.DataLayout;

/** The jhdf calls the HDF5 readers share, with jhdf's runtime exceptions turned into one-line errors. */
public final class Hdf5 {

    private Hdf5() {
    }

    /**
     * Opens the file read-only (jhdf reads through a read-only channel) and checks, as libhdf5 does, that it is as
     * long as its superblock says: jhdf alone would read a truncated file as far as its objects go.
     */
    public static HdfFile open(Path file, long fileSize) throws DataFormatException {
        HdfFile hdf;
        try {
            hdf = new HdfFile(file);
        } catch (RuntimeException e) {
            throw corrupt(file, "its HDF5 structure cannot be read", e);
        }
        // libhdf5 writes the end-of-file address counting a user block, i.e. as the file's length
        long end = hdf.getHdfBackingStorage().getSuperblock().getEndOfFileAddress();
        if (end > fileSize) {
            hdf.close();
            throw new DataFormatException(file, "the HDF5 superblock says the file ends at byte " + end + " but it has "
                    + fileSize + " bytes", "the file is truncated: copy it again from its source");
        }
        return hdf;
    }

    /**
     * The dataset at {@code path}, or null when there is none (or a group is there). Soft links inside the file are
     * followed; an external link (the data lies in another file) and a soft link to nothing are refused with a
     * one-line error: the file alone does not hold the data.
     */
    public static Dataset dataset(Path file, HdfFile hdf, String path) throws DataFormatException {
        // look the name up in its group without resolving it: jhdf would open an external link's file
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        int slash = trimmed.lastIndexOf('/');
        Node n;
        try {
            Node parent = slash < 0 ? hdf : hdf.getByPath(trimmed.substring(0, slash));
            if (!(parent instanceof Group)) {
                return null;
            }
            n = ((Group) parent).getChildren().get(trimmed.substring(slash + 1));
        } catch (RuntimeException e) {
            return null;
        }
        for (int hops = 0; n instanceof Link && hops < 32; hops++) {
            n = follow(file, path, (Link) n);
        }
        return n instanceof Dataset ? (Dataset) n : null;
    }

    private static Node follow(Path file, String path, Link link) throws DataFormatException {
        String name = path.startsWith("/") ? path.substring(1) : path;
        if (link instanceof ExternalLink) {
            throw new DataFormatException(file, name + " is an external HDF5 link to " + link.getTargetPath()
                    + ": the data lies in another file, which this reader does not open",
                    "store the linked data in the file itself (h5copy it in place of the link) or give the file "
                            + "that holds it, if it is a complete raw-data file");
        }
        Node target = null;
        try {
            target = link.isBrokenLink() ? null : link.getTarget();
        } catch (RuntimeException e) {
            target = null;
        }
        if (target == null) {
            throw new DataFormatException(file, name + " is a soft link to " + link.getTargetPath()
                    + ", which does not exist in the file", "the file is incomplete: re-export it with the data");
        }
        return target;
    }

    /** True for a compound of two floating-point members: how h5py and ISMRMRD store complex numbers. */
    public static boolean isComplex(Dataset d) {
        if (!(d.getDataType() instanceof CompoundDataType)) {
            return false;
        }
        List<CompoundDataMember> members = ((CompoundDataType) d.getDataType()).getMembers();
        return members.size() == 2 && members.get(0).getDataType() instanceof FloatingPoint
                && members.get(1).getDataType() instanceof FloatingPoint;
    }

    /**
     * Checks a dataset's declared size before it is read: decoded, it must fit the limit; stored contiguously and
     * uncompressed, it must fit in the file.
     */
    public static void checkSize(Path file, String name, Dataset d, long decodedBytesPerElement, long limit,
            long fileSize) throws DataFormatException {
        long[] dims = Arrays.stream(d.getDimensions()).asLongStream().toArray();
        long n = Problems.product(dims);
        long bytes = n < 0 || n > Long.MAX_VALUE / decodedBytesPerElement ? -1 : n * decodedBytesPerElement;
        Problems.checkSize(file, "dataset " + name + " of shape " + Arrays.toString(dims), bytes, limit);
        if (d.getDataLayout() == DataLayout.CONTIGUOUS) {
            Problems.checkStored(file, "dataset " + name, d.getSizeInBytes(), fileSize);
        }
    }

    /** Reads a block of a complex dataset as interleaved (re, im) floats in C order. */
    public static float[] complexBlock(Path file, String name, Dataset d, long[] offset, int[] dims)
            throws DataFormatException {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> parts = (Map<String, Object>) d.getData(offset, dims);
            List<CompoundDataMember> members = ((CompoundDataType) d.getDataType()).getMembers();
            int n = Math.toIntExact(Problems.product(Arrays.stream(dims).asLongStream().toArray()));
            float[] re = flatten(parts.get(members.get(0).getName()), n);
            float[] im = flatten(parts.get(members.get(1).getName()), n);
            float[] out = new float[2 * n];
            for (int i = 0; i < n; i++) {
                out[2 * i] = re[i];
                out[2 * i + 1] = im[i];
            }
            return out;
        } catch (RuntimeException e) {
            throw corrupt(file, "dataset " + name + " cannot be read", e);
        }
    }

    /**
     * Reads a whole numeric dataset as floats in C order. Enumerations (h5py stores numpy.bool_ as the enum
     * FALSE = 0, TRUE = 1) give their members' values, booleans 0 or 1.
     */
    public static float[] realArray(Path file, String name, Dataset d) throws DataFormatException {
        try {
            int n = Math.toIntExact(d.getSize());
            Map<String, Integer> members = null;
            if (d.getDataType() instanceof EnumDataType) {
                members = new java.util.HashMap<>();
                for (Map.Entry<Integer, String> e : ((EnumDataType) d.getDataType()).getEnumMapping().entrySet()) {
                    members.put(e.getValue(), e.getKey());
                }
            }
            return flatten(d.getData(), n, members);
        } catch (RuntimeException e) {
            throw corrupt(file, "dataset " + name + " cannot be read", e);
        }
    }

    /** A dataset's element type in numpy's words (float32, uint8, a compound's members, an enum's names). */
    public static String describe(Dataset d) {
        DataType t = d.getDataType();
        if (t instanceof EnumDataType) {
            return "HDF5 enum " + ((EnumDataType) t).getEnumMapping().values()
                    + (((EnumDataType) t).getEnumMapping().containsValue("TRUE") ? ", as h5py stores bool" : "");
        }
        if (t instanceof FloatingPoint) {
            return "float" + 8 * t.getSize();
        }
        if (t instanceof FixedPoint) {
            return (((FixedPoint) t).isSigned() ? "int" : "uint") + 8 * t.getSize();
        }
        if (t instanceof CompoundDataType) {
            List<String> names = new java.util.ArrayList<>();
            for (CompoundDataMember m : ((CompoundDataType) t).getMembers()) {
                names.add(m.getName());
            }
            return "a compound of " + names.size() + " members " + names;
        }
        return d.getJavaType().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    /** True for a dataset of numbers: integers, floating point, enumerations of integers (booleans). */
    public static boolean isNumeric(Dataset d) {
        return d.getDataType() instanceof FloatingPoint || d.getDataType() instanceof FixedPoint
                || d.getDataType() instanceof EnumDataType;
    }

    /** Reads a text dataset (scalar or one-element string, as ISMRMRD and fastMRI store their XML headers). */
    public static String text(Path file, String name, Dataset d) throws DataFormatException {
        Object v;
        try {
            v = d.getData();
        } catch (RuntimeException e) {
            throw corrupt(file, "dataset " + name + " cannot be read", e);
        }
        if (v instanceof String) {
            return (String) v;
        }
        if (v instanceof String[] && ((String[]) v).length >= 1) {
            return ((String[]) v)[0];
        }
        throw new DataFormatException(file, "dataset " + name + " is not text (it holds "
                + d.getJavaType().getSimpleName() + ")", "store the XML header as a string, as ISMRMRD and fastMRI do");
    }

    /** An attribute's value as text (arrays as a bracketed list). */
    public static String attributeText(Attribute a) {
        Object v = a.getData();
        if (v != null && v.getClass().isArray()) {
            StringBuilder s = new StringBuilder("[");
            for (int i = 0; i < Array.getLength(v); i++) {
                s.append(i == 0 ? "" : ", ").append(Array.get(v, i));
            }
            return s.append(']').toString();
        }
        return String.valueOf(v);
    }

    /** A one-line error for a jhdf failure: jhdf's message plus what to do. */
    public static DataFormatException corrupt(Path file, String what, RuntimeException e) {
        return new DataFormatException(file, what + " (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")",
                "the file is truncated or damaged: copy it again, or check it with h5dump", e);
    }

    /** Flattens a (multi-dimensional) primitive array in C order into {@code n} floats. */
    static float[] flatten(Object array, int n) {
        return flatten(array, n, null);
    }

    /** As {@link #flatten(Object, int)}, with the values of an enumeration's member names. */
    static float[] flatten(Object array, int n, Map<String, Integer> members) {
        float[] out = new float[n];
        int filled = fill(array, out, 0, members);
        if (filled != n) {
            throw new IllegalStateException("read " + filled + " values, expected " + n);
        }
        return out;
    }

    private static int fill(Object a, float[] out, int pos, Map<String, Integer> members) {
        if (a instanceof float[]) {
            float[] f = (float[]) a;
            System.arraycopy(f, 0, out, pos, f.length);
            return pos + f.length;
        }
        if (a instanceof double[]) {
            for (double v : (double[]) a) {
                out[pos++] = (float) v;
            }
            return pos;
        }
        if (a instanceof Object[]) {
            for (Object o : (Object[]) a) {
                pos = fill(o, out, pos, members);
            }
            return pos;
        }
        if (a != null && a.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(a); i++) {
                out[pos++] = toFloat(Array.get(a, i));
            }
            return pos;
        }
        if (a instanceof String && members != null && members.containsKey(a)) {
            out[pos] = members.get(a);
            return pos + 1;
        }
        if (a instanceof Number || a instanceof Boolean) {
            out[pos] = toFloat(a);
            return pos + 1;
        }
        throw new IllegalStateException("not a numeric array: " + (a == null ? "null" : a.getClass().getSimpleName()));
    }

    private static float toFloat(Object o) {
        return o instanceof Boolean ? (((Boolean) o) ? 1f : 0f) : ((Number) o).floatValue();
    }
}
