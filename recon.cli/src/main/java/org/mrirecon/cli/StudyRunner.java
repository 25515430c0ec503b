package org.mrirecon.cli;

import java.util.ArrayList;
import java.util.List;

import org.mrirecon.api.ReconstructionException;
import org.mrirecon.data.Dataset;
import org.mrirecon.evaluation.Comparison;
import org.mrirecon.evaluation.Sampling;
import org.mrirecon.evaluation.Trial;
import org.mrirecon.evaluation.TrialResult;
import org.mrirecon.evaluation.Yardsticks;
import org.mrirecon.phantom.MotionModel;

/**
 * Runs trials over every subject of a study at one motion rate: the yardsticks of each subject once (the truth is
 * the unmoved object), and for each trial the subject's scan as that trial's protocol acquires it under the motion.
 */
final class StudyRunner {

    private StudyRunner() {
    }

    static Comparison run(Cli cli, Study study, List<Trial> trials, double motionRate, String reference,
            boolean progress) throws ReconstructionException {
        List<TrialResult> results = new ArrayList<>();
        Yardsticks first = null;
        for (Study.Subject subject : study.subjects()) {
            Dataset data = subject.data();
            Yardsticks yardsticks = Yardsticks.of(data);
            if (first == null) {
                first = yardsticks;
            }
            MotionModel motion = subject.phantom() == null ? MotionModel.none() : subject.motion(motionRate);
            for (Trial t : trials) {
                Dataset scanned = data;
                if (!motion.isStatic() && t.sampling() instanceof Sampling.Protocol p) {
                    scanned = subject.scanned(motion, p.pattern(data.rows()));
                }
                results.addAll(TrialRunner.run(cli, List.of(t), scanned, yardsticks, progress));
            }
        }
        Dataset d = study.first();
        String title = study.description() + (motionRate > 0 ? String.format(java.util.Locale.ROOT,
                ", motion %.3g events/min", motionRate) : "");
        List<String> notes = new ArrayList<>(d.notes());
        if (motionRate > 0) {
            notes.add(String.format(java.util.Locale.ROOT, "motion %.3g events/min on the phantom's time line "
                    + "(docs/phantom.md): every protocol's echo trains measured at their times; the truth and the "
                    + "reference are the unmoved object's", motionRate));
        }
        return new Comparison(title, notes, first, results, reference); // images: the first subject
    }
}
