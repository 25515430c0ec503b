package org.mrirecon.mrd.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mrirecon.data.Dataset;
import org.mrirecon.io.Readers;
import org.mrirecon.io.ismrmrd.IsmrmrdHeader;

/**
 * A streamed slice is exactly the k-space and sampling pattern recon.io's ISMRMRD reader makes of the same file:
 * the acquisitions of each fixture go through the assembler in file order, and every slice, sorted as the reader
 * orders its images, must equal the reader's bit for bit.
 */
class SliceAssemblerTest {

    private static final long LIMIT = 1L << 30;

    @Test
    void everySliceEqualsTheFileReadersSlice() throws Exception {
        for (Path file : Fixtures.all()) {
            Dataset read = Readers.read(file);
            List<SliceAssembler.Slice> streamed = assemble(file);
            assertEquals(read.sliceCount(), streamed.size(), file.toString());
            for (int i = 0; i < streamed.size(); i++) {
                SliceAssembler.Slice s = streamed.get(i);
                assertEquals(read.kspace(i), s.kspace(), file + ", image " + i + " " + s.key());
                assertEquals(read.pattern(i), s.pattern(), file + ", image " + i);
                assertEquals(read.pattern(i).calibrationStart(), s.pattern().calibrationStart());
                assertEquals(read.pattern(i).calibrationEnd(), s.pattern().calibrationEnd());
                // the image the reader's reference size asks for
                IsmrmrdHeader h = MrdHeader.parse(IsmrmrdRawFile.read(file, null, LIMIT).xml());
                assertEquals(read.referenceRows(), h.outputY());
                assertEquals(read.referenceCols(), h.outputX());
            }
            System.out.printf("%s: %d slices equal the file reader's (k-space and pattern)%n", file.getFileName(),
                    streamed.size());
        }
    }

    /**
     * Slice 0 of the multi-slice file is the single-slice file's data with every fourth line stored reversed and
     * flagged ACQ_IS_REVERSE: flipped back, it must be the same k-space.
     */
    @Test
    void reversedReadoutsAreFlippedBack() throws Exception {
        List<SliceAssembler.Slice> single = assemble(Fixtures.SHEPP_LOGAN);
        List<SliceAssembler.Slice> multi = assemble(Fixtures.MULTISLICE);
        for (int rep = 0; rep < 2; rep++) {
            SliceAssembler.Slice m = multi.get(3 * rep); // image order: repetition, then slice
            assertEquals(0, m.key().slice());
            assertEquals(single.get(rep).kspace(), m.kspace(), "repetition " + rep);
            assertEquals(single.get(rep).pattern(), m.pattern());
        }
    }

    @Test
    void slicesCompleteAtTheirLastLineNotAtTheEnd() throws Exception {
        IsmrmrdRawFile raw = IsmrmrdRawFile.read(Fixtures.MULTISLICE, null, LIMIT);
        MemoryBudget budget = new MemoryBudget(LIMIT, LIMIT);
        SliceAssembler a = new SliceAssembler(MrdHeader.parse(raw.xml()), budget.account());
        List<Integer> completedAt = new ArrayList<>();
        List<SliceAssembler.Slice> slices = new ArrayList<>();
        for (int i = 0; i < raw.acquisitions().size(); i++) {
            IsmrmrdRawFile.Raw r = raw.acquisitions().get(i);
            SliceAssembler.Slice s = a.add(r.header(), r.samples());
            if (s != null) {
                completedAt.add(i);
                slices.add(s);
                assertTrue(r.header().flag(Mrd.LAST_IN_SLICE));
            }
        }
        assertEquals(6, completedAt.size(), "3 slices x 2 repetitions, each at its ACQ_LAST_IN_SLICE line");
        assertTrue(completedAt.get(0) < raw.acquisitions().size() / 2, "repetition 0 completes mid-stream");
        assertEquals(List.of(), a.finishAll());
        assertEquals(1, a.skipped(), "the noise scan");
        // geometry comes from the slice's own lines
        for (SliceAssembler.Slice s : slices) {
            assertEquals(-6f + 6f * s.key().slice(), s.reference().f32(AcquisitionHeader.POSITION + 8), 0f);
            assertEquals(s.key().slice(), s.reference().slice());
        }
        // held k-space is what the completed slices hold
        long held = 0;
        for (SliceAssembler.Slice s : slices) {
            held += s.reservedBytes();
        }
        assertEquals(held, budget.used());
    }

