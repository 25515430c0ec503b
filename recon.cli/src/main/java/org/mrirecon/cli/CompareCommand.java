package org.mrirecon.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.mrirecon.evaluation.Comparison;
import org.mrirecon.evaluation.Trial;
import org.mrirecon.evaluation.TrialResult;
import org.mrirecon.report.MotionReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs several methods on the same data, each under its protocol, prints the tables and writes the report. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Reconstruct the same data with several methods, each under its own protocol (acceleration "
                + "and ACS lines); print NMSE, PSNR, SSIM, scan time, run time and paired statistics against a "
                + "reference method; write the report (HTML, CSV, JSON, PNGs).")
final class CompareCommand implements Callable<Integer> {

    /** The seed study's protocols: clinical GRAPPA 2x / 32 ACS against VarNet 4x / 20 ACS, plus CS and zero-filled. */
    static final List<String> SEED_STUDY = List.of("grappa@2:32", "varnet@4:20", "cs@4:20", "zero-filled@4:20");

    private final Cli cli;

    @Mixin
    MethodSelection selection;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "A predefined comparison: 'seed-study' = " + "grappa@2:32, varnet@4:20, cs@4:20, "
                    + "zero-filled@4:20 with GRAPPA 2x as the reference (Johnson et al., Radiology 2023).")
    String preset;

    @Option(names = "--reference", paramLabel = "ID[@ACCEL:ACS]",
            description = "Reference trial of the paired statistics (default: the first trial).")
    String reference;


    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "recon-output",
            description = "Folder for the report (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--no-progress", description = "Do not draw progress bars.")
    boolean noProgress;

    @Mixin
    DataOptions data;

    @Mixin
    JobOptions jobs;

    CompareCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        if (preset != null) {
            if (!preset.equals("seed-study")) {
                throw new IllegalArgumentException("unknown preset '" + preset + "'; known: seed-study");
            }
            if (!selection.methods.isEmpty()) {
                throw new IllegalArgumentException("--preset and --methods exclude each other");
            }
            selection.methods.addAll(SEED_STUDY);
            if (reference == null) {
                reference = SEED_STUDY.get(0);
            }
        }
        selection.specs(cli.registry); // unknown methods and malformed trials fail before the data is loaded
        Outputs.checkWritable(out); // and so does an unusable output folder
        List<Double> rates = data.motionRates();
        try (AutoCloseable session = jobs.open(cli)) {
            Study study = data.loadStudy();
            List<Trial> trials = selection.resolve(cli.registry, study.first(), cli.limits().absentGrace());
            if (rates.size() == 1) {
                Comparison comparison = StudyRunner.run(cli, study, trials, rates.get(0), reference, !noProgress);
                Outputs.write(cli, out, comparison, study.first());
                return cli.status(comparison.results());
            }
            List<MotionReport.Run> runs = new ArrayList<>();
            List<TrialResult> all = new ArrayList<>();
            for (double rate : rates) {
                String folder = "motion_" + String.valueOf(rate).replace('.', '_');
                cli.out.printf("%n=== motion %s events/min -> %s ===%n", rate, out.resolve(folder));
                Comparison comparison = StudyRunner.run(cli, study, trials, rate, reference, !noProgress);
                Outputs.write(cli, out.resolve(folder), comparison, study.first());
                runs.add(new MotionReport.Run(rate, comparison, folder));
                all.addAll(comparison.results());
            }
            cli.out.println();
            cli.out.print(MotionReport.text(runs));
            List<Path> files = MotionReport.write(out, runs);
            cli.out.println("Wrote the motion summary " + files.get(0).toAbsolutePath());
            return cli.status(all);
        }
    }
}
