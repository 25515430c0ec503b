package org.mrirecon.cli;

import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The command line as Gogo shell commands on a running framework: {@code recon:methods}, {@code recon:run},
 * {@code recon:compare}, {@code recon:bench}, {@code recon:phantom}. Each takes the same options as the
 * command-line subcommand of that name and sees the methods registered at the moment it runs.
 */
@Component(service = GogoCommands.class, property = {"osgi.command.scope=recon",
    "osgi.command.function=methods", "osgi.command.function=run", "osgi.command.function=compare",
    "osgi.command.function=bench", "osgi.command.function=phantom"})
public class GogoCommands {

    private final MethodRegistry registry;
    private final BundleContext context;

    @Activate
    public GogoCommands(@Reference MethodRegistry registry, BundleContext context) {
        this.registry = registry;
        this.context = context;
    }

    @Descriptor("list the registered reconstruction methods")
    public int methods(String... args) {
        return execute("methods", args);
    }

    @Descriptor("reconstruct the data with one method (run 'recon:run --help')")
    public int run(String... args) {
        return execute("run", args);
    }

    @Descriptor("compare methods on the same data and write the report (run 'recon:compare --help')")
    public int compare(String... args) {
        return execute("compare", args);
    }

    @Descriptor("benchmark methods (run 'recon:bench --help')")
    public int bench(String... args) {
        return execute("bench", args);
    }

    @Descriptor("write phantom slices as .npz files (run 'recon:phantom --help')")
    public int phantom(String... args) {
        return execute("phantom", args);
    }

    private int execute(String command, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        // Gogo routes System.out/err of the command's thread to the session.
        return new Cli(registry, context, System.out, System.err).execute(all);
    }
}
