package org.mrirecon.phantom.internal;

import java.util.SplittableRandom;

/** Independent, reproducible random streams derived from the configured seed and a purpose/slice/coil key. */
public final class Seeds {

    /** Stream purposes, so that e.g. noise and texture of the same slice never share random numbers. */
    public static final long ANATOMY = 1;
    public static final long TEXTURE = 2;
    public static final long NOISE = 3;
    public static final long VESSELS = 4;
    public static final long COILS = 5;
    public static final long PHASE = 6;
    /** Motion events, their steps and the drift ({@code MotionModel}). */
    public static final long MOTION = 7;
    /** The draws that make subject i of a cohort ({@code Cohort}). */
    public static final long COHORT = 8;

    private Seeds() {
    }

    public static SplittableRandom stream(long seed, long purpose, long... keys) {
        long h = mix(seed ^ mix(purpose));
        for (long k : keys) {
            h = mix(h + 0x9E3779B97F4A7C15L * (k + 1));
        }
        return new SplittableRandom(h);
    }

    /** SplitMix64 finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
