package org.mrirecon.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.CancellationException;

import org.mrirecon.api.ReconstructionException;
import org.osgi.framework.BundleContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The command line: {@code methods}, {@code run}, {@code compare}. Framework-independent: it gets the method
 * registry and output streams from whoever starts it (the launcher's main thread, a test, a shell command).
 *
 * <p>Exit codes: 0 every trial ran, 3 some trials failed (their rows say why; the report is written), 1 nothing
 * could run (bad input, every trial failed; the message says why), 2 the command line itself was wrong.
 */
@Command(name = "recon", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Interchangeable MRI reconstruction methods, compared on the same data.%n"
                + "Methods are OSGi services found in the running framework; data defaults to the built-in knee "
                + "phantom.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Cli implements Runnable {

    /** Every trial ran. */
    public static final int EXIT_OK = 0;
    /** Nothing could run: bad input, or every trial failed. */
    public static final int EXIT_FAILED = 1;
    /** The command line was malformed. */
    public static final int EXIT_USAGE = 2;
    /** Some trials failed; the others' results and the report are there. */
    public static final int EXIT_PARTIAL = 3;

    final MethodRegistry registry;
    final BundleContext context; // null outside a framework
    final PrintStream out;
    final PrintStream err;
    /** The limits of this command's jobs (its options over the configuration); null until a command sets them. */
    JobLimits limits;
    /** The job this command runs as, or null. */
    Jobs.Job job;
    /** Whether Ctrl-C leaves this command alone (a job started in the background of the shell). */
    boolean background;

    @Spec
    CommandSpec spec;

    @Option(names = "--stacktrace", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the stack trace of an error (for bug reports).")
    boolean stacktrace;

    /**
     * @param context the framework the commands run in, or null (then {@code serve} is unavailable)
     */
    public Cli(MethodRegistry registry, BundleContext context, PrintStream out, PrintStream err) {
        this.registry = registry;
        this.context = context;
        this.out = out;
        this.err = err;
    }

    @Override
    public void run() {
        spec.commandLine().usage(out);
    }

    JobLimits limits() {
        return limits != null ? limits : registry.limits();
    }

    /** The exit code of a command's trials, with a line saying what failed when some did. */
    int status(java.util.List<org.mrirecon.evaluation.TrialResult> results) {
        return status((int) results.stream().filter(org.mrirecon.evaluation.TrialResult::failed).count(),
                results.size());
    }

    int status(int failed, int total) {
        if (failed == 0) {
            return EXIT_OK;
        }
        if (failed == total) {
            err.println("error: no trial could run (" + failed + " failed; see above)");
            return EXIT_FAILED;
        }
        err.println("warning: " + failed + " of " + total + " trials failed; the others' results are "
                + "written (exit status " + EXIT_PARTIAL + ")");
        return EXIT_PARTIAL;
    }

    /** Parses and runs a command line; returns the exit code. Never throws and never calls System.exit. */
    public int execute(String... args) {
        boolean runsJobs = args.length > 0 && !args[0].equals("serve") && !args[0].equals("worker");
        if (!runsJobs) {
            return parseAndRun(args);
        }
        try (Jobs.Job j = registry.jobs().start(String.join(" ", args), background)) {
            job = j;
            return parseAndRun(args);
        } finally {
            job = null;
        }
    }

    /**
     * The command tree. {@link CommandLineIndex} records its usage texts and options at build time for the launcher's
     * front door, which answers help and usage errors without starting the framework.
     */
    CommandLine commandLine() {
        CommandLine cl = new CommandLine(this);
        cl.addSubcommand("methods", new MethodsCommand(this));
        cl.addSubcommand("run", new RunCommand(this));
        cl.addSubcommand("compare", new CompareCommand(this));
        cl.addSubcommand("bench", new BenchCommand(this));
        cl.addSubcommand("benchmark", new BenchmarkCommand(this));
        cl.addSubcommand("phantom", new PhantomCommand(this));
        cl.addSubcommand("serve", new ServeCommand(this));
        cl.addSubcommand("worker", new WorkerCommand(this));
        cl.addSubcommand("send", new SendCommand(this));
        return cl;
    }

    private int parseAndRun(String... args) {
        CommandLine cl = commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable cause = ex;
            if (ex instanceof CommandLine.ExecutionException && ex.getCause() != null) {
                cause = ex.getCause();
            }
            if (cause instanceof UsageException) {
                err.println("error: " + cause.getMessage());
                err.println("(run '" + commandLine.getCommandName() + " --help' for the usage)");
                return 2;
            }
            boolean known = cause instanceof IllegalArgumentException || cause instanceof ReconstructionException
                    || cause instanceof CancellationException || cause instanceof java.io.IOException
                    || cause instanceof org.mrirecon.io.DataFormatException;
            err.println("error: " + (known ? cause.getMessage() : cause.toString()));
            if (stacktrace || !known) {
                cause.printStackTrace(err);
            } else {
                err.println("(run with --stacktrace for details)");
            }
            return 1;
        });
        return cl.execute(args);
    }

    /** Reports the CLI bundle's version and the commit it was built from (bnd writes both into the manifest). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            org.osgi.framework.Bundle b = org.osgi.framework.FrameworkUtil.getBundle(Cli.class);
            if (b == null) {
                return new String[] {"recon (not run from a bundle: no version recorded)"};
            }
            String commit = b.getHeaders().get("Build-Commit");
            return new String[] {"recon " + b.getVersion() + (commit == null || commit.isBlank() ? ""
                    : " (commit " + commit.substring(0, Math.min(12, commit.length())).toLowerCase(java.util.Locale.ROOT) + ")"),
                "Java " + System.getProperty("java.version") + ", " + System.getProperty("java.vm.name")};
        }
    }
}
