package org.mrirecon.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
                        "mask has shape [10] but kspace has 12 phase-encode lines"),
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
                new Case("ISMRMRD embedded calibration declared, no calibration lines",
                        dir -> bad("ismrmrd_no_calibration_flags.h5"),
                        "declares embedded calibration at R=2 but image 0 has no calibration line"),
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

    /** The cases of issue 15 ("real files, right answers") and the edges around them. */
    static Stream<Case> issue15() {
        return Stream.of(
                // the file system: what is not a regular file is named as what it is, before anything is opened
                new Case("symbolic link loop", BadInputTest::symlinkLoop, "is a symbolic link that loops"),
                new Case("dangling symbolic link", dir -> Files.createSymbolicLink(dir.resolve("scan.h5"),
                        dir.resolve("moved.h5")), "is a symbolic link to"),
                new Case("named pipe (FIFO)", BadInputTest::fifo, "is a named pipe (FIFO), not a regular file"),
                new Case("character device /dev/null", dir -> Path.of("/dev/null"), "is a character device"),
                new Case("character device /dev/zero", dir -> Path.of("/dev/zero"), "is a character device"),
                new Case("unix socket", BadInputTest::socket, "is a socket, not a regular file"),
                new Case("directory named like a data file", dir -> Files.createDirectory(dir.resolve("scan.h5")),
                        "is a directory"),
                new Case("symbolic link to a directory", dir -> Files.createSymbolicLink(dir.resolve("scan.h5"),
                        dir), "is a directory"),
                new Case("directory named like a BART .cfl", dir -> {
                    cfl(dir, "8 8", 64);
                    Files.delete(dir.resolve("k.cfl"));
                    return Files.createDirectory(dir.resolve("k.cfl"));
                }, "is a directory"),
                new Case("BART .cfl that is a named pipe", dir -> {
                    cfl(dir, "8 8", 64);
                    Files.delete(dir.resolve("k.cfl"));
                    mkfifo(dir.resolve("k.cfl"));
                    return dir.resolve("k.hdr");
                }, "is a pipe, device or socket"),
                new Case("empty .npy", dir -> write(dir.resolve("k.npy"), new byte[0]), "the file is empty"),
                new Case("empty BART .hdr", dir -> write(dir.resolve("k.hdr"), new byte[0]), "the file is empty"),
                // truncated copies of the real layouts
                new Case("truncated fastMRI real-layout knee (10 %)", dir -> truncated(dir, "fastmri_real_knee.h5",
                        0.1), "truncated"),
                new Case("truncated fastMRI test-set file (60 %)", dir -> truncated(dir,
                        "fastmri_real_knee_test_bool.h5", 0.6), "truncated"),
                new Case("truncated ISMRMRD multi-slice file (40 %)", dir -> truncated(dir,
                        "ismrmrd_multislice_embedded.h5", 0.4), "truncated"),
                new Case("HDF5 cut inside its superblock", dir -> truncatedTo(dir, "fastmri_real_knee.h5", 40),
                        "truncated or damaged"),
                // fastMRI: masks
                new Case("fastMRI mask marking lines that hold only zeros", dir -> bad(
                        "fastmri_mask_marks_empty_lines.h5"), "as acquired that hold only zeros"),
                new Case("fastMRI mask of 0.5s", dir -> bad("fastmri_mask_not_binary.h5"), "not 0 or 1"),
                new Case("fastMRI mask of text", dir -> bad("fastmri_mask_text.h5"), "not numbers"),
                new Case("fastMRI 2-D mask", dir -> bad("fastmri_mask_2d.h5"), "mask has shape [2, 12]"),
                new Case("fastMRI acceleration attribute vs mask", dir -> bad("fastmri_acceleration_mismatch.h5"),
                        "attribute acceleration declares 12 but the sampling acquires 5"),
                // fastMRI: axis orders and header/data contradictions
                new Case("fastMRI coil axis last, no header", dir -> bad("fastmri_coil_axis_last_no_header.h5"),
                        "looks like a coil axis saved last"),
                new Case("fastMRI coil axis last, header", dir -> bad("fastmri_coil_axis_last.h5"),
                        "has its coil axis last"),
                new Case("fastMRI H and W swapped", dir -> bad("fastmri_swapped_axes.h5"), "has H and W swapped"),
                new Case("fastMRI matrix header vs data", dir -> bad("fastmri_matrix_mismatch.h5"),
                        "encodedSpace is 640 x 368 (readout x phase-encode) but the kspace's H x W is 16 x 12"),
                new Case("fastMRI slice count reference vs kspace", dir -> bad("fastmri_reference_slices.h5"),
                        "reconstruction_rss has shape [1, 8, 8] but kspace has 2 slices"),
                // fastMRI: references that are not the image of the k-space
                new Case("fastMRI reference cropped off centre", dir -> bad("fastmri_reference_off_centre.h5"),
                        "is not the image of the fully sampled k-space"),
                new Case("fastMRI reference transposed", dir -> bad("fastmri_reference_transposed.h5"),
                        "is not the image of the fully sampled k-space"),
                new Case("fastMRI reference rescaled", dir -> bad("fastmri_reference_scaled.h5"),
                        "times the root-sum-of-squares image"),
                new Case("fastMRI reference with NaN", dir -> bad("fastmri_reference_nan.h5"),
                        "sample is NaN at reconstruction_rss"),
                new Case("fastMRI truth of the wrong shape", dir -> bad("fastmri_truth_wrong_shape.h5"),
                        "truth has shape [2, 20, 12]"),
                // fastMRI: headers
                new Case("fastMRI header not text", dir -> bad("fastmri_header_not_text.h5"), "is not text"),
                new Case("fastMRI header of another root", dir -> bad("fastmri_header_wrong_root.h5"),
                        "not <ismrmrdHeader>"),
                new Case("fastMRI header with a word for a number", dir -> bad("fastmri_header_not_a_number.h5"),
                        "'sixteen', not a number"),
                new Case("fastMRI header with an external entity", dir -> bad("fastmri_header_external_entity.h5"),
                        "DOCTYPE is disallowed"),
                // fastMRI: data
                new Case("fastMRI one slice all zero", dir -> bad("fastmri_slice_all_zero.h5"),
                        "slice 1 holds no acquired phase-encode line"),
                new Case("fastMRI no slices", dir -> bad("fastmri_no_slices.h5"), "no slices"),
                new Case("fastMRI integer kspace", dir -> bad("fastmri_integer_kspace.h5"),
                        "holds int16, not complex numbers"),
                new Case("fastMRI kspace of three members", dir -> bad("fastmri_three_member_kspace.h5"),
                        "a compound of 3 members"),
                new Case("fastMRI damaged compressed chunk", dir -> bad("fastmri_damaged_chunk.h5"),
                        "dataset kspace cannot be read"),
                // HDF5 links
                new Case("fastMRI kspace as an external link", dir -> bad("fastmri_external_link.h5"),
                        "kspace is an external HDF5 link to ../fastmri_knee_like.h5:/kspace"),
                new Case("fastMRI kspace as a broken soft link", dir -> bad("fastmri_soft_link_broken.h5"),
                        "kspace is a soft link to /raw/kspace, which does not exist"),
                new Case("ISMRMRD data as an external link", dir -> bad("ismrmrd_external_link.h5"),
                        "dataset/data is an external HDF5 link"),
                // ISMRMRD
                new Case("ISMRMRD without acquisitions", dir -> bad("ismrmrd_no_acquisitions.h5"),
                        "holds no acquisitions (0 rows)"),
                new Case("ISMRMRD header alone", dir -> bad("ismrmrd_xml_only.h5"),
                        "ISMRMRD header /dataset/xml without acquisitions"),
                new Case("ISMRMRD separate calibration declared, no calibration lines",
                        dir -> bad("ismrmrd_separate_no_calibration.h5"), "declares separate calibration at R=2"),
                new Case("ISMRMRD channel count varies", dir -> bad("ismrmrd_channels_vary.h5"),
                        "has 1 active channels, earlier ones 2"),
                new Case("ISMRMRD zero channels", dir -> bad("ismrmrd_zero_channels.h5"), "zero active channels"),
                new Case("ISMRMRD centre sample outside the readout", dir -> bad("ismrmrd_centre_sample_outside.h5"),
                        "centred at sample 1000 do not fit"),
                new Case("ISMRMRD readout longer than the header's matrix",
                        dir -> bad("ismrmrd_readout_longer_than_matrix.h5"), "do not fit the 8 encoded readout samples"),
                new Case("ISMRMRD partition encoding", dir -> bad("ismrmrd_step2.h5"), "kspace_encode_step_2 = 3"),
                new Case("ISMRMRD acquisitions of another encoding only", dir -> bad("ismrmrd_other_encoding_only.h5"),
                        "20 of other encoding spaces"),
                new Case("ISMRMRD infinite sample", dir -> bad("ismrmrd_inf.h5"), "sample is Infinity"),
                new Case("ISMRMRD header without the encoded matrix", dir -> bad("ismrmrd_no_encoded_matrix.h5"),
                        "no valid encodedSpace matrixSize"),
                new Case("ISMRMRD header not text", dir -> bad("ismrmrd_xml_not_text.h5"),
                        "/dataset/xml is not text"),
                new Case("ISMRMRD data not a table", dir -> bad("ismrmrd_data_not_a_table.h5"),
                        "is not a table of acquisitions"),
                // NumPy: dtypes and headers
                new Case("NumPy boolean kspace", dir -> npy(dir, "|b1", "(2, 4, 4)", 32), "real dtype"),
                new Case("NumPy object array", dir -> npy(dir, "|O", "(2, 4, 4)", 256), "not a plain number"),
                new Case("NumPy string array", dir -> npy(dir, "<U4", "(2, 4, 4)", 512), "not a plain number"),
                new Case("NumPy float16 kspace", dir -> npy(dir, "<f2", "(2, 4, 4)", 64), "dtype f2, which is not read"),
                new Case("NumPy complex256 kspace", dir -> npy(dir, "<c32", "(2, 4, 4)", 1024), "dtype c32"),
                new Case("NumPy structured dtype", dir -> npyRaw(dir, "{'descr': [('re', '<f4'), ('im', '<f4')], "
                        + "'fortran_order': False, 'shape': (2, 4, 4), }", 256), "not a plain number"),
                new Case("NumPy format version 4", dir -> {
                    Path p = npy(dir, "<c8", "(2, 4, 4)", 256);
                    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
                        f.seek(6);
                        f.write(4);
                    }
                    return p;
                }, "format version 4 is unknown"),
                new Case("NumPy negative shape", dir -> npy(dir, "<c8", "(-2, 4, 4)", 256), "shape entry -2"),
                new Case("NumPy header longer than a megabyte", dir -> write(dir.resolve("k.npy"), concat(
                        new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, 0, 0, 0, 0x40},
                        new byte[64])), "the header declares"),
                new Case("NumPy infinite sample", dir -> {
                    Path p = npy(dir, "<c8", "(2, 4, 4)", 8 * 32);
                    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
                        f.seek(f.length() - 8);
                        f.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                                .putFloat(Float.NEGATIVE_INFINITY).array());
                    }
                    return p;
                }, "sample is -Infinity"),
                new Case("NumPy coil axis last [ky, kx, coils]", dir -> npz(dir, Map.of("kspace",
                        ones(true, 24, 20, 4))), "looks like a coil axis saved last"),
                new Case("NumPy coil axis last [slices, ky, kx, coils]", dir -> npy(dir, "<c8", "(2, 24, 20, 8)",
                        8 * 2 * 24 * 20 * 8), "looks like a coil axis saved last"),
                new Case("NumPy real kspace in .npz", dir -> npz(dir, Map.of("kspace", ones(false, 2, 4, 4))),
                        "real dtype"),
                new Case("NumPy absurd kspace inside an .npz", dir -> npzRaw(dir, "kspace.npy", npyBytes("<c8",
                        "(100000, 64, 640, 368)", 64)), "more than the read limit"),
                new Case("NumPy truncated .npz", dir -> {
                    Path p = npz(dir, disc(2, 16, 12, false));
                    truncate(p, Files.size(p) / 2);
                    return p;
                }, "not a readable .npz archive"),
                new Case("NumPy .npz of text files only", dir -> npzRaw(dir, "readme.txt",
                        "not an array".getBytes(StandardCharsets.US_ASCII)), "holds no .npy array"),
                // NumPy: masks
                new Case("NumPy mask of the wrong length", dir -> withMask(dir, NumPy.Array.float32(new float[5], 5)),
                        "mask has shape [5], kspace has 16 phase-encode lines"),
                new Case("NumPy 2-D mask", dir -> withMask(dir, NumPy.Array.float32(new float[32], 2, 16)),
                        "mask has shape [2, 16]"),
                new Case("NumPy complex mask", dir -> withMask(dir, NumPy.Array.complex64(new float[32], 16)),
                        "mask is complex"),
                new Case("NumPy mask marking lines that hold only zeros", BadInputTest::maskOnEmptyLines,
                        "as acquired that hold only zeros"),
                // NumPy: references
                new Case("NumPy reference of another image", dir -> withReference(dir, randomImage(16, 12, 1)),
                        "is not the image of the fully sampled k-space"),
                new Case("NumPy reference of the wrong size", dir -> withReference(dir, cropOf(disc(1, 16, 12, false),
                        10, 12, 0)), "is not the image of the fully sampled k-space"),
                new Case("NumPy reference rescaled", dir -> withReference(dir, scaled(rssOf(disc(1, 16, 12, false)),
                        100f)), "100 times the root-sum-of-squares"),
                new Case("NumPy reference of more slices", dir -> {
                    Map<String, NumPy.Array> m = disc(2, 16, 12, false);
                    m.put("reference", NumPy.Array.float32(new float[3 * 16 * 12], 3, 16, 12));
                    return npz(dir, m);
                }, "reference has shape [3, 16, 12] for 2 slice(s)"),
                new Case("NumPy reference larger than the k-space", dir -> withReference(dir,
                        NumPy.Array.float32(new float[20 * 12], 20, 12)), "no larger than the k-space matrix"),
                new Case("NumPy complex reference", dir -> withReference(dir,
                        NumPy.Array.complex64(new float[2 * 16 * 12], 16, 12)), "reference is complex"),
                new Case("NumPy reference with NaN", dir -> {
                    NumPy.Array r = rssOf(disc(1, 16, 12, false));
                    r.data()[7] = Float.NaN;
                    return withReference(dir, r);
                }, "sample is NaN at reference"),
                new Case("NumPy truth of another size than the reference", dir -> {
                    Map<String, NumPy.Array> m = disc(1, 16, 12, true);
                    m.put("truth", NumPy.Array.float32(new float[8 * 8], 8, 8));
                    return npz(dir, m);
                }, "save the truth at the reference's size"),
                // BART
                new Case("BART NaN sample", dir -> cfl(dir, "8 8 1 2", 128, Float.NaN), "sample is NaN"),
                new Case("BART 1 x 1 array", dir -> cfl(dir, "1 1", 1), "is not a 2-D matrix"),
                new Case("BART header of 17 dimensions", dir -> cfl(dir, "8 8 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1", 64),
                        "17 dimensions given"),
                new Case("BART negative dimension", dir -> cfl(dir, "8 -3", 8), "dimension 1 is -3"),
                new Case("BART .cfl longer than its header", dir -> {
                    Path base = cfl(dir, "8 8 1 2", 128);
                    cfl(Files.createDirectories(dir.resolve("other")), "8 8 1 4", 256);
                    Files.copy(dir.resolve("other").resolve("k.cfl"), dir.resolve("k.cfl"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    return base;
                }, "the .hdr does not belong to this .cfl"));
    }

    static Stream<Case> all() {
        return Stream.concat(corpus(), issue15());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
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
    void corpusHasAtLeastAHundredCases() {
        long n = all().count();
        System.out.println("bad-input corpus: " + n + " cases");
        assertTrue(n >= 100, n + " cases");
        assertEquals(n, all().map(Case::name).distinct().count(), "every case has its own name");
    }

    @Test
    void goodFilesAreNotModifiedByReading() throws Exception {
        for (String name : List.of("ismrmrd_shepp_logan_64_8coil_R2.h5", "fastmri_knee_like.h5",
                "fastmri_undersampled_R4.h5", "fastmri_real_knee.h5", "fastmri_real_knee_test_bool.h5",
                "fastmri_real_knee_test_uint8.h5", "fastmri_real_knee_test_float32.h5", "fastmri_real_brain.h5",
                "ismrmrd_multislice_embedded.h5", "ismrmrd_interleaved_no_calibration.h5",
                "ismrmrd_outside_limits.h5")) {
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

    /**
     * SHA-256 (size where unreadable) and modification time of the input and, for BART, of its pair; for what is not
     * a regular file, what it is: a link and its target, a pipe or socket and its modification time, a device.
     */
    private static Map<Path, String> fingerprints(Path input) throws Exception {
        Map<Path, String> out = new LinkedHashMap<>();
        if (input == null) {
            return out;
        }
        Path base = Cfl.base(input);
        for (Path p : List.of(input, base.resolveSibling(base.getFileName() + ".cfl"),
                base.resolveSibling(base.getFileName() + ".hdr"))) {
            if (Files.isSymbolicLink(p)) {
                out.put(p, "link to " + Files.readSymbolicLink(p) + " " + Files.getLastModifiedTime(p,
                        java.nio.file.LinkOption.NOFOLLOW_LINKS));
            } else if (Files.isRegularFile(p)) {
                // An unreadable file cannot be hashed: its size and modification time stand for its content.
                String content = Files.isReadable(p)
                        ? HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)))
                        : Files.size(p) + " bytes";
                out.put(p, content + " " + Files.getLastModifiedTime(p));
            } else if (Files.isDirectory(p)) {
                out.put(p, "directory " + Files.getLastModifiedTime(p));
            } else if (Files.exists(p)) {
                // a device's times change with any process's use of it: its kind stands for it
                boolean device = p.startsWith("/dev");
                out.put(p, "special " + Files.getAttribute(p, "unix:mode") + (device ? ""
                        : " " + Files.getLastModifiedTime(p)));
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

    private static Path truncatedTo(Path dir, String fixture, int bytes) throws IOException {
        byte[] all = Files.readAllBytes(Fixtures.path(fixture));
        return write(dir.resolve(fixture), java.util.Arrays.copyOf(all, bytes));
    }

    private static Path symlinkLoop(Path dir) throws IOException {
        Path a = dir.resolve("scan.h5");
        Path b = dir.resolve("link.h5");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);
        return a;
    }

    private static void mkfifo(Path p) throws Exception {
        Process mk = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
        assumeTrue(mk.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && mk.exitValue() == 0,
                "mkfifo is not available");
    }

    private static Path fifo(Path dir) throws Exception {
        Path p = dir.resolve("stream.h5");
        mkfifo(p);
        return p;
    }

    private static Path socket(Path dir) throws IOException {
        Path p = dir.resolve("scan.h5");
        try (var server = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            server.bind(java.net.UnixDomainSocketAddress.of(p));
        }
        return p;
    }

    /**
     * A fully sampled k-space whose image is a disc (weighted per coil), with its root-sum-of-squares reference and,
     * with {@code truth}, the same image as truth: [slices, coils, ny, nx].
     */
    private static Map<String, NumPy.Array> disc(int slices, int ny, int nx, boolean truth) {
        int coils = 2;
        float[] k = new float[2 * slices * coils * ny * nx];
        float[] rss = new float[slices * ny * nx];
        for (int s = 0; s < slices; s++) {
            float[] c = new float[2 * coils * ny * nx]; // coil-major
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    double r = Math.hypot((y - ny / 2.0) / (0.35 * ny), (x - nx / 2.0 - 1) / (0.3 * nx));
                    double v = r < 1 ? 1 + 0.5 * s + 0.3 * Math.cos(3 * r) : 0;
                    for (int ci = 0; ci < coils; ci++) {
                        double w = ci == 0 ? 0.5 + 0.5 * y / ny : 1.0 - 0.5 * x / nx;
                        c[2 * ((ci * ny + y) * nx + x)] = (float) (v * w);
                        rss[(s * ny + y) * nx + x] += (float) (v * w * v * w);
                    }
                }
            }
            for (int i = 0; i < ny * nx; i++) {
                rss[s * ny * nx + i] = (float) Math.sqrt(rss[s * ny * nx + i]);
            }
            org.mrirecon.numerics.fft.Fft2c.forwardStack(c, coils, ny, nx);
            System.arraycopy(c, 0, k, s * c.length, c.length);
        }
        Map<String, NumPy.Array> m = new LinkedHashMap<>();
        m.put("kspace", NumPy.Array.complex64(k, slices, coils, ny, nx));
        m.put("reference", NumPy.Array.float32(rss, slices, ny, nx));
        if (truth) {
            m.put("truth", NumPy.Array.float32(rss.clone(), slices, ny, nx));
        }
        return m;
    }

    private static NumPy.Array rssOf(Map<String, NumPy.Array> m) {
        NumPy.Array r = m.get("reference");
        int[] s = r.shape();
        return NumPy.Array.float32(r.data().clone(), s[1], s[2]);
    }

    private static NumPy.Array cropOf(Map<String, NumPy.Array> m, int rows, int cols, int firstRow) {
        NumPy.Array r = rssOf(m);
        int nx = r.shape()[1];
        float[] out = new float[rows * cols];
        for (int y = 0; y < rows; y++) {
            System.arraycopy(r.data(), (firstRow + y) * nx, out, y * cols, cols);
        }
        return NumPy.Array.float32(out, rows, cols);
    }

    private static NumPy.Array scaled(NumPy.Array a, float f) {
        float[] d = a.data().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] *= f;
        }
        return NumPy.Array.float32(d, a.shape());
    }

    private static NumPy.Array randomImage(int rows, int cols, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] d = new float[rows * cols];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextFloat();
        }
        return NumPy.Array.float32(d, rows, cols);
    }

    /** The one-slice disc k-space with the given reference in place of its own. */
    private static Path withReference(Path dir, NumPy.Array reference) throws IOException {
        Map<String, NumPy.Array> m = disc(1, 16, 12, false);
        m.put("kspace", NumPy.Array.complex64(m.get("kspace").data(), 2, 16, 12));
        m.put("reference", reference);
        return npz(dir, m);
    }

    private static Path withMask(Path dir, NumPy.Array mask) throws IOException {
        Map<String, NumPy.Array> m = disc(1, 16, 12, false);
        m.remove("reference");
        m.put("mask", mask);
        return npz(dir, m);
    }

    /** A 4x-undersampled k-space (lines 0, 4, 8, 12) whose mask marks every line. */
    private static Path maskOnEmptyLines(Path dir) throws IOException {
        Map<String, NumPy.Array> m = disc(1, 16, 12, false);
        float[] k = m.get("kspace").data();
        for (int c = 0; c < 2; c++) {
            for (int ky = 0; ky < 16; ky++) {
                if (ky % 4 != 0) {
                    java.util.Arrays.fill(k, 2 * (c * 16 + ky) * 12, 2 * (c * 16 + ky + 1) * 12, 0f);
                }
            }
        }
        float[] all = new float[16];
        java.util.Arrays.fill(all, 1f);
        m.remove("reference");
        m.put("mask", NumPy.Array.float32(all, 16));
        return npz(dir, m);
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
        return npyRaw(dir, "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False")
                + ", 'shape': " + shape + ", }", dataBytes);
    }

    private static Path npyRaw(Path dir, String dict, int dataBytes) throws IOException {
        return write(dir.resolve("k.npy"), npyBytes(dict + "\n", dataBytes));
    }

    private static byte[] npyBytes(String descr, String shape, int dataBytes) {
        return npyBytes("{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }\n", dataBytes);
    }

    private static byte[] npyBytes(String dict, int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(10 + dict.length() + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) dict.length());
        b.put(dict.getBytes(StandardCharsets.US_ASCII));
        while (b.remaining() >= 4) {
            b.putFloat(1f);
        }
        return b.array();
    }

    /** An .npz holding one entry of the given bytes. */
    private static Path npzRaw(Path dir, String entry, byte[] bytes) throws IOException {
        Path p = dir.resolve("k.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(p))) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(bytes);
            zip.closeEntry();
        }
        return p;
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
