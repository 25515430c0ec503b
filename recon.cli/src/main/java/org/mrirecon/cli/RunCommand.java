package org.mrirecon.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.mrirecon.data.Dataset;
import org.mrirecon.report.Comparison;
import org.mrirecon.report.MethodResult;
import org.mrirecon.report.ReportWriter;

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
            description = "Method id (see 'methods'), optionally with a protocol, e.g. zero-filled@4:20.")
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

    RunCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        MethodSpec spec = MethodSpec.parse(method);
        Dataset dataset = data.load();
        MethodResult result;
        try (MethodRegistry.Lease lease = cli.registry.acquire(spec.id)) {
            Protocol protocol = spec.resolve(lease.reconstructor.descriptor(), dataset);
            ConsoleProgress progress = new ConsoleProgress(cli.err, spec.id, !noProgress);
            try {
                result = Evaluation.run(lease.reconstructor, lease.info.version, dataset, protocol, params, progress);
            } finally {
                progress.finish();
            }
        }
        Comparison comparison = new Comparison(dataset.source(), dataset.referenceRows(), dataset.referenceCols(),
                Evaluation.reference(dataset),
                List.of(result), null);
        ResultTable.print(cli.out, comparison);
        List<Path> files = new java.util.ArrayList<>(ReportWriter.write(out, comparison));
        files.addAll(NumPyOutputs.write(out, comparison));
        cli.out.println("Wrote " + files.size() + " files to " + out.toAbsolutePath() + "; open "
                + files.get(0).toAbsolutePath());
        return 0;
    }
}
