package org.mrirecon.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.mrirecon.phantom.internal.Seeds;

/**
 * A cohort of phantom knees made from one base configuration, so that results have subject-to-subject variance.
 * Subject {@code i} is a deterministic function of (base configuration, i). Immutable and thread-safe.
 *
 * <p>What subject {@code i} takes from the base and what it draws (from the stream (base seed, cohort, i)):
 * <ul>
 * <li><b>Seed:</b> its own, drawn from that stream: noise, textures, small vessels, coil cable phases, background
 * phase and the anatomy all differ from subject to subject (and from the base).</li>
 * <li><b>Anatomy:</b> {@link PhantomConfig#anatomyJitter()} of the base if it is positive, else
 * {@value #ANATOMY_JITTER} (the phantom's full documented range: size within 12%, position, in-plane rotation
 * within 4 degrees, bone sizes, flexion, patella height, cartilage, meniscus, tendon and fat thickness, condyle
 * shape and texture scale).</li>
 * <li><b>Coils:</b> uniform in {@code [base - }{@value #COILS_BELOW}{@code , base + }{@value #COILS_ABOVE}{@code ]}
 * within 1..{@value PhantomConfig#MAX_COILS}, i.e. 12-16 for the default 15: the channel counts of clinical knee
 * arrays, and within the 8-16 coils the VarNet was trained on.</li>
 * <li><b>SNR:</b> log-uniform in {@code [}{@value #SNR_LOW}{@code , }{@value #SNR_HIGH}{@code ] x base}, i.e.
 * 25-50 for the default 35 (noise-free stays noise-free).</li>
 * <li><b>Kept from the base:</b> matrix, slice count, oversampling, noise correlation and the contrast. The contrast
 * is the protocol's, not the subject's: a cohort compares methods on one protocol (PD, PD FS or T2 FS), and the
 * contrast also sets TR and echo-train length, hence scan time and motion exposure.</li>
 * </ul>
 */
public final class Cohort {

    /** Anatomy jitter of the subjects when the base has none. */
    public static final double ANATOMY_JITTER = 1.0;
    /** Fewest coils below the base's. */
    public static final int COILS_BELOW = 3;
    /** Most coils above the base's. */
    public static final int COILS_ABOVE = 1;
    /** Lowest subject SNR as a fraction of the base's (25 for 35). */
    public static final double SNR_LOW = 5.0 / 7;
    /** Highest subject SNR as a fraction of the base's (50 for 35). */
    public static final double SNR_HIGH = 10.0 / 7;

    private final PhantomConfig base;

    private Cohort(PhantomConfig base) {
        this.base = base;
    }

    /** The cohort around {@code base}. */
    public static Cohort of(PhantomConfig base) {
        if (base == null) {
            throw new IllegalArgumentException("a cohort needs a base configuration");
        }
        return new Cohort(base);
    }

    public PhantomConfig base() {
        return base;
    }

    /**
     * The configuration of subject {@code subject} (0, 1, 2, ...).
     *
     * @throws IllegalArgumentException for a negative subject number
     */
    public PhantomConfig subject(int subject) {
        if (subject < 0) {
            throw new IllegalArgumentException("subject numbers start at 0, got " + subject);
        }
        SplittableRandom r = Seeds.stream(base.seed(), Seeds.COHORT, subject);
        long seed = r.nextLong();
        int low = Math.max(1, base.coils() - COILS_BELOW);
        int high = Math.min(PhantomConfig.MAX_COILS, base.coils() + COILS_ABOVE);
        int coils = low + r.nextInt(high - low + 1);
        double snr = base.snr() * SNR_LOW * Math.pow(SNR_HIGH / SNR_LOW, r.nextDouble());
        double jitter = base.anatomyJitter() > 0 ? base.anatomyJitter() : ANATOMY_JITTER;
        return base.toBuilder().seed(seed).coils(coils).snr(snr).anatomyJitter(jitter).build();
    }

    /** Subjects {@code 0 .. count - 1}. */
    public List<PhantomConfig> subjects(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a cohort needs at least one subject, got " + count);
        }
        List<PhantomConfig> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(subject(i));
        }
        return out;
    }

    @Override
    public String toString() {
        return "Cohort[" + base + "]";
    }
}
