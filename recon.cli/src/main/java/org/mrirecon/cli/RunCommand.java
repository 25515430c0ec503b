package org.mrirecon.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.mrirecon.evaluation.Comparison;
import org.mrirecon.evaluation.Trial;
import org.mrirecon.evaluation.TrialSpec;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs one method on the data, writes PNGs and prints its scores. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Reconstruct the data with one method, print NMSE, PSNR and SSIM against the fully sampled "
                + "reference, and write the report (HTML, CSV, JSON, PNGs of every slice).")
final class RunCommand implements Callable<Integer> {

    private final Cli cli;

    @Option(names = {"-m", "--method"}, required = true, paramLabel = "ID[@ACCEL:ACS]",
            description = "Method id (see 'methods'), optionally with a protocol and parameters, e.g. "
                    + "zero-filled@4:20 or cs@4:20{lambda=0.001}.")
    String method;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "A method parameter (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "recon-output",
            description = "Folder for the report (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--no-progress", description = "Do not draw a progress bar.")
    boolean noProgress;

    @Mixin
    DataOptions data;

    @Mixin
    JobOptions jobs;

    RunCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        TrialSpec spec;
        try {
            spec = TrialSpec.parse(method);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Outputs.checkWritable(out);
        List<Double> rates = data.motionRates();
        if (rates.size() > 1) {
            throw new UsageException("run takes one --motion rate; compare runs several");
        }
        try (AutoCloseable session = jobs.open(cli)) {
            Study study = data.loadStudy();
            Trial trial = MethodSelection.resolveOne(cli.registry, spec, study.first(), params,
                    cli.limits().absentGrace());
            Comparison comparison = StudyRunner.run(cli, study, List.of(trial), rates.get(0), null, !noProgress);
            Outputs.write(cli, out, comparison, study.first());
            return cli.status(comparison.results());
        }
    }
}
