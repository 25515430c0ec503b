package org.mrirecon.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.mrirecon.data.Dataset;
import org.mrirecon.evaluation.Comparison;
import org.mrirecon.report.Display;
import org.mrirecon.report.ReportWriter;

/** What run and compare leave behind: the console tables, the report and the NumPy arrays. */
final class Outputs {

    private Outputs() {
    }

    /**
     * Fails now, before any computation, if the output folder cannot be created or written.
     *
     * @throws IllegalArgumentException naming the folder, the problem and the fix
     */
    static void checkWritable(Path out) {
        Path dir = out.toAbsolutePath();
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new IllegalArgumentException("output folder " + dir + " is a file: name a folder with -o");
            }
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException("cannot write the report to " + dir + " (" + e.getClass()
                    .getSimpleName() + ": " + e.getMessage() + "): choose a writable folder with -o");
        }
    }

    static void write(Cli cli, Path out, Comparison c, Dataset data) throws IOException {
        ResultTable.print(cli.out, c);
        List<Path> files = new ArrayList<>(ReportWriter.write(out, c, Display.of(data.attributes())));
        boolean transposed = "true".equals(data.attributes().get("layout.transposed"));
        files.addAll(NumPyOutputs.write(out, c, transposed));
        if (transposed) {
            cli.out.println("NumPy arrays are in the file's own orientation (the transpose of the tables' rows = "
                    + "phase-encode layout), so reference.npy matches the file's reference image.");
        }
        cli.out.println("Wrote " + files.size() + " files to " + out.toAbsolutePath() + "; open "
                + files.get(0).toAbsolutePath());
    }
}
