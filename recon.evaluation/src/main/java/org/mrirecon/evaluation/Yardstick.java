package org.mrirecon.evaluation;

/** What a method's image is scored against. */
public enum Yardstick {
    /**
     * The fully sampled image, noise included: the source's own reference (fastMRI's {@code reconstruction_rss}),
     * else the root-sum-of-squares of the fully sampled coil images. A method is rewarded for reproducing its noise.
     */
    REFERENCE("reference", "fully sampled reference (noise included)"),
    /** The noise-free, motion-free object magnitude, where the data knows it (the phantom, a file's truth). */
    TRUTH("truth", "noise-free truth");

    private final String key;
    private final String description;

    Yardstick(String key, String description) {
        this.key = key;
        this.description = description;
    }

    /** Short lower-case name for files and columns. */
    public String key() {
        return key;
    }

    public String description() {
        return description;
    }
}
