package org.mrirecon.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.mrirecon.data.Dataset;
import org.mrirecon.evaluation.Comparison;
import org.mrirecon.evaluation.Trial;
import org.mrirecon.evaluation.TrialResult;
import org.mrirecon.evaluation.TrialSpec;
import org.mrirecon.evaluation.Yardsticks;

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
        TrialSpec spec = TrialSpec.parse(method);
        try (AutoCloseable session = jobs.open(cli)) {
            Dataset dataset = data.load();
            Trial trial = MethodSelection.resolveOne(cli.registry, spec, dataset, params, cli.limits().absentGrace());
            Yardsticks yardsticks = Yardsticks.of(dataset);
            List<TrialResult> results = TrialRunner.run(cli, List.of(trial), dataset, yardsticks, !noProgress);
            Outputs.write(cli, out, new Comparison(dataset.source(), dataset.notes(), yardsticks, results, null),
                    dataset);
            return cli.status(results);
        }
    }
}
