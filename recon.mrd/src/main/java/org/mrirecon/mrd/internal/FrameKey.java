package org.mrirecon.mrd.internal;

import java.util.Comparator;

/**
 * The image an acquisition belongs to, ordered as recon.io's ISMRMRD reader orders its images: contrast, phase,
 * repetition, set, slice. Averages are summed into one image, as there.
 */
public record FrameKey(int contrast, int phase, int repetition, int set, int slice) implements Comparable<FrameKey> {

    private static final Comparator<FrameKey> ORDER = Comparator.comparingInt(FrameKey::contrast)
            .thenComparingInt(FrameKey::phase).thenComparingInt(FrameKey::repetition).thenComparingInt(FrameKey::set)
            .thenComparingInt(FrameKey::slice);

    @Override
    public int compareTo(FrameKey o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return "slice " + slice + " (contrast " + contrast + ", phase " + phase + ", repetition " + repetition
                + ", set " + set + ")";
    }
}
