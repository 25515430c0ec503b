package org.mrirecon.cli;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import picocli.CommandLine;

/**
 * The benchmark's work units as a service for engines outside the framework (recon-spark): a Spark driver and its
 * executors each start the same OSGi runtime and call this with the benchmark's own command-line arguments and a
 * volume id, in strings only, so no type crosses between Spark's class loader and the framework's. Methods are found
 * through this framework's registry, third-party bundles included.
 */
@Component(service = BenchmarkUnits.class)
public final class BenchmarkUnits {

    private final MethodRegistry registry;
    private final BundleContext context;

    @Activate
    public BenchmarkUnits(@Reference MethodRegistry registry, BundleContext context) {
        this.registry = registry;
        this.context = context;
    }

    /** The volumes of {@code benchmark ARGS} that have units still to run (committed ones are skipped). */
    public String[] pendingVolumes(String[] args) throws Exception {
        return withRun(args, NO_PLAN, run -> run.pendingVolumes().toArray(String[]::new));
    }

    /** Runs one volume's pending units and returns them as a JSON array (not committed). */
    public String runVolume(String[] args, String volumeId) throws Exception {
        return withRun(args, volumeId, run -> {
            ArrayNode out = BenchmarkStore.JSON.createArrayNode();
            run.runVolume(volumeId).forEach(out::add);
            return BenchmarkStore.JSON.writeValueAsString(out);
        });
    }

    /** Commits units (a JSON array from {@link #runVolume}) into the benchmark's output folder. */
    public void commit(String[] args, String units) throws Exception {
        withRun(args, NO_PLAN, run -> {
            List<JsonNode> list = new ArrayList<>();
            BenchmarkStore.JSON.readTree(units).forEach(list::add);
            run.commitAll(list);
            return null;
        });
    }

    /** Rebuilds the tables, statistics and manifest from every committed unit; returns the exit code. */
    public int summarise(String[] args) throws Exception {
        return withRun(args, NO_PLAN, BenchmarkCommand.Run::summarise);
    }

    /**
     * Lets this runtime read data from paths its file API cannot (hdfs://, s3a://, ...; file: URIs too, through the
     * engine): {@code list} gives a folder's or glob's files as "URI TAB BYTES" lines, {@code fetch} copies one file
     * (with BART's .cfl/.hdr partner) into a fresh local temporary folder and gives the copy's path. Set by the Spark
     * engine in every JVM; a -i written as such a URI is then listed and staged through them, one volume at a time.
     */
    public void useRemoteFiles(java.util.function.Function<String, String[]> list,
            java.util.function.Function<String, String> fetch) {
        RemoteFiles.use(list, fetch);
    }

    /** Listing, committing and summarising resolve no trials up front, so no volume is read for them. */
    private static final String NO_PLAN = "";

    private interface Work<T> {
        T on(BenchmarkCommand.Run run) throws Exception;
    }

    /**
     * With a volume id, the trials are resolved on that volume alone; with {@link #NO_PLAN} not up front.
     */
    private <T> T withRun(String[] args, String volumeId, Work<T> work) throws Exception {
        Cli cli = new Cli(registry, context, System.out, System.err);
        CommandLine cl = cli.commandLine();
        String[] all = new String[args.length + 1];
        all[0] = "benchmark";
        System.arraycopy(args, 0, all, 1, args.length);
        cl.parseArgs(all);
        BenchmarkCommand b = cl.getSubcommands().get("benchmark").getCommand();
        try (AutoCloseable session = b.jobs.open(cli)) {
            BenchmarkCommand.Run run = b.run();
            if (!volumeId.isEmpty()) {
                run.planOn(volumeId);
            }
            return work.on(run);
        }
    }

}
