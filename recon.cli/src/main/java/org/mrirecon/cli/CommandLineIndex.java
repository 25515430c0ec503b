package org.mrirecon.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Records, at build time, what the launcher's front door ({@code recon.front}) needs to answer {@code help},
 * {@code --help} and usage errors without starting the OSGi framework: each command's usage text, exactly as picocli
 * renders it, and its options (names, arity, label) and positional parameters.
 *
 * <p>Run by exec-maven-plugin in {@code process-classes}; writes {@code DIR/usage/COMMAND.txt} and
 * {@code DIR/commands.tsv}. The lines of {@code commands.tsv}, tab-separated:
 * <pre>
 * option   COMMAND  NAMES(space-separated)  MIN-ARITY  MAX-ARITY  LABEL
 * position COMMAND  MAX-COUNT
 * </pre>
 * The root command is {@code recon}.
 */
public final class CommandLineIndex {

    private CommandLineIndex() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CommandLineIndex OUTPUT_DIR");
        }
        Path dir = Paths.get(args[0]);
        Files.createDirectories(dir.resolve("usage"));
        CommandLine root = new Cli(null, null, System.out, System.err).commandLine();
        StringBuilder model = new StringBuilder();
        record("recon", root, dir, model);
        for (Map.Entry<String, CommandLine> sub : root.getSubcommands().entrySet()) {
            record(sub.getKey(), sub.getValue(), dir, model);
        }
        Files.writeString(dir.resolve("commands.tsv"), model.toString(), StandardCharsets.UTF_8);
    }

    /**
     * What the real parser says about a command line without running it: picocli's own help, version and error
     * handling print as the launcher would and give its exit code; a command line that would run gives -1. For tests
     * of the front door, which must agree with it.
     */
    public static int check(String[] args, java.io.PrintStream out, java.io.PrintStream err) {
        CommandLine cl = new Cli(null, null, out, err).commandLine();
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setExecutionStrategy(parseResult -> {
            Integer helpExit = CommandLine.executeHelpRequest(parseResult);
            if (helpExit != null) {
                return helpExit;
            }
            if (!parseResult.hasSubcommand()) {
                parseResult.commandSpec().commandLine().usage(out); // what Cli.run does
                return 0;
            }
            return -1;
        });
        return cl.execute(args);
    }

    private static void record(String name, CommandLine cl, Path dir, StringBuilder model) throws IOException {
        Files.writeString(dir.resolve("usage").resolve(name + ".txt"), cl.getUsageMessage(CommandLine.Help.Ansi.OFF),
                StandardCharsets.UTF_8);
        CommandSpec spec = cl.getCommandSpec();
        for (OptionSpec o : spec.options()) {
            StringBuilder names = new StringBuilder(String.join(" ", o.names()));
            if (o.negatable()) {
                for (String n : o.names()) {
                    String negated = spec.negatableOptionTransformer().makeNegative(n, spec);
                    if (!negated.equals(n)) {
                        names.append(' ').append(negated);
                    }
                }
            }
            model.append("option\t").append(name).append('\t').append(names).append('\t')
                    .append(o.arity().min()).append('\t').append(o.arity().max()).append('\t')
                    .append(o.paramLabel()).append('\n');
        }
        int positional = spec.positionalParameters().stream().mapToInt(p -> p.arity().max()).sum();
        model.append("position\t").append(name).append('\t').append(positional).append('\n');
    }
}
