package org.mrirecon.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.mrirecon.evaluation.ClusteredComparison;
import org.mrirecon.evaluation.Comparison;
import org.mrirecon.evaluation.Evaluation;
import org.mrirecon.evaluation.PairedComparison;
import org.mrirecon.evaluation.Region;
import org.mrirecon.evaluation.Score;
import org.mrirecon.evaluation.TrialResult;
import org.mrirecon.evaluation.Yardstick;
import org.mrirecon.report.Format;
import org.mrirecon.report.Summary;

/**
 * Prints a comparison as aligned text tables: the headline scores (against the truth over the anatomy where the
 * data has a truth), the scores against the other yardsticks, then the paired statistics against the reference
 * trial. Every table says what it was measured against.
 */
final class ResultTable {

    private ResultTable() {
    }

    static void print(PrintStream out, Comparison c) {
        out.println("Data: " + c.title());
        c.notes().forEach(n -> out.println("  note: " + n));
        List<Score> headline = c.headline();
        if (headline.isEmpty()) {
            out.println("No reference and no truth: metrics not computed (the images are written).");
            table(out, c, headline);
        } else {
            for (Yardstick y : Yardstick.values()) {
                for (Region r : Region.values()) {
                    List<Score> group = c.scores().stream()
                            .filter(s -> s.yardstick() == y && s.region() == r).toList();
                    if (group.equals(headline)) {
                        out.println();
                        out.println("Against the " + y.description() + ", " + r.description() + ":");
                        table(out, c, group);
                    }
                }
            }
            for (Yardstick y : Yardstick.values()) {
                for (Region r : Region.values()) {
                    List<Score> group = c.scores().stream()
                            .filter(s -> s.yardstick() == y && s.region() == r).toList();
                    if (!group.isEmpty() && !group.equals(headline)) {
                        out.println();
                        out.println("Against the " + y.description() + ", " + r.description() + ":");
                        table(out, c, group);
                    }
                }
            }
        }
        if (!headline.isEmpty() && c.labels().size() > 1) {
            boolean cohort = c.subjects() >= 2;
            out.printf("%nPaired differences against %s, %s over the %s (mean [95%% CI], verdict at margin), %s:%n",
                    c.referenceLabel(), headline.get(0).yardstick().key(), headline.get(0).region().description(),
                    cohort ? "clustered by subject (" + c.subjects() + " subjects, GEE exchangeable, robust SE, t)"
                            : "per slice");
            if (!cohort) {
                out.println("  " + ClusteredComparison.ONE_SUBJECT + "; the per-slice intervals describe these "
                        + "slices only.");
            }
            for (String label : c.labels()) {
                StringBuilder line = new StringBuilder(String.format("  %-24s", label));
                boolean any = false;
                for (Score s : headline) {
                    ClusteredComparison g = c.clustered(label).get(s);
                    PairedComparison p = c.statistics(label).get(s);
                    if (cohort && g != null && g.hasInterval()) {
                        line.append(String.format(Locale.ROOT, " %s %s [%s, %s] %s%s;", s.metric().name(),
                                Format.difference(s.metric(), g.meanDifference()),
                                Format.difference(s.metric(), g.ciLow()), Format.difference(s.metric(), g.ciHigh()),
                                g.verdict(), g.interchangeable() ? ", interchangeable" : ""));
                        any = true;
                    } else if (!cohort && p != null) {
                        line.append(String.format(Locale.ROOT, " %s %s [%s, %s] %s;", s.metric().name(),
                                Format.difference(s.metric(), p.meanDifference()),
                                Format.difference(s.metric(), p.ciLow()), Format.difference(s.metric(), p.ciHigh()),
                                p.verdict()));
                        any = true;
                    }
                }
                if (any) {
                    out.println(line);
                }
            }
        }
        out.println("Scoring: " + Evaluation.SCORING_CONVENTION + ". Scan time = TR x ceil(lines / ETL) x averages, "
                + "saving relative to the reference trial.");
    }

    private static void table(PrintStream out, Comparison c, List<Score> scores) {
        StringBuilder head = new StringBuilder(String.format("%-24s %-26s %5s %4s %6s %9s %7s", "trial",
                "bundle", "accel", "ACS", "R_eff", "scan time", "saving"));
        for (Score s : scores) {
            head.append(String.format(" %10s", Format.header(s.metric())));
        }
        out.println(head.append(String.format(" %8s", "s/slice")));
        for (String label : c.labels()) {
            List<TrialResult> rs = c.resultsOf(label);
            TrialResult r = rs.get(0);
            String who = r.method().bundle(); // the bundle it really came from: symbolic name and version
            if (r.failed()) {
                out.printf("%-24s %-26s FAILED: %s%n", label, who, r.error());
                continue;
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-24s %-26s %5d %4d %6.2f %9s %6.0f%%",
                    label, who, r.acceleration(), r.calibrationLines(), r.effectiveAcceleration(),
                    Format.minutes(r.scanTimeSeconds()), 100 * c.scanTimeSaving(r)));
            for (Score s : scores) {
                line.append(String.format(" %10s", Format.value(s, Summary.mean(rs, s))));
            }
            out.println(line.append(String.format(Locale.ROOT, " %8.3f", Summary.secondsPerSlice(rs))));
        }
    }
}
