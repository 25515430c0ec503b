package org.mrirecon.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.mrirecon.cli.worker.WorkerSupervisor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

import picocli.CommandLine.Option;

/**
 * Options of the commands that run methods: the time limit, method jars from a folder for this command only, where
 * methods run, and which built-in methods a deployed one may replace.
 */
final class JobOptions {

    /** Where methods run. */
    enum Isolation {
        /** Deployed methods in a supervised worker process, built-in ones in the launcher (the default). */
        deploy,
        /** Every method in a worker process. */
        all,
        /** Deployed bundles installed into the launcher itself: fastest, and unprotected. */
        none
    }

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Time limit per slice of each trial (default 60, or sliceTimeout in the configuration "
                    + MethodRegistry.PID + "): a method past it is cancelled, and stopped hard if it does not stop.")
    Double timeout;

    @Option(names = "--deploy", paramLabel = "DIR",
            description = "Also load the method bundles (.jar) of this folder, for this command only.")
    Path deploy;

    @Option(names = "--isolation", paramLabel = "MODE",
            description = "Where methods run: deploy (default) runs deployed methods in a supervised worker "
                    + "process and built-in ones in the launcher; all runs every method in a worker; none installs "
                    + "deployed bundles into the launcher itself (fastest, unprotected).")
    Isolation isolation;

    @Option(names = "--override", paramLabel = "ID", split = ",",
            description = "Let a deployed method replace the built-in method of that id (repeatable).")
    List<String> overrides = new ArrayList<>();

    /** Applies the options for one command; closing undoes them (stops the worker, uninstalls the jars). */
    AutoCloseable open(Cli cli) throws IOException {
        List<AutoCloseable> undo = new ArrayList<>();
        JobLimits limits = cli.registry.limits();
        if (timeout != null) {
            if (!(timeout > 0)) {
                throw new IllegalArgumentException("--timeout must be a positive number of seconds, got " + timeout);
            }
            limits = limits.withSliceTimeout(Duration.ofMillis(Math.round(timeout * 1000)));
        }
        cli.limits = limits;
        try {
            for (String id : overrides) {
                undo.add(cli.registry.allowOverride(id));
            }
            Isolation mode = isolation == null ? Isolation.deploy : isolation;
            if (deploy != null) {
                if (!Files.isDirectory(deploy)) {
                    throw new IllegalArgumentException("--deploy " + deploy + ": no such folder");
                }
                warnIfWritableByOthers(deploy, cli.err);
            }
            if ((deploy != null || mode == Isolation.all) && cli.context == null) {
                throw new IllegalArgumentException("--deploy and --isolation need a running OSGi framework");
            }
            if (mode == Isolation.none && deploy != null) {
                undo.add(installInProcess(cli, deploy));
            } else if (deploy != null || mode == Isolation.all) {
                WorkerSupervisor s = new WorkerSupervisor(cli.context, cli.registry, limits, deploy,
                        mode == Isolation.all, 500, cli.err);
                undo.add(s);
                s.start();
            }
        } catch (IOException | RuntimeException e) {
            closeAll(undo);
            throw e;
        }
        return () -> closeAll(undo);
    }

    private static void closeAll(List<AutoCloseable> undo) {
        Collections.reverse(undo);
        for (AutoCloseable c : undo) {
            try {
                c.close();
            } catch (Exception e) {
                // undoing one must not keep the others from being undone
            }
        }
        undo.clear();
    }

    /** --isolation none: the folder's bundles in the launcher's own framework, for this command. */
    private static AutoCloseable installInProcess(Cli cli, Path dir) throws IOException {
        cli.registry.addDeployFolder(dir);
        List<Bundle> installed = new ArrayList<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "*.jar")) {
            for (Path jar : jars) {
                try {
                    installed.add(cli.context.installBundle(jar.toAbsolutePath().toUri().toString()));
                } catch (BundleException e) {
                    cli.err.println("deploy: " + jar.getFileName() + " not installed: " + e.getMessage());
                }
            }
        }
        for (Bundle b : installed) {
            try {
                b.start();
            } catch (BundleException e) {
                cli.err.println("deploy: " + b.getSymbolicName() + " " + b.getVersion() + " not started: "
                        + e.getMessage());
            }
        }
        long end = System.nanoTime() + cli.registry.limits().activationTimeout().toNanos();
        while (cli.registry.probing() > 0 && System.nanoTime() < end) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return () -> {
            for (Bundle b : installed) {
                try {
                    b.uninstall();
                } catch (BundleException | IllegalStateException e) {
                    // already gone
                }
            }
        };
    }

    /** Anyone who can write into a deploy folder runs code in the framework: say so when others can. */
    static void warnIfWritableByOthers(Path dir, PrintStream err) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(dir);
            boolean group = p.contains(PosixFilePermission.GROUP_WRITE);
            boolean others = p.contains(PosixFilePermission.OTHERS_WRITE);
            if (group || others) {
                err.println("warning: the deploy folder " + dir.toAbsolutePath() + " is writable by "
                        + (others ? "every user" : "its group") + ": whoever can write there runs code here "
                        + "(chmod go-w " + dir + ")");
            }
        } catch (IOException | UnsupportedOperationException notPosix) {
            // no POSIX permissions to check
        }
    }
}
