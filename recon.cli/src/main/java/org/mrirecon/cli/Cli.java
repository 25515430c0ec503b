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
 * <p>Exit codes: 0 success, 1 the job failed (bad input, a method rejected the data; the message says why),
 * 2 the command line itself was wrong.
 */
@Command(name = "recon", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Interchangeable MRI reconstruction methods, compared on the same data.%n"
                + "Methods are OSGi services found in the running framework; data defaults to the built-in knee "
                + "phantom.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Cli implements Runnable {

    final MethodRegistry registry;
    final BundleContext context; // null outside a framework
    final PrintStream out;
    final PrintStream err;

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

    /** Parses and runs a command line; returns the exit code. Never throws and never calls System.exit. */
    public int execute(String... args) {
        CommandLine cl = new CommandLine(this);
        cl.addSubcommand("methods", new MethodsCommand(this));
        cl.addSubcommand("run", new RunCommand(this));
        cl.addSubcommand("compare", new CompareCommand(this));
        cl.addSubcommand("bench", new BenchCommand(this));
        cl.addSubcommand("phantom", new PhantomCommand(this));
        cl.addSubcommand("serve", new ServeCommand(this));
        cl.addSubcommand("send", new SendCommand(this));
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