    @Test
    void streamsWithoutLastInSliceFlagsCompleteAtClose() throws Exception {
        IsmrmrdRawFile raw = IsmrmrdRawFile.read(Fixtures.SHEPP_LOGAN, null, LIMIT);
        SliceAssembler a = new SliceAssembler(MrdHeader.parse(raw.xml()), new MemoryBudget(LIMIT, LIMIT).account());
        for (IsmrmrdRawFile.Raw r : raw.acquisitions()) {
            AcquisitionHeader h = AcquisitionHeader.wrap(r.header().bytes().clone());
            h.flags(h.flags() & ~(1L << (Mrd.LAST_IN_SLICE - 1)));
            assertNull(a.add(h, r.samples()));
        }
        List<SliceAssembler.Slice> slices = a.finishAll();
        assertEquals(2, slices.size());
        assertTrue(slices.get(0).key().compareTo(slices.get(1).key()) < 0, "image order");
    }

    @Test
    void aSliceThatDoesNotFitTheConnectionsBudgetFailsBeforeAllocation() throws Exception {
        IsmrmrdRawFile raw = IsmrmrdRawFile.read(Fixtures.MULTISLICE, null, LIMIT);
        // one slice buffer (4 coils x 64 x 128 complex = 256 KiB) fits, the second does not
        MemoryBudget budget = new MemoryBudget(LIMIT, 300_000);
        SliceAssembler a = new SliceAssembler(MrdHeader.parse(raw.xml()), budget.account());
        StreamException e = assertThrows(StreamException.class, () -> {
            for (IsmrmrdRawFile.Raw r : raw.acquisitions()) {
                a.add(r.header(), r.samples());
            }
        });
        assertTrue(e.getMessage().contains("more than its limit"), e.getMessage());
        a.discard();
        assertEquals(0, budget.used());
    }

    @Test
    void imageHeaderCopiesGeometryAndTimeStamps() throws Exception {
        List<SliceAssembler.Slice> slices = assemble(Fixtures.MULTISLICE);
        SliceAssembler.Slice s = slices.get(2);
        byte[] h = ImageHeader.of(s.reference(), s.key(), 64, 64, new float[] {300, 300, 6}, Mrd.DATA_FLOAT, 3, 1,
                10);
        var b = java.nio.ByteBuffer.wrap(h).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals(Mrd.IMAGE_HEADER_BYTES, h.length);
        assertEquals(64, b.getShort(ImageHeader.MATRIX_SIZE));
        assertEquals(1, b.getShort(ImageHeader.MATRIX_SIZE + 4));
        assertEquals(s.key().slice(), b.getShort(ImageHeader.SLICE));
        assertEquals(s.key().repetition(), b.getShort(ImageHeader.REPETITION));
        assertArrayEquals(new float[] {0, 0, -6f + 6f * s.key().slice()},
                new float[] {b.getFloat(ImageHeader.POSITION), b.getFloat(ImageHeader.POSITION + 4),
                    b.getFloat(ImageHeader.POSITION + 8)});
        assertEquals(1f, b.getFloat(ImageHeader.READ_DIR));
        assertEquals(1f, b.getFloat(ImageHeader.PHASE_DIR + 4));
        assertEquals(1f, b.getFloat(ImageHeader.SLICE_DIR + 8));
        assertEquals(100f, b.getFloat(ImageHeader.PATIENT_TABLE_POSITION + 8));
        assertEquals(s.reference().u32(AcquisitionHeader.ACQUISITION_TIME_STAMP),
                b.getInt(ImageHeader.ACQUISITION_TIME_STAMP) & 0xFFFFFFFFL);
        assertEquals(Mrd.IMTYPE_MAGNITUDE, b.getShort(ImageHeader.IMAGE_TYPE));
        assertEquals(10, b.getInt(ImageHeader.ATTRIBUTE_STRING_LEN));
    }

    /** The file's acquisitions through the assembler, in the reader's image order. */
    static List<SliceAssembler.Slice> assemble(Path file) throws Exception {
        IsmrmrdRawFile raw = IsmrmrdRawFile.read(file, null, LIMIT);
        SliceAssembler a = new SliceAssembler(MrdHeader.parse(raw.xml()), new MemoryBudget(LIMIT, LIMIT).account());
        List<SliceAssembler.Slice> out = new ArrayList<>();
        for (IsmrmrdRawFile.Raw r : raw.acquisitions()) {
            SliceAssembler.Slice s = a.add(r.header(), r.samples());
            if (s != null) {
                out.add(s);
            }
        }
        out.addAll(a.finishAll());
        out.sort(Comparator.comparing(SliceAssembler.Slice::key));
        return out;
    }
}
