package org.mrirecon.cli;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.concurrent.Callable;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Keeps the framework running: watches a deploy folder (Felix File Install, configured through Configuration Admin)
 * where method bundle jars are dropped, updated and removed at runtime and {@code .cfg} files configure components,
 * and reads Gogo shell commands from standard input until {@code exit} or end of input.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Keep the framework running with a Gogo shell (recon:methods, recon:run, recon:compare, lb, "
                + "...) and watch a deploy folder: jars dropped there are installed and started, replaced jars "
                + "updated, removed jars uninstalled; .cfg files configure components.")
final class ServeCommand implements Callable<Integer> {

    private final Cli cli;

    @Option(names = "--deploy", paramLabel = "DIR", defaultValue = "deploy",
            description = "Folder to watch (created if missing; default ${DEFAULT-VALUE}).")
    Path deploy;

    @Option(names = "--poll", paramLabel = "MS", defaultValue = "1000",
            description = "How often the folder is scanned, in ms (default ${DEFAULT-VALUE}).")
    long poll;

    @Option(names = "--mrd-port", paramLabel = "PORT",
            description = "Also serve the MRD streaming protocol (ISMRMRD over TCP, as Gadgetron and FIRE clients "
                    + "speak it) on this port; 0 takes a free one. See docs/streaming.md.")
    Integer mrdPort;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address the MRD server listens on (default ${DEFAULT-VALUE}: this machine only).")
    String bind;

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
        watch(dir);
        cli.out.println("Watching " + dir + " for method bundles (.jar) and configurations (.cfg).");
        cli.out.println("Commands: recon:methods, recon:run, recon:compare, recon:bench, lb, help, exit.");
        try (AutoCloseable mrd = MrdServing.start(cli, mrdPort, bind)) {
            return shell();
        }
    }

    private void watch(Path dir) throws IOException {
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
        props.put("felix.fileinstall.filter", ".*\\.(jar|cfg|config)");
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
                if (line.isBlank()) {
                    continue;
                }
                try {
                    Object result = session.execute(line);
                    if (result != null && !(result instanceof Integer)) {
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
        }
    }
}
