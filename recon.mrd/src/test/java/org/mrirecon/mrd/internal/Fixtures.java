package org.mrirecon.mrd.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** The fixtures of make_fixtures.sh, and recon.io's ISMRMRD acceptance file when this checkout has it. */
public final class Fixtures {

    public static final Path DIR = Paths.get("src/test/resources/fixtures");
    /** ismrmrd_generate_cartesian_shepp_logan -m 64 -c 4 -a 2 -w 16 -C: 2 repetitions, a noise scan. */
    public static final Path SHEPP_LOGAN = DIR.resolve("shepp_logan_64_4coil_R2.h5");
    /** 3 slices x 2 repetitions, lines interleaved across slices, reversed readouts, geometry. */
    public static final Path MULTISLICE = DIR.resolve("multislice_64_4coil_R2.h5");

    private Fixtures() {
    }

    /** Every ISMRMRD file the equivalence tests run on. */
    public static List<Path> all() {
        List<Path> files = new ArrayList<>(List.of(SHEPP_LOGAN, MULTISLICE));
        Path io = Paths.get("../recon.io/src/test/resources/fixtures/ismrmrd_shepp_logan_64_8coil_R2.h5");
        if (Files.isRegularFile(io)) {
            files.add(io);
        }
        return files;
    }
}
