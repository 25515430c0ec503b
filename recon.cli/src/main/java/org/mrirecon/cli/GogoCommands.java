package org.mrirecon.cli;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The command line as Gogo shell commands on a running framework: {@code recon:methods}, {@code recon:run},
 * {@code recon:compare}, {@code recon:bench}, {@code recon:phantom}, and {@code recon:jobs} / {@code recon:cancel}
 * for the jobs in flight. Each takes the same options as the command-line subcommand of that name and sees the
 * methods registered at the moment it runs.
 */
@Component(service = GogoCommands.class, property = {"osgi.command.scope=recon",
    "osgi.command.function=methods", "osgi.command.function=run", "osgi.command.function=compare",
    "osgi.command.function=bench", "osgi.command.function=phantom", "osgi.command.function=jobs",
    "osgi.command.function=cancel"})
public class GogoCommands {

    /** Session variable set by serve on the sessions of background jobs (Ctrl-C leaves those alone). */
    public static final String BACKGROUND = "recon.background";

    private final MethodRegistry registry;
    private final BundleContext context;

    @Activate
    public GogoCommands(@Reference MethodRegistry registry, BundleContext context) {
        this.registry = registry;
        this.context = context;
    }

    @Descriptor("list the registered reconstruction methods")
    public int methods(CommandSession session, String... args) {
        return execute(session, "methods", args);
    }

    @Descriptor("reconstruct the data with one method (run 'recon:run --help')")
    public int run(CommandSession session, String... args) {
        return execute(session, "run", args);
    }

    @Descriptor("compare methods on the same data and write the report (run 'recon:compare --help')")
    public int compare(CommandSession session, String... args) {
        return execute(session, "compare", args);
    }

    @Descriptor("benchmark methods (run 'recon:bench --help')")
    public int bench(CommandSession session, String... args) {
        return execute(session, "bench", args);
    }

    @Descriptor("write phantom slices as .npz files (run 'recon:phantom --help')")
    public int phantom(CommandSession session, String... args) {
        return execute(session, "phantom", args);
    }

    @Descriptor("list the jobs in flight (a command ending in & runs in the background)")
    public void jobs() {
        if (registry.jobs().running().isEmpty()) {
            System.out.println("No jobs are running.");
        } else {
            System.out.println(" id   elapsed  where      trial                    command");
            registry.jobs().running().forEach(System.out::println);
        }
        registry.jobs().abandoned().forEach(t -> System.out.println("given up on, still running: " + t));
    }

    @Descriptor("cancel a job by its id (see recon:jobs), or every job with 'all'")
    public int cancel(@Descriptor("job id or all") String id) {
        if (id.equals("all")) {
            registry.jobs().running().forEach(j -> j.cancel("cancelled by the user (recon:cancel)"));
            return 0;
        }
        Jobs.Job j;
        try {
            j = registry.jobs().get(Integer.parseInt(id));
        } catch (NumberFormatException e) {
            j = null;
        }
        if (j == null) {
            System.err.println("no job " + id + " is running (recon:jobs lists them)");
            return 1;
        }
        j.cancel("cancelled by the user (recon:cancel " + id + ")");
        System.out.println("cancelling job " + j.id + ": " + j.command);
        return 0;
    }

    private int execute(CommandSession session, String command, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        // Gogo routes System.out/err of the command's thread to the session.
        Cli cli = new Cli(registry, context, System.out, System.err);
        cli.background = session != null && Boolean.TRUE.equals(session.get(BACKGROUND));
        return cli.execute(all);
    }
}
