package org.mrirecon.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The results of several trials on the same data (one or more subjects), one of them the reference trial of the
 * paired statistics: for every other trial and every score, the per-slice differences paired on the same subject and
 * slice, summarised twice: clustered by subject ({@link ClusteredComparison}, the population reading, which needs two
 * subjects or more) and per slice ({@link PairedComparison}, which describes these slices only).
 */
public final class Comparison {

    private final String title;
    private final List<String> notes;
    private final Yardsticks yardsticks;
    private final List<TrialResult> results;
    private final String referenceLabel;
    private final Map<String, Map<Score, PairedComparison>> statistics = new LinkedHashMap<>();
    private final Map<String, Map<Score, ClusteredComparison>> clustered = new LinkedHashMap<>();

    /**
     * @param title          what the data is, for the report
     * @param notes          what the reader decided on the way, shown with the results
     * @param yardsticks     the yardsticks of the data (single-dataset comparisons), or null
     * @param referenceLabel the label of the reference trial; null picks the first trial that ran
     * @throws IllegalArgumentException if there are no results or the label matches no trial
     */
    public Comparison(String title, List<String> notes, Yardsticks yardsticks, List<TrialResult> results,
            String referenceLabel) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("a comparison needs at least one trial result");
        }
        this.title = title;
        this.notes = List.copyOf(notes);
        this.yardsticks = yardsticks;
        this.results = List.copyOf(results);
        this.referenceLabel = pickReference(referenceLabel);
        for (String label : labels()) {
            if (!label.equals(this.referenceLabel)) {
                pairedStatistics(label);
            }
        }
    }

    private String pickReference(String label) {
        if (label != null) {
            for (TrialResult r : results) {
                if (r.label().equals(label) || r.trial().methodId().equals(label)) {
                    return r.label();
                }
            }
            throw new IllegalArgumentException("reference method '" + label + "' is not among the compared trials "
                    + labels());
        }
        for (TrialResult r : results) {
            if (!r.failed()) {
                return r.label();
            }
        }
        return results.get(0).label();
    }

    private void pairedStatistics(String label) {
        Map<Score, PairedComparison> perSlice = new LinkedHashMap<>();
        Map<Score, ClusteredComparison> bySubject = new LinkedHashMap<>();
        for (Score s : scores()) {
            List<Double> method = new ArrayList<>();
            List<Double> reference = new ArrayList<>();
            List<String> subjects = new ArrayList<>();
            for (TrialResult r : resultsOf(label)) {
                TrialResult ref = find(referenceLabel, r.subject());
                if (r.failed() || ref == null || ref.failed() || !r.has(s) || !ref.has(s)) {
                    continue;
                }
                int[] numbers = r.sliceNumbers();
                int[] refNumbers = ref.sliceNumbers();
                for (int i = 0; i < numbers.length; i++) {
                    for (int j = 0; j < refNumbers.length; j++) {
                        double a = r.perSlice(s)[i];
                        double b = ref.perSlice(s)[j];
                        if (numbers[i] == refNumbers[j] && Double.isFinite(a) && Double.isFinite(b)) {
                            method.add(a);
                            reference.add(b);
                            subjects.add(r.subject());
                        }
                    }
                }
            }
            if (method.size() >= 2) {
                perSlice.put(s, PairedComparison.of(toArray(method), toArray(reference), s.metric().higherIsBetter(),
                        s.metric().margin()));
            }
            if (!method.isEmpty()) {
                bySubject.put(s, ClusteredComparison.of(toArray(method), toArray(reference),
                        subjects.toArray(new String[0]), s.metric().higherIsBetter(), s.metric().margin()));
            }
        }
        statistics.put(label, perSlice);
        clustered.put(label, bySubject);
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private TrialResult find(String label, String subject) {
        for (TrialResult r : results) {
            if (r.label().equals(label) && r.subject().equals(subject)) {
                return r;
            }
        }
        return null;
    }

    public String title() {
        return title;
    }

    public List<String> notes() {
        return notes;
    }

    /** The data's yardsticks (single-dataset comparisons), or null. */
    public Yardsticks yardsticks() {
        return yardsticks;
    }

    public List<TrialResult> results() {
        return results;
    }

    /** The trial labels in the order first seen. */
    public List<String> labels() {
        Set<String> out = new LinkedHashSet<>();
        results.forEach(r -> out.add(r.label()));
        return new ArrayList<>(out);
    }

    /** The results of one trial, one per subject. */
    public List<TrialResult> resultsOf(String label) {
        List<TrialResult> out = new ArrayList<>();
        for (TrialResult r : results) {
            if (r.label().equals(label)) {
                out.add(r);
            }
        }
        return out;
    }

    public String referenceLabel() {
        return referenceLabel;
    }

    /** Every score some successful result has, in the order first seen. */
    public List<Score> scores() {
        Set<Score> out = new LinkedHashSet<>();
        results.forEach(r -> out.addAll(r.scores()));
        return new ArrayList<>(out);
    }

    /**
     * The scores that lead the report: against the truth over the anatomy where the data has a truth, else against
     * the reference over the whole image (fastMRI's convention).
     */
    public List<Score> headline() {
        List<Score> all = scores();
        boolean truth = all.stream().anyMatch(s -> s.yardstick() == Yardstick.TRUTH);
        List<Score> out = new ArrayList<>();
        for (Score s : all) {
            if (truth ? s.yardstick() == Yardstick.TRUTH && s.region() == Region.FOREGROUND
                    : s.yardstick() == Yardstick.REFERENCE && s.region() == Region.WHOLE) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * Per-slice paired statistics of a trial against the reference trial, by score (slices treated as independent:
     * they describe these slices, not a population); empty for the reference itself.
     */
    public Map<Score, PairedComparison> statistics(String label) {
        return statistics.getOrDefault(label, Map.of());
    }

    /** Statistics of a trial against the reference trial clustered by subject, by score; empty for the reference. */
    public Map<Score, ClusteredComparison> clustered(String label) {
        return clustered.getOrDefault(label, Map.of());
    }

    /** Number of subjects (datasets) in the comparison. */
    public int subjects() {
        Set<String> out = new LinkedHashSet<>();
        results.forEach(r -> out.add(r.subject()));
        return out.size();
    }

    /** Fraction of the reference trial's scan time that the trial saves (0.44 for 5:33 vs 9:56). */
    public double scanTimeSaving(TrialResult r) {
        TrialResult ref = find(referenceLabel, r.subject());
        return ref == null ? Double.NaN : 1 - r.scanTimeSeconds() / ref.scanTimeSeconds();
    }
}
