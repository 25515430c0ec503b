package org.mrirecon.evaluation;

/** Which pixels a score covers. */
public enum Region {
    /** Every pixel, as fastMRI's metrics. */
    WHOLE("whole", "whole image"),
    /** The anatomy only: the foreground mask of {@link Foreground}, air excluded. */
    FOREGROUND("foreground", "anatomy (foreground mask)");

    private final String key;
    private final String description;

    Region(String key, String description) {
        this.key = key;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String description() {
        return description;
    }
}
