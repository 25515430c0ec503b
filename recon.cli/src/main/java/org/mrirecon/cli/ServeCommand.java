package org.mrirecon.cli;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.mrirecon.cli.worker.WorkerSupervisor;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Keeps the framework running: watches a deploy folder where method bundle jars are dropped, updated and removed at
 * runtime and {@code .cfg} files configure components, and reads Gogo shell commands from standard input until
 * {@code exit} or end of input. By default the deployed methods run in a supervised worker process (see
 * {@link WorkerSupervisor}); configurations go through Felix File Install and Configuration Admin. Ctrl-C cancels
 * the job in the foreground, not the server. Nothing listens on the network.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Keep the framework running with a Gogo shell (recon:methods, recon:run, recon:compare, "
                + "recon:jobs, recon:cancel, lb, ...) and watch a deploy folder: jars dropped there are deployed, "
                + "replaced jars updated, removed jars withdrawn; .cfg files configure components. A command ending "
                + "in & runs in the background; Ctrl-C cancels the foreground job.")
final class ServeCommand implements Callable<Integer> {

    private final Cli cli;

    @Option(names = "--deploy", paramLabel = "DIR", defaultValue = "deploy",
            description = "Folder to watch (created if missing; default ${DEFAULT-VALUE}).")
    Path deploy;

    @Option(names = "--poll", paramLabel = "MS", defaultValue = "1000",
            description = "How often the folder is scanned, in ms (default ${DEFAULT-VALUE}).")
    long poll;

    @Option(names = "--isolation", paramLabel = "MODE", defaultValue = "deploy",
            description = "Where methods run: deploy (default) runs deployed methods in a supervised worker "
                    + "process and built-in ones in the launcher; all runs every method in a worker; none installs "
                    + "deployed bundles into the launcher itself (fastest, unprotected).")
    JobOptions.Isolation isolation;

    @Option(names = "--override", paramLabel = "ID", split = ",",
            description = "Let a deployed method replace the built-in method of that id (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--mrd-port", paramLabel = "PORT",
            description = "Also serve the MRD streaming protocol (ISMRMRD over TCP, as Gadgetron and FIRE clients "
                    + "speak it) on this port; 0 takes a free one. See docs/streaming.md.")
    Integer mrdPort;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address the MRD server listens on (default ${DEFAULT-VALUE}: this machine only).")
    String bind;

    @Option(names = "--warm-up", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Once up, run each built-in method on one small phantom slice in the background, so "
                    + "that the first command or stream gets compiled code (--no-warm-up: do not).")
    boolean warmUp;

    ServeCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        if (cli.context == null) {
            throw new IllegalArgumentException("serve needs a running OSGi framework: start it with "
                    + "java -jar launcher.jar serve");
        }
        Files.createDirectories(deploy);
        Path dir = deploy.toAbsolutePath().normalize();
        JobOptions.warnIfWritableByOthers(dir, cli.err);
        overrides.forEach(cli.registry::allowOverride);
        WorkerSupervisor supervisor = null;
        if (isolation == JobOptions.Isolation.none) {
            cli.registry.addDeployFolder(dir);
            watch(dir, ".*\\.(jar|cfg|config)");
        } else {
            watch(dir, ".*\\.(cfg|config)"); // configurations for the launcher's own components
            supervisor = new WorkerSupervisor(cli.context, cli.registry, cli.registry.limits(), dir,
                    isolation == JobOptions.Isolation.all, poll, cli.err);
            try {
                supervisor.start();
            } catch (IOException e) {
                cli.err.println("error: " + e.getMessage() + "; deployed methods are not available");
                supervisor.close();
                supervisor = null;
            }
        }
        try {
            cli.out.println("Watching " + dir + " for method bundles (.jar) and configurations (.cfg)"
                    + (isolation == JobOptions.Isolation.none ? "." : "; deployed methods run in a worker process."));
            cli.out.println("Commands: recon:methods, recon:run, recon:compare, recon:bench, recon:jobs, recon:cancel, "
                    + "lb, help, exit.");
            try (AutoCloseable mrd = MrdServing.start(cli, mrdPort, bind);
                    AutoCloseable warm = warmUp ? WarmUp.start(cli, cli.out) : () -> { }) {
                return shell();
            }
        } finally {
            if (supervisor != null) {
                supervisor.close();
            }
        }
    }

    private void watch(Path dir, String filter) throws IOException {
        ServiceReference<ConfigurationAdmin> ref = cli.context.getServiceReference(ConfigurationAdmin.class);
        if (ref == null) {
            throw new IllegalStateException("Configuration Admin is not running: the launcher must include "
                    + "org.apache.felix.configadmin");
        }
        ConfigurationAdmin admin = cli.context.getService(ref);
        Configuration config = admin.createFactoryConfiguration("org.apache.felix.fileinstall", "?");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("felix.fileinstall.dir", dir.toString());
        props.put("felix.fileinstall.poll", Long.toString(poll));
        props.put("felix.fileinstall.noInitialDelay", "true");
        props.put("felix.fileinstall.bundles.new.start", "true");
        props.put("felix.fileinstall.filter", filter);
        config.update(props);
    }

    private int shell() throws Exception {
        ServiceReference<CommandProcessor> ref = cli.context.getServiceReference(CommandProcessor.class);
        if (ref == null) {
            throw new IllegalStateException("the Gogo runtime is not running: the launcher must include it");
        }
        CommandProcessor processor = cli.context.getService(ref);
        // Gogo redirects System.out/err per command thread to the session's streams; the session itself must write
        // to the real console, else its output would loop back into itself.
        PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream consoleErr = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
                StandardCharsets.UTF_8);
        onCtrlC(() -> {
            List<Jobs.Job> foreground = cli.registry.jobs().running().stream().filter(j -> !j.background).toList();
            if (foreground.isEmpty()) {
                cli.err.println();
                cli.err.println("(no job is running in the foreground; type exit to stop the server)");
            }
            for (Jobs.Job j : foreground) {
                cli.err.println();
                cli.err.println("cancelling job " + j.id + ": " + j.command);
                j.cancel("cancelled by the user (Ctrl-C)");
            }
        });
        try (CommandSession session = processor.createSession(System.in, console, consoleErr)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (true) {
                cli.out.print("recon> ");
                cli.out.flush();
                String line = in.readLine();
                if (line == null || line.trim().equals("exit") || line.trim().equals("quit")) {
                    cli.out.println();
                    return 0;
                }
                line = line.trim();
                if (line.isEmpty()) {
                    continue;
                }
                if (line.endsWith("&")) {
                    background(processor, line.substring(0, line.length() - 1).trim(), console, consoleErr);
                    continue;
                }
                execute(session, line);
            }
        }
    }

    private void execute(CommandSession session, String line) {
        try {
            Object result = session.execute(line);
            if (result instanceof Integer status) {
                if (status != 0) {
                    cli.out.println("exit status " + status + (status == Cli.EXIT_PARTIAL ? " (some trials failed)"
                            : ""));
                }
            } else if (result != null) {
                cli.out.println(session.format(result, Converter.INSPECT));
            }
        } catch (Exception e) {
            Throwable cause = e;
            while (cause instanceof java.lang.reflect.InvocationTargetException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            cli.err.println("error: " + (cause.getMessage() != null ? cause.getMessage() : cause.toString()));
            if (!(cause instanceof IllegalArgumentException)) {
                cause.printStackTrace(cli.err);
            }
        }
    }

    /** A command in a session of its own, on a thread of its own; recon:jobs lists it, recon:cancel stops it. */
    private void background(CommandProcessor processor, String line, PrintStream console, PrintStream consoleErr) {
        Thread t = new Thread(() -> {
            try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), console,
                    consoleErr)) {
                session.put(GogoCommands.BACKGROUND, Boolean.TRUE);
                execute(session, line);
                cli.out.println("[done] " + line);
            }
        }, "recon-background");
        t.setDaemon(true);
        t.start();
        cli.out.println("[started in the background] " + line + "  (recon:jobs lists it, recon:cancel ID stops it)");
    }

    /** Printed at start when Ctrl-C cannot reach this process. */
    static final String CTRL_C_IGNORED = "Ctrl-C is ignored here";

    /**
     * Ctrl-C cancels jobs instead of ending the JVM. sun.misc.Signal is reached by reflection through the system
     * class loader: it is not an OSGi package, and without it Ctrl-C simply stops the server as before.
     */
    private void onCtrlC(Runnable action) {
        try {
            ClassLoader system = ClassLoader.getSystemClassLoader();
            Class<?> signal = Class.forName("sun.misc.Signal", true, system);
            Class<?> handler = Class.forName("sun.misc.SignalHandler", true, system);
            Object h = Proxy.newProxyInstance(system, new Class<?>[] {handler}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "handle" -> action.run();
                    case "hashCode" -> {
                        return System.identityHashCode(proxy);
                    }
                    case "equals" -> {
                        return proxy == args[0];
                    }
                    case "toString" -> {
                        return "recon Ctrl-C handler";
                    }
                    default -> {
                        return null;
                    }
                }
                return null;
            });
            Object previous = signal.getMethod("handle", signal, handler).invoke(null,
                    signal.getConstructor(String.class).newInstance("INT"), h);
            if (previous == handler.getField("SIG_IGN").get(null)) {
                // The JVM keeps a SIGINT that was ignored when it started (a background job of a script, nohup)
                // ignored, and installs no handler: say so rather than let Ctrl-C silently do nothing.
                cli.err.println("note: " + CTRL_C_IGNORED + " (this process was started with SIGINT ignored, as a "
                        + "background job of a script is); recon:cancel ID stops a job");
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            cli.err.println("note: Ctrl-C stops the server (no signal handling here: " + e + ")");
        }
    }
}
