package org.mrirecon.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs several methods on the same data, each under its protocol, and prints one table. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Reconstruct the same data with several methods, each under its own protocol (acceleration "
                + "and ACS lines), and print NMSE, PSNR, SSIM, scan time and reconstruction time side by side.")
final class CompareCommand implements Callable<Integer> {

    private final Cli cli;

    @Option(names = {"-m", "--methods"}, split = ",", paramLabel = "ID[@ACCEL:ACS]",
            description = "Methods to compare, comma-separated, each optionally with a protocol "
                    + "(e.g. zero-filled@2:32,zero-filled@4:20). Default: every registered method at its own "
                    + "default protocol.")
    List<String> methods = new ArrayList<>();

    @Option(names = {"-p", "--param"}, paramLabel = "METHOD.NAME=VALUE",
            description = "A parameter for one method, e.g. cs.iterations=100 (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "recon-output",
            description = "Folder for the PNGs and metrics.csv (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--no-progress", description = "Do not draw progress bars.")
    boolean noProgress;

    @Mixin
    DataOptions data;

    CompareCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        List<MethodSpec> specs = MethodSpec.parseList(methods);
        if (specs.isEmpty()) {
            cli.registry.methods().forEach(m -> specs.add(MethodSpec.parse(m.descriptor.id())));
        }
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("no reconstruction methods are registered: install a method bundle");
        }
        for (String key : params.keySet()) {
            if (key.indexOf('.') <= 0) {
                throw new IllegalArgumentException("parameter '" + key + "' must name its method: METHOD.NAME=VALUE, "
                        + "e.g. cs.iterations=100");
            }
        }
        Dataset dataset = data.load();
        List<MethodResult> results = new ArrayList<>();
        for (MethodSpec spec : specs) {
            Map<String, String> own = new LinkedHashMap<>();
            params.forEach((k, v) -> {
                if (k.startsWith(spec.id + ".")) {
                    own.put(k.substring(spec.id.length() + 1), v);
                }
            });
            try (MethodRegistry.Lease lease = cli.registry.acquire(spec.id)) {
                Protocol protocol = spec.resolve(lease.reconstructor.descriptor());
                ConsoleProgress progress = new ConsoleProgress(cli.err, spec.toString(), !noProgress);
                try {
                    results.add(Evaluation.run(lease.reconstructor, dataset, protocol, own, progress));
                } finally {
                    progress.finish();
                }
            }
        }
        ResultTable.print(cli.out, dataset.name(), results);
        List<Path> files = Outputs.writeMiddleSlice(out, dataset, results);
        files.add(Outputs.writeCsv(out.resolve("metrics.csv"), results));
        cli.out.println("Wrote " + files.size() + " files to " + out.toAbsolutePath());
        return 0;
    }
}
