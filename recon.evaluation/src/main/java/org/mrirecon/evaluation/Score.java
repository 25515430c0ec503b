package org.mrirecon.evaluation;

/** One number a trial is scored with: a metric, against a yardstick, over a region. */
public record Score(Yardstick yardstick, Region region, Metric metric) {

    /** Unique key, e.g. {@code truth.foreground.SSIM}. */
    public String key() {
        return yardstick.key() + "." + region.key() + "." + metric.name();
    }

    @Override
    public String toString() {
        return metric.name() + " (" + yardstick.key() + ", " + region.key() + ")";
    }
}
