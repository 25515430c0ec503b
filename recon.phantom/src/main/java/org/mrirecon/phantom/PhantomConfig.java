package org.mrirecon.phantom;

import java.util.Objects;

/**
 * Settings of a {@link KneePhantom}. Immutable; start from {@link #defaults()} or {@link #builder()}.
 *
 * <p>Defaults describe a clinical 3 T sagittal knee scan: 320 x 320 matrix over 160 x 160 mm (0.5 mm pixels),
 * phase-encode anterior-posterior with the whole leg inside its field of view, readout superior-inferior,
 * 35 slices of 3 mm from medial to lateral, a 15-channel knee array, SNR 35 in cartilage, proton-density contrast,
 * simulation on a 2x finer grid, the canonical anatomy (no jitter) and seed 42.
 */
public final class PhantomConfig {

    /** Largest coil count the cylindrical array model lays out. */
    public static final int MAX_COILS = 32;

    private final int phaseEncodes;
    private final int readouts;
    private final int slices;
    private final int coils;
    private final long seed;
    private final double snr;
    private final int oversampling;
    private final Contrast contrast;
    private final double anatomyJitter;
    private final double noiseCorrelation;

    private PhantomConfig(Builder b) {
        this.phaseEncodes = b.phaseEncodes;
        this.readouts = b.readouts;
        this.slices = b.slices;
        this.coils = b.coils;
        this.seed = b.seed;
        this.snr = b.snr;
        this.oversampling = b.oversampling;
        this.contrast = b.contrast;
        this.anatomyJitter = b.anatomyJitter;
        this.noiseCorrelation = b.noiseCorrelation;
    }

    /** The default configuration (see the class documentation). */
    public static PhantomConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with this configuration's values. */
    public Builder toBuilder() {
        return new Builder().phaseEncodes(phaseEncodes).readouts(readouts).slices(slices).coils(coils).seed(seed)
                .snr(snr).oversampling(oversampling).contrast(contrast).anatomyJitter(anatomyJitter)
                .noiseCorrelation(noiseCorrelation);
    }

    /**
     * Matrix rows: phase-encode lines, anterior (row 0) to posterior. The field of view stays 160 mm, so the whole
     * leg cross-section fits in it with a margin of air at both ends.
     */
    public int phaseEncodes() {
        return phaseEncodes;
    }

    /**
     * Matrix columns: readout samples, superior (column 0) to inferior; the femoral and tibial shafts run past
     * both edges of the 160 mm field of view.
     */
    public int readouts() {
        return readouts;
    }

    public int slices() {
        return slices;
    }

    public int coils() {
        return coils;
    }

    /** Seed of everything random: noise, textures, small vessels and, with jitter, the anatomy. */
    public long seed() {
        return seed;
    }

    /**
     * Signal-to-noise ratio of proton-density cartilage: its noise-free intensity divided by the standard deviation
     * of the real (and of the imaginary) part of the noise in each coil. With orthonormal FFTs and sensitivities
     * normalised to unit root-sum-of-squares this is also the SNR of cartilage in the RSS reference image.
     * {@code Double.POSITIVE_INFINITY} means noise-free.
     */
    public double snr() {
        return snr;
    }

    /** Simulation grid refinement: the object and coil maps are rendered on a grid this many times finer. */
    public int oversampling() {
        return oversampling;
    }

    public Contrast contrast() {
        return contrast;
    }

    /** 0 renders the canonical knee; up to 1 perturbs shapes, sizes, positions, angles and textures by the seed. */
    public double anatomyJitter() {
        return anatomyJitter;
    }

    /**
     * Correlation coefficient of the noise of the two nearest coils (0..0.3; it falls off with coil distance);
     * 0 gives independent coils.
     */
    public double noiseCorrelation() {
        return noiseCorrelation;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PhantomConfig)) {
            return false;
        }
        PhantomConfig c = (PhantomConfig) o;
        return phaseEncodes == c.phaseEncodes && readouts == c.readouts && slices == c.slices && coils == c.coils
                && seed == c.seed && Double.compare(snr, c.snr) == 0 && oversampling == c.oversampling
                && contrast == c.contrast && Double.compare(anatomyJitter, c.anatomyJitter) == 0
                && Double.compare(noiseCorrelation, c.noiseCorrelation) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(phaseEncodes, readouts, slices, coils, seed, snr, oversampling, contrast, anatomyJitter,
                noiseCorrelation);
    }

    @Override
    public String toString() {
        return String.format("PhantomConfig[%s %dx%d, %d slices, %d coils, SNR %.1f, %dx grid, jitter %.2f, "
                + "noise correlation %.2f, seed %d]", contrast, phaseEncodes, readouts, slices, coils, snr,
                oversampling, anatomyJitter, noiseCorrelation, seed);
    }

    /** Builder for {@link PhantomConfig}; values are checked by {@link #build()}. */
    public static final class Builder {
        private int phaseEncodes = 320;
        private int readouts = 320;
        private int slices = 35;
        private int coils = 15;
        private long seed = 42;
        private double snr = 35;
        private int oversampling = 2;
        private Contrast contrast = Contrast.PD;
        private double anatomyJitter;
        private double noiseCorrelation = 0.1;

        private Builder() {
        }

        /** Sets rows (phase-encode lines) and columns (readout samples). */
        public Builder matrix(int phaseEncodes, int readouts) {
            return phaseEncodes(phaseEncodes).readouts(readouts);
        }

        public Builder phaseEncodes(int n) {
            this.phaseEncodes = n;
            return this;
        }

        public Builder readouts(int n) {
            this.readouts = n;
            return this;
        }

        public Builder slices(int n) {
            this.slices = n;
            return this;
        }

        public Builder coils(int n) {
            this.coils = n;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder snr(double snr) {
            this.snr = snr;
            return this;
        }

        public Builder oversampling(int factor) {
            this.oversampling = factor;
            return this;
        }

        public Builder contrast(Contrast contrast) {
            this.contrast = contrast;
            return this;
        }

        public Builder anatomyJitter(double jitter) {
            this.anatomyJitter = jitter;
            return this;
        }

        public Builder noiseCorrelation(double rho) {
            this.noiseCorrelation = rho;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid value and its allowed range */
        public PhantomConfig build() {
            require(phaseEncodes >= 16 && readouts >= 16 && phaseEncodes <= 1024 && readouts <= 1024,
                    "matrix must lie within 16..1024 per side, got " + phaseEncodes + "x" + readouts);
            require(slices >= 1 && slices <= 512, "slices must lie in 1..512, got " + slices);
            require(coils >= 1 && coils <= MAX_COILS, "coils must lie in 1.." + MAX_COILS + ", got " + coils);
            require(snr > 0 && !Double.isNaN(snr), "SNR must be positive (infinity for noise-free), got " + snr);
            require(oversampling >= 1 && oversampling <= 4, "oversampling must lie in 1..4, got " + oversampling);
            require(contrast != null, "contrast is required");
            require(anatomyJitter >= 0 && anatomyJitter <= 1, "anatomy jitter must lie in [0, 1], got "
                    + anatomyJitter);
            require(noiseCorrelation >= 0 && noiseCorrelation <= 0.3,
                    "noise correlation must lie in [0, 0.3], got " + noiseCorrelation);
            return new PhantomConfig(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException("invalid phantom configuration: " + message);
            }
        }
    }
}
