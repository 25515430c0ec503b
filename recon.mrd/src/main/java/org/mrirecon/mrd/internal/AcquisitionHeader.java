package org.mrirecon.mrd.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 340-byte ISMRMRD_AcquisitionHeader as it travels: kept as bytes (so an image can copy geometry and time stamps
 * bit for bit) and read at the offsets of ismrmrd.h ({@code #pragma pack(2)}). Unsigned fields are returned widened.
 */
public final class AcquisitionHeader {

    // Offsets into the packed struct.
    static final int VERSION = 0;
    static final int FLAGS = 2;
    static final int MEASUREMENT_UID = 10;
    static final int SCAN_COUNTER = 14;
    static final int ACQUISITION_TIME_STAMP = 18;
    static final int PHYSIOLOGY_TIME_STAMP = 22; // uint32[3]
    static final int NUMBER_OF_SAMPLES = 34;
    static final int AVAILABLE_CHANNELS = 36;
    static final int ACTIVE_CHANNELS = 38;
    static final int CHANNEL_MASK = 40; // uint64[16]
    static final int DISCARD_PRE = 168;
    static final int DISCARD_POST = 170;
    static final int CENTER_SAMPLE = 172;
    static final int ENCODING_SPACE_REF = 174;
    static final int TRAJECTORY_DIMENSIONS = 176;
    static final int SAMPLE_TIME_US = 178;
    static final int POSITION = 182; // float[3], then read_dir, phase_dir, slice_dir, patient_table_position
    static final int READ_DIR = 194;
    static final int PHASE_DIR = 206;
    static final int SLICE_DIR = 218;
    static final int PATIENT_TABLE_POSITION = 230;
    static final int STEP1 = 242; // idx: step1, step2, average, slice, contrast, phase, repetition, set, segment, user[8]
    static final int STEP2 = 244;
    static final int AVERAGE = 246;
    static final int SLICE = 248;
    static final int CONTRAST = 250;
    static final int PHASE = 252;
    static final int REPETITION = 254;
    static final int SET = 256;
    static final int SEGMENT = 258;
    static final int IDX_USER = 260; // uint16[8]
    static final int USER_INT = 276; // int32[8]
    static final int USER_FLOAT = 308; // float[8]

    private final ByteBuffer b;

    private AcquisitionHeader(byte[] bytes) {
        this.b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Takes ownership of exactly {@value Mrd#ACQUISITION_HEADER_BYTES} bytes. */
    public static AcquisitionHeader wrap(byte[] bytes) {
        if (bytes.length != Mrd.ACQUISITION_HEADER_BYTES) {
            throw new IllegalArgumentException("an acquisition header has " + Mrd.ACQUISITION_HEADER_BYTES
                    + " bytes, got " + bytes.length);
        }
        return new AcquisitionHeader(bytes);
    }

    /** A zeroed header of ISMRMRD version 1, for writers. */
    public static AcquisitionHeader blank() {
        AcquisitionHeader h = new AcquisitionHeader(new byte[Mrd.ACQUISITION_HEADER_BYTES]);
        h.b.putShort(VERSION, (short) 1);
        return h;
    }

    public byte[] bytes() {
        return b.array();
    }

    public long flags() {
        return b.getLong(FLAGS);
    }

    public boolean flag(int flag) {
        return Mrd.flag(flags(), flag);
    }

    public long measurementUid() {
        return u32(MEASUREMENT_UID);
    }

    public long scanCounter() {
        return u32(SCAN_COUNTER);
    }

    public int samples() {
        return u16(NUMBER_OF_SAMPLES);
    }

    public int activeChannels() {
        return u16(ACTIVE_CHANNELS);
    }

    public int discardPre() {
        return u16(DISCARD_PRE);
    }

    public int discardPost() {
        return u16(DISCARD_POST);
    }

    public int centerSample() {
        return u16(CENTER_SAMPLE);
    }

    public int encodingSpaceRef() {
        return u16(ENCODING_SPACE_REF);
    }

    public int trajectoryDimensions() {
        return u16(TRAJECTORY_DIMENSIONS);
    }

    public int step1() {
        return u16(STEP1);
    }

    public int step2() {
        return u16(STEP2);
    }

    public int average() {
        return u16(AVERAGE);
    }

    public int slice() {
        return u16(SLICE);
    }

    public int contrast() {
        return u16(CONTRAST);
    }

    public int phase() {
        return u16(PHASE);
    }

    public int repetition() {
        return u16(REPETITION);
    }

    public int set() {
        return u16(SET);
    }

    /** Bytes of trajectory (float32 per dimension and sample) that follow the header. */
    public long trajectoryBytes() {
        return 4L * trajectoryDimensions() * samples();
    }

    /** Bytes of complex64 samples (channels x samples) that follow the trajectory. */
    public long dataBytes() {
        return 8L * activeChannels() * samples();
    }

    /** The frame (image) this line belongs to. */
    public FrameKey frameKey() {
        return new FrameKey(contrast(), phase(), repetition(), set(), slice());
    }

    // Writers, for the client and tests.

    public AcquisitionHeader putU16(int offset, int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("uint16 field at byte " + offset + " cannot hold " + value);
        }
        b.putShort(offset, (short) value);
        return this;
    }

    public AcquisitionHeader putU32(int offset, long value) {
        b.putInt(offset, (int) value);
        return this;
    }

    public AcquisitionHeader putI32(int offset, int value) {
        b.putInt(offset, value);
        return this;
    }

    public AcquisitionHeader putU64(int offset, long value) {
        b.putLong(offset, value);
        return this;
    }

    public AcquisitionHeader putFloat(int offset, float value) {
        b.putFloat(offset, value);
        return this;
    }

    public AcquisitionHeader flags(long flags) {
        return putU64(FLAGS, flags);
    }

    public AcquisitionHeader samplesAndChannels(int samples, int channels) {
        putU16(NUMBER_OF_SAMPLES, samples);
        putU16(AVAILABLE_CHANNELS, channels);
        return putU16(ACTIVE_CHANNELS, channels);
    }

    public AcquisitionHeader centerSample(int centre) {
        return putU16(CENTER_SAMPLE, centre);
    }

    public AcquisitionHeader line(int step1, int slice, int repetition) {
        putU16(STEP1, step1);
        putU16(SLICE, slice);
        return putU16(REPETITION, repetition);
    }

    float f32(int offset) {
        return b.getFloat(offset);
    }

    int u16(int offset) {
        return b.getShort(offset) & 0xFFFF;
    }

    long u32(int offset) {
        return b.getInt(offset) & 0xFFFFFFFFL;
    }

    /** Copies {@code n} bytes of this header from {@code offset} into {@code dst} at {@code dstOffset}. */
    void copy(int offset, byte[] dst, int dstOffset, int n) {
        System.arraycopy(b.array(), offset, dst, dstOffset, n);
    }

    @Override
    public String toString() {
        return "acquisition " + scanCounter() + " (line " + step1() + ", slice " + slice() + ", repetition "
                + repetition() + ", " + activeChannels() + " channels x " + samples() + " samples)";
    }
}
