package org.mrirecon.mrd.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The 198-byte ISMRMRD_ImageHeader ({@code #pragma pack(2)}): offsets, and the header of a reconstructed slice. */
public final class ImageHeader {

    public static final int VERSION = 0;
    public static final int DATA_TYPE = 2;
    public static final int FLAGS = 4;
    public static final int MEASUREMENT_UID = 12;
    public static final int MATRIX_SIZE = 16; // uint16[3]
    public static final int FIELD_OF_VIEW = 22; // float[3]
    public static final int CHANNELS = 34;
    public static final int POSITION = 36; // float[3], then read_dir, phase_dir, slice_dir, patient_table_position
    public static final int READ_DIR = 48;
    public static final int PHASE_DIR = 60;
    public static final int SLICE_DIR = 72;
    public static final int PATIENT_TABLE_POSITION = 84;
    public static final int AVERAGE = 96;
    public static final int SLICE = 98;
    public static final int CONTRAST = 100;
    public static final int PHASE = 102;
    public static final int REPETITION = 104;
    public static final int SET = 106;
    public static final int ACQUISITION_TIME_STAMP = 108;
    public static final int PHYSIOLOGY_TIME_STAMP = 112; // uint32[3]
    public static final int IMAGE_TYPE = 124;
    public static final int IMAGE_INDEX = 126;
    public static final int IMAGE_SERIES_INDEX = 128;
    public static final int USER_INT = 130; // int32[8]
    public static final int USER_FLOAT = 162; // float[8]
    public static final int ATTRIBUTE_STRING_LEN = 194;

    private ImageHeader() {
    }

    /**
     * The header of one reconstructed 2-D magnitude image: matrix and field of view of the output, the slice's
     * loop counters, and position, orientation, table position and time stamps copied from the acquisition
     * nearest the slice's k-space centre.
     *
     * @param fov field of view in mm (x = readout, y = phase-encode, z = slice)
     */
    public static byte[] of(AcquisitionHeader reference, FrameKey key, int cols, int rows, float[] fov,
            int dataType, int imageIndex, int series, int attributeBytes) {
        ByteBuffer b = ByteBuffer.allocate(Mrd.IMAGE_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(VERSION, (short) 1);
        b.putShort(DATA_TYPE, (short) dataType);
        b.putShort(MATRIX_SIZE, (short) cols).putShort(MATRIX_SIZE + 2, (short) rows).putShort(MATRIX_SIZE + 4,
                (short) 1);
        for (int i = 0; i < 3; i++) {
            b.putFloat(FIELD_OF_VIEW + 4 * i, fov[i]);
        }
        b.putShort(CHANNELS, (short) 1);
        byte[] out = b.array();
        reference.copy(AcquisitionHeader.MEASUREMENT_UID, out, MEASUREMENT_UID, 4);
        // position, read_dir, phase_dir, slice_dir and patient_table_position are 5 x 3 floats in both headers
        reference.copy(AcquisitionHeader.POSITION, out, POSITION, 60);
        // acquisition_time_stamp and the 3 physiology time stamps follow each other in both headers
        reference.copy(AcquisitionHeader.ACQUISITION_TIME_STAMP, out, ACQUISITION_TIME_STAMP, 16);
        b.putShort(SLICE, (short) key.slice()).putShort(CONTRAST, (short) key.contrast())
                .putShort(PHASE, (short) key.phase()).putShort(REPETITION, (short) key.repetition())
                .putShort(SET, (short) key.set());
        b.putShort(IMAGE_TYPE, (short) Mrd.IMTYPE_MAGNITUDE);
        b.putShort(IMAGE_INDEX, (short) imageIndex);
        b.putShort(IMAGE_SERIES_INDEX, (short) series);
        b.putInt(ATTRIBUTE_STRING_LEN, attributeBytes);
        return out;
    }
}
