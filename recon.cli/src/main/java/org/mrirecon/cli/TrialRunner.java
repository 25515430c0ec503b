package org.mrirecon.cli;

import java.util.ArrayList;
import java.util.List;

import org.mrirecon.api.ReconstructionException;
import org.mrirecon.data.Dataset;
import org.mrirecon.evaluation.Evaluation;
import org.mrirecon.evaluation.Trial;
import org.mrirecon.evaluation.TrialResult;
import org.mrirecon.evaluation.Yardsticks;

/** Runs resolved trials on one dataset through the registry, each with a progress bar. */
final class TrialRunner {

    private TrialRunner() {
    }

    static List<TrialResult> run(Cli cli, List<Trial> trials, Dataset data, Yardsticks yardsticks, boolean progress)
            throws ReconstructionException {
        List<TrialResult> results = new ArrayList<>();
        for (Trial t : trials) {
            try (MethodRegistry.Lease lease = cli.registry.acquire(t.methodId())) {
                ConsoleProgress bar = new ConsoleProgress(cli.err, t.label(), progress);
                try {
                    results.add(Evaluation.run(lease.reconstructor, lease.info.identity(), data, yardsticks, t,
                            data.source(), bar));
                } finally {
                    bar.finish();
                }
            }
        }
        return results;
    }
}
