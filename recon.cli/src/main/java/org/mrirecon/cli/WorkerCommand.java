package org.mrirecon.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.mrirecon.cli.worker.WorkerAgent;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The launcher started as a worker process by a supervisor (see {@link org.mrirecon.cli.worker.WorkerSupervisor}). */
@Command(name = "worker", hidden = true, description = "Internal: run methods for a supervising launcher.")
final class WorkerCommand implements Callable<Integer> {

    private final Cli cli;

    @Option(names = "--channel", required = true, paramLabel = "SOCKET",
            description = "The supervisor's Unix-domain socket.")
    Path channel;

    WorkerCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        if (cli.context == null) {
            throw new IllegalArgumentException("worker needs a running OSGi framework");
        }
        return new WorkerAgent(cli.context, cli.registry, cli.err).run(channel);
    }
}
