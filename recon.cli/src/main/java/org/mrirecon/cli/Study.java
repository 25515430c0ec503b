package org.mrirecon.cli;

import java.util.List;

import org.mrirecon.api.SamplingPattern;
import org.mrirecon.data.Dataset;
import org.mrirecon.phantom.KneePhantom;
import org.mrirecon.phantom.MotionModel;

/**
 * What a command runs on: one or more subjects (a file, the phantom, or a phantom cohort), each with its static
 * dataset; for the phantom, the means to simulate a subject's scan under motion for a trial's sampling pattern.
 */
final class Study {

    /**
     * One subject.
     *
     * @param phantom the phantom that made the data, or null for a file
     * @param indices the phantom slice indices of the data
     */
    record Subject(Dataset data, KneePhantom phantom, int[] indices) {

        /**
         * The data as the scan under this motion and sampling pattern acquires it: a fully sampled dataset that must
         * be undersampled with that pattern only (its other lines are the unmoved object's); the static data without
         * motion.
         */
        Dataset scanned(MotionModel motion, SamplingPattern pattern) {
            if (motion.isStatic()) {
                return data;
            }
            return phantom.dataset(data.source(), motion, pattern, indices);
        }

        /** The subject's own motion at a rate: seeded by the subject, so every protocol meets the same events. */
        MotionModel motion(double eventsPerMinute) {
            return eventsPerMinute == 0 ? MotionModel.none()
                    : new MotionModel(eventsPerMinute, phantom.config().seed());
        }
    }

    private final List<Subject> subjects;
    private final String description;

    Study(List<Subject> subjects, String description) {
        this.subjects = List.copyOf(subjects);
        this.description = description;
    }

    List<Subject> subjects() {
        return subjects;
    }

    /** The first (or only) subject's data. */
    Dataset first() {
        return subjects.get(0).data();
    }

    String description() {
        return description;
    }
}
