package org.mrirecon.cli;

import java.io.IOException;
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

    static void write(Cli cli, Path out, Comparison c, Dataset data) throws IOException {
        ResultTable.print(cli.out, c);
        List<Path> files = new ArrayList<>(ReportWriter.write(out, c, Display.of(data.attributes())));
        files.addAll(NumPyOutputs.write(out, c));
        cli.out.println("Wrote " + files.size() + " files to " + out.toAbsolutePath() + "; open "
                + files.get(0).toAbsolutePath());
    }
}
