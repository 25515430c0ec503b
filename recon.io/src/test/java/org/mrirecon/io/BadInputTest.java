package org.mrirecon.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus: every case must fail with a {@link DataFormatException} whose message is one line, names
 * the file and says what is wrong, and must leave the input byte-for-byte and timestamp unchanged. HDF5 cases are
 * committed files (fixtures/bad, made by make_fixtures.py); the others are made here.
 */
class BadInputTest {

    @TempDir
    static Path tmp;

    /** One bad input: how to make it (in its own directory) and a fragment its message must contain. */
    record Case(String name, Maker maker, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    interface Maker {
        Path make(Path dir) throws Exception;
    }

    static Stream<Case> corpus() {
        return Stream.of(
                // paths and arguments
                new Case("no path", dir -> null, "no input file was given"),
                new Case("missing file", dir -> dir.resolve("nope.h5"), "file not found"),
                new Case("directory instead of a file", dir -> dir, "is a directory"),
                new Case("unreadable file", BadInputTest::unreadable, "permission denied"),
                new Case("empty file", dir -> write(dir.resolve("empty.h5"), new byte[0]), "the file is empty"),
                new Case("unknown format: text", dir -> write(dir.resolve("notes.h5"),
                        "raw data? no".getBytes(StandardCharsets.US_ASCII)), "unknown format"),
                new Case("unknown format: PNG image", BadInputTest::png, "unknown format"),
                // HDF5 containers
                new Case("truncated fastMRI file", dir -> truncated(dir, "fastmri_knee_like.h5", 0.5), "truncated"),
                new Case("truncated ISMRMRD file", dir -> truncated(dir, "ismrmrd_shepp_logan_64_8coil_R2.h5", 0.6),
                        "truncated"),
                new Case("corrupt HDF5 superblock", BadInputTest::corruptSuperblock, "cannot be read"),
                new Case("HDF5 of another layout", dir -> bad("hdf5_other_layout.h5"), "neither ISMRMRD"),
                // fastMRI
                new Case("fastMRI kspace of rank 2", dir -> bad("fastmri_rank2.h5"), "rank 2"),
                new Case("fastMRI real-valued kspace", dir -> bad("fastmri_real_kspace.h5"), "not complex"),
                new Case("fastMRI NaN sample", dir -> bad("fastmri_nan.h5"), "sample is NaN"),
                new Case("fastMRI infinite sample", dir -> bad("fastmri_inf.h5"), "sample is Infinity"),
                new Case("fastMRI zero coils", dir -> bad("fastmri_zero_coils.h5"), "zero coils"),
                new Case("fastMRI coil count header vs data", dir -> bad("fastmri_coil_mismatch.h5"),
                        "declares 8 receiver channels but kspace holds 2 coils"),
                new Case("fastMRI absurd declared size", dir -> bad("fastmri_absurd_size.h5"),
                        "more than the read limit"),
                new Case("fastMRI all-zero kspace", dir -> bad("fastmri_all_zero.h5"), "no acquired phase-encode line"),
                new Case("fastMRI empty mask", dir -> bad("fastmri_empty_mask.h5"), "mask marks no line"),
                new Case("fastMRI mask without calibration lines", dir -> bad("fastmri_mask_without_calibration.h5"),
                        "num_low_frequency declares 4"),
                new Case("fastMRI mask of the wrong length", dir -> bad("fastmri_mask_wrong_length.h5"),
                        "mask has 10 entries"),
                new Case("fastMRI reference of the wrong shape", dir -> bad("fastmri_reference_wrong_shape.h5"),
                        "reconstruction_rss has shape"),
                new Case("fastMRI malformed XML header", dir -> bad("fastmri_malformed_header.h5"),
                        "not well-formed XML"),
                // ISMRMRD
                new Case("ISMRMRD with noise scans only", dir -> bad("ismrmrd_noise_only.h5"), "is an imaging line"),
                new Case("ISMRMRD coil count header vs data", dir -> bad("ismrmrd_coil_mismatch.h5"),
                        "declares 4 receiver channels but the acquisitions hold 2"),
                new Case("ISMRMRD NaN sample", dir -> bad("ismrmrd_nan.h5"), "sample is NaN"),
                new Case("ISMRMRD data length vs header", dir -> bad("ismrmrd_data_length_mismatch.h5"),
                        "floats but its header says 2 channels"),
                new Case("ISMRMRD line outside the matrix", dir -> bad("ismrmrd_line_out_of_range.h5"),
                        "kspace_encode_step_1 = 500"),
                new Case("ISMRMRD calibration declared, no calibration lines",
                        dir -> bad("ismrmrd_no_calibration_flags.h5"), "no line flagged ACQ_IS_PARALLEL_CALIBRATION"),
                new Case("ISMRMRD absurd matrix", dir -> bad("ismrmrd_absurd_matrix.h5"), "more than the read limit"),
                new Case("ISMRMRD radial trajectory", dir -> bad("ismrmrd_radial.h5"), "trajectory is 'radial'"),
                new Case("ISMRMRD 3-D encoding", dir -> bad("ismrmrd_3d.h5"), "3-D"),
                new Case("ISMRMRD malformed XML header", dir -> bad("ismrmrd_malformed_xml.h5"), "not well-formed XML"),
                // BART
                new Case("BART truncated .cfl", dir -> {
                    Path base = cfl(dir, "40 36 1 2", 40 * 36 * 2);
                    truncate(dir.resolve("k.cfl"), 1000);
                    return base;
                }, "truncated"),
                new Case("BART corrupt .hdr", dir -> cfl(dir, "40 abc 1 2", 40), "'abc', not a positive integer"),
                new Case("BART truncated .hdr", dir -> {
                    cfl(dir, "8 8", 64);
                    write(dir.resolve("k.hdr"), "# Dimensions\n".getBytes(StandardCharsets.US_ASCII));
                    return dir.resolve("k.hdr");
                }, "no '# Dimensions' line followed"),
                new Case("BART .hdr without its .cfl", dir -> {
                    cfl(dir, "8 8", 64);
                    Files.delete(dir.resolve("k.cfl"));
                    return dir.resolve("k.hdr");
                }, "k.cfl not found"),
                new Case("BART .cfl without its .hdr", dir -> {
                    cfl(dir, "8 8", 64);
                    Files.delete(dir.resolve("k.hdr"));
                    return dir.resolve("k.cfl");
                }, "without its header"),
                new Case("BART infinite sample", dir -> cfl(dir, "8 8 1 2", 128, Float.POSITIVE_INFINITY),
                        "sample is Infinity"),
                new Case("BART absurd dimensions", dir -> cfl(dir, "100000 100000 1 64", 16),
                        "more than the read limit"),
                new Case("BART 3-D k-space", dir -> cfl(dir, "8 8 4", 256), "is 3-D"),
                new Case("BART zero coils", dir -> cfl(dir, "8 8 1 0", 0), "dimension 3 is 0"),
                new Case("BART all-zero k-space", dir -> cfl(dir, "8 8 1 2", 128, 0f), "holds no acquired line"),
                // NumPy
                new Case("NumPy truncated .npy", dir -> npy(dir, "<c8", "(2, 8, 8)", 100), "truncated"),
                new Case("NumPy real-valued kspace", dir -> npy(dir, "<f4", "(2, 8, 8)", 4 * 128), "real dtype"),
                new Case("NumPy kspace of rank 5", dir -> npy(dir, "<c8", "(1, 1, 2, 4, 4)", 8 * 32), "shape [1, 1, 2"),
                new Case("NumPy corrupt header", dir -> write(dir.resolve("k.npy"), concat(
                        new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 8, 0},
                        "garbage!".getBytes(StandardCharsets.US_ASCII))), "corrupt header"),
                new Case("NumPy NaN sample", dir -> {
                    Path p = npy(dir, "<c8", "(2, 4, 4)", 8 * 32);
                    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
                        f.seek(f.length() - 4);
                        f.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(Float.NaN).array());
                    }
                    return p;
                }, "sample is NaN"),
                new Case("NumPy Fortran-ordered array", dir -> npy(dir, "<c8", "(2, 4, 4)", 8 * 32, true),
                        "Fortran order"),
                new Case("NumPy absurd shape", dir -> npy(dir, "<c8", "(100000, 64, 640, 368)", 64),
                        "more than the read limit"),
                new Case("NumPy zero coils", dir -> npy(dir, "<c8", "(0, 4, 4)", 0), "zero coils"),
                new Case("NumPy .npz without kspace", dir -> npz(dir, Map.of("image", ones(false, 4, 4))),
                        "no kspace array"),
                new Case("NumPy .npz with an empty mask", dir -> {
                    Map<String, NumPy.Array> m = new LinkedHashMap<>();
                    m.put("kspace", ones(true, 2, 4, 4));
                    m.put("mask", NumPy.Array.float32(new float[4], 4));
                    return npz(dir, m);
                }, "mask marks no line"),
                new Case("NumPy corrupt .npz archive", dir -> write(dir.resolve("k.npz"), concat(
                        new byte[] {'P', 'K', 3, 4}, new byte[100])), "not a readable .npz archive"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void failsWithOneClearLineAndLeavesTheInputAlone(Case c) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(c.name.replaceAll("[^A-Za-z0-9]+", "_")));
        Path input = c.maker.make(dir);
        assumeFalse(c.name.equals("unreadable file") && Files.isReadable(input),
                "running as root: permissions do not stop reading");
        Map<Path, String> before = fingerprints(input);
        DataFormatException e = assertThrows(DataFormatException.class, () -> Readers.read(input));
        String m = e.getMessage();
        System.out.println(c.name + " -> " + m);
        assertFalse(m.contains("\n") || m.contains("\r"), "one line: " + m);
        if (input != null) {
            assertTrue(m.contains(Cfl.base(input).getFileName().toString()), "names the file: " + m);
        }
        assertTrue(m.contains(c.expected), "says '" + c.expected + "': " + m);
        assertTrue(m.contains("; "), "says what to do: " + m);
        assertEquals(before, fingerprints(input), "the input is unchanged");
    }

    @Test
    void corpusHasAtLeastTwentyCases() {
        long n = corpus().count();
        System.out.println("bad-input corpus: " + n + " cases");
        assertTrue(n >= 20);
    }

    @Test
    void goodFilesAreNotModifiedByReading() throws Exception {
        for (String name : List.of("ismrmrd_shepp_logan_64_8coil_R2.h5", "fastmri_knee_like.h5",
                "fastmri_undersampled_R4.h5")) {
            Path p = Fixtures.path(name);
            Map<Path, String> before = fingerprints(p);
            Readers.read(p);
            assertEquals(before, fingerprints(p), name);
        }
    }

    @Test
    void aNonPositiveLimitIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> Readers.read(Fixtures.path("fastmri_knee_like.h5"), 0));
    }

    /** SHA-256 (size where unreadable) and modification time of the input and, for BART, of its pair. */
    private static Map<Path, String> fingerprints(Path input) throws Exception {
        Map<Path, String> out = new LinkedHashMap<>();
        if (input == null) {
            return out;
        }
        Path base = Cfl.base(input);
        for (Path p : List.of(input, base.resolveSibling(base.getFileName() + ".cfl"),
                base.resolveSibling(base.getFileName() + ".hdr"))) {
            if (Files.isRegularFile(p)) {
                // An unreadable file cannot be hashed: its size and modification time stand for its content.
                String content = Files.isReadable(p)
                        ? HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)))
                        : Files.size(p) + " bytes";
                out.put(p, content + " " + Files.getLastModifiedTime(p));
            }
        }
        return out;
    }

    private static Path bad(String name) {
        return Fixtures.path("bad/" + name);
    }

    private static Path write(Path p, byte[] bytes) throws IOException {
        Files.write(p, bytes);
        return p;
    }

    private static Path unreadable(Path dir) throws IOException {
        Path p = write(dir.resolve("locked.h5"), new byte[] {1, 2, 3});
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("---------"));
        return p;
    }

    private static Path png(Path dir) throws IOException {
        Path p = dir.resolve("image.h5");
        Png.write(p, new float[] {0, 1, 2, 3}, 2, 2);
        return p;
    }

    private static Path truncated(Path dir, String fixture, double keep) throws IOException {
        byte[] all = Files.readAllBytes(Fixtures.path(fixture));
        return write(dir.resolve(fixture), java.util.Arrays.copyOf(all, (int) (all.length * keep)));
    }

    private static Path corruptSuperblock(Path dir) throws IOException {
        byte[] all = Files.readAllBytes(Fixtures.path("fastmri_knee_like.h5"));
        for (int i = 8; i < 48; i++) {
            all[i] = (byte) 0xff;
        }
        return write(dir.resolve("corrupt.h5"), all);
    }

    private static void truncate(Path p, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size);
        }
    }

    /** A cfl/hdr pair k with the given dims line and {@code samples} complex samples, all set to {@code value}. */
    private static Path cfl(Path dir, String dims, int samples, float value) throws IOException {
        write(dir.resolve("k.hdr"), ("# Dimensions\n" + dims + "\n").getBytes(StandardCharsets.US_ASCII));
        ByteBuffer b = ByteBuffer.allocate(8 * samples).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 2 * samples; i++) {
            b.putFloat(i == 2 * samples - 1 ? value : value == 0f ? 0f : 1f);
        }
        write(dir.resolve("k.cfl"), b.array());
        return dir.resolve("k");
    }

    private static Path cfl(Path dir, String dims, int samples) throws IOException {
        return cfl(dir, dims, samples, 1f);
    }

    private static Path npy(Path dir, String descr, String shape, int dataBytes) throws IOException {
        return npy(dir, descr, shape, dataBytes, false);
    }

    /** A .npy with the given header and {@code dataBytes} bytes of 1.0f values. */
    private static Path npy(Path dir, String descr, String shape, int dataBytes, boolean fortran)
            throws IOException {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': "
                + shape + ", }\n";
        ByteBuffer b = ByteBuffer.allocate(10 + dict.length() + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) dict.length());
        b.put(dict.getBytes(StandardCharsets.US_ASCII));
        while (b.remaining() >= 4) {
            b.putFloat(1f);
        }
        return write(dir.resolve("k.npy"), b.array());
    }

    private static Path npz(Path dir, Map<String, NumPy.Array> arrays) throws IOException {
        Path p = dir.resolve("k.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(p))) {
            for (Map.Entry<String, NumPy.Array> e : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                zip.write(NumPy.npy(e.getValue()));
                zip.closeEntry();
            }
        }
        return p;
    }

    private static NumPy.Array ones(boolean complex, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] data = new float[complex ? 2 * n : n];
        java.util.Arrays.fill(data, 1f);
        return complex ? NumPy.Array.complex64(data, shape) : NumPy.Array.float32(data, shape);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
