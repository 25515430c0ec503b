package org.mrirecon.io.internal;

import java.util.Arrays;

/** The position of an image among the acquisition's loop counters. */
record IsmrmrdFrameKey(int contrast, int phase, int repetition, int set, int slice)
        implements Comparable<IsmrmrdFrameKey> {
    @Override
    public int compareTo(IsmrmrdFrameKey o) {
        int[] a = {contrast, phase, repetition, set, slice};
        int[] b = {o.contrast, o.phase, o.repetition, o.set, o.slice};
        return Arrays.compare(a, b);
    }

    @Override
    public String toString() {
        return "(c" + contrast + " p" + phase + " r" + repetition + " s" + set + " sl" + slice + ")";
    }
}
