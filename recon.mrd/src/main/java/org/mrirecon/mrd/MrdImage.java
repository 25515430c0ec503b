package org.mrirecon.mrd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

import org.mrirecon.mrd.internal.ImageHeader;
import org.mrirecon.mrd.internal.MetaAttributes;
import org.mrirecon.mrd.internal.Mrd;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An MRD image as received: the 198-byte ISMRMRD ImageHeader, the MetaContainer attributes and the pixels as
 * float32 (converted from the sent data type; complex types interleaved re, im). Pixels run x (readout) fastest,
 * then y, z and channels, as ISMRMRD stores them. Immutable.
 */
@ProviderType
public final class MrdImage {

    private final byte[] header;
    private final String attributes;
    private final float[] pixels;
    private final Map<String, List<String>> meta;

    private MrdImage(byte[] header, String attributes, float[] pixels, Map<String, List<String>> meta) {
        this.header = header;
        this.attributes = attributes;
        this.pixels = pixels;
        this.meta = meta;
    }

    /**
     * An image from its parts.
     *
     * @param header     the 198-byte ImageHeader, little-endian
     * @param attributes MetaContainer XML (may be empty)
     * @param pixels     float32 pixels: as many as the header's matrix, channels and data type say
     * @throws IOException if the sizes disagree or the attributes are not a MetaContainer
     */
    public static MrdImage of(byte[] header, String attributes, float[] pixels) throws IOException {
        if (header == null || header.length != Mrd.IMAGE_HEADER_BYTES) {
            throw new IOException("an image header has " + Mrd.IMAGE_HEADER_BYTES + " bytes, got "
                    + (header == null ? 0 : header.length));
        }
        MrdImage img = new MrdImage(header.clone(), attributes == null ? "" : attributes, pixels.clone(),
                Map.copyOf(MetaAttributes.parse(attributes)));
        long expected = img.pixelCount() * (img.isComplex() ? 2 : 1);
        if (pixels.length != expected) {
            throw new IOException("the image header describes " + expected + " values, the image holds "
                    + pixels.length);
        }
        return img;
    }

    /** A copy of the 198 header bytes. */
    public byte[] header() {
        return header.clone();
    }

    public int dataType() {
        return u16(ImageHeader.DATA_TYPE);
    }

    public boolean isComplex() {
        return dataType() == Mrd.DATA_CXFLOAT || dataType() == Mrd.DATA_CXDOUBLE;
    }

    /** matrix_size[0]: pixels along the readout (x). */
    public int cols() {
        return u16(ImageHeader.MATRIX_SIZE);
    }

    /** matrix_size[1]: pixels along phase-encode (y). */
    public int rows() {
        return u16(ImageHeader.MATRIX_SIZE + 2);
    }

    /** matrix_size[2]. */
    public int depth() {
        return u16(ImageHeader.MATRIX_SIZE + 4);
    }

    public int channels() {
        return u16(ImageHeader.CHANNELS);
    }

    /** Pixels per channel times channels: {@code cols * rows * depth * channels}. */
    public long pixelCount() {
        return (long) cols() * rows() * Math.max(1, depth()) * Math.max(1, channels());
    }

    public long measurementUid() {
        return buffer().getInt(ImageHeader.MEASUREMENT_UID) & 0xFFFFFFFFL;
    }

    /** Field of view in mm (x, y, z). */
    public float[] fieldOfView() {
        return floats(ImageHeader.FIELD_OF_VIEW, 3);
    }

    public float[] position() {
        return floats(ImageHeader.POSITION, 3);
    }

    public float[] readDir() {
        return floats(ImageHeader.READ_DIR, 3);
    }

    public float[] phaseDir() {
        return floats(ImageHeader.PHASE_DIR, 3);
    }

    public float[] sliceDir() {
        return floats(ImageHeader.SLICE_DIR, 3);
    }

    public float[] patientTablePosition() {
        return floats(ImageHeader.PATIENT_TABLE_POSITION, 3);
    }

    public int average() {
        return u16(ImageHeader.AVERAGE);
    }

    public int slice() {
        return u16(ImageHeader.SLICE);
    }

    public int contrast() {
        return u16(ImageHeader.CONTRAST);
    }

    public int phase() {
        return u16(ImageHeader.PHASE);
    }

    public int repetition() {
        return u16(ImageHeader.REPETITION);
    }

    public int set() {
        return u16(ImageHeader.SET);
    }

    public long acquisitionTimeStamp() {
        return buffer().getInt(ImageHeader.ACQUISITION_TIME_STAMP) & 0xFFFFFFFFL;
    }

    /** The 3 physiology time stamps. */
    public long[] physiologyTimeStamps() {
        long[] t = new long[3];
        for (int i = 0; i < 3; i++) {
            t[i] = buffer().getInt(ImageHeader.PHYSIOLOGY_TIME_STAMP + 4 * i) & 0xFFFFFFFFL;
        }
        return t;
    }

    /** 1 magnitude, 2 phase, 3 real, 4 imaginary, 5 complex. */
    public int imageType() {
        return u16(ImageHeader.IMAGE_TYPE);
    }

    public int imageIndex() {
        return u16(ImageHeader.IMAGE_INDEX);
    }

    public int imageSeriesIndex() {
        return u16(ImageHeader.IMAGE_SERIES_INDEX);
    }

    /** The attributes as sent (MetaContainer XML). */
    public String attributeText() {
        return attributes;
    }

    /** The attributes, name to values; unmodifiable. */
    public Map<String, List<String>> attributes() {
        return meta;
    }

    /** The first value of an attribute, or null. */
    public String attribute(String name) {
        List<String> v = meta.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** A copy of the pixels as float32. */
    public float[] pixels() {
        return pixels.clone();
    }

    @Override
    public String toString() {
        return "MrdImage[" + cols() + "x" + rows() + ", slice " + slice() + ", repetition " + repetition()
                + ", contrast " + contrast() + ", type " + dataType() + "]";
    }

    private ByteBuffer buffer() {
        return ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
    }

    private int u16(int offset) {
        return buffer().getShort(offset) & 0xFFFF;
    }

    private float[] floats(int offset, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = buffer().getFloat(offset + 4 * i);
        }
        return f;
    }
}
