package org.mrirecon.phantom;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.mrirecon.api.KSpace;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.data.Dataset;
import org.mrirecon.data.ScanHeader;
import org.mrirecon.numerics.coil.CoilImages;
import org.mrirecon.numerics.fft.Fft2c;
import org.mrirecon.phantom.internal.BackgroundPhase;
import org.mrirecon.phantom.internal.CoilArray;
import org.mrirecon.phantom.internal.CoilMaps;
import org.mrirecon.phantom.internal.Grid;
import org.mrirecon.phantom.internal.KSpaceSimulator;
import org.mrirecon.phantom.internal.KneeAnatomy;
import org.mrirecon.phantom.internal.NoiseModel;
import org.mrirecon.phantom.internal.SagittalSection;
import org.mrirecon.phantom.internal.Seeds;
import org.mrirecon.phantom.internal.Textures;
import org.mrirecon.phantom.internal.TissueTable;

/**
 * A simulated sagittal multi-coil knee scan, generated slice by slice on demand.
 *
 * <p>Orientation, as clinical sagittal knee protocols: phase-encode (rows) runs anterior to posterior, across the
 * circumferential elements of the cylindrical knee coil, and the whole leg lies inside the phase field of view
 * with a margin of air at both ends, so nothing folds over; readout (columns) runs superior to inferior, along the
 * leg, and the bone shafts and muscles run off its edges (harmless along readout).
 *
 * <p>Each slice is rendered on a grid {@link PhantomConfig#oversampling()} times finer than the matrix (anatomy
 * with partial-volume edges and textures, a smooth background phase), multiplied by the coil sensitivities,
 * Fourier transformed and cropped to the central k-space, and noise is added. Everything follows from the
 * configuration: the same configuration and slice index always give the identical slice, whichever thread
 * generates it and in whatever order. Slices are independent, so callers may stream them or generate them in
 * parallel. Thread-safe.
 */
public final class KneePhantom {

    /**
     * Field of view, both directions: phase-encode (anterior-posterior), which holds the whole leg with a margin
     * of air, and readout (superior-inferior), past whose edges the femoral and tibial shafts run.
     */
    public static final double FOV_MM = 160;
    /** Slice thickness; slices are contiguous. */
    public static final double SLICE_THICKNESS_MM = 3;

    private final PhantomConfig config;
    private final ScanHeader header;
    private final Grid grid;
    private final Grid fine;
    private final KneeAnatomy anatomy;
    private final TissueTable tissues;
    private final CoilArray coilArray;
    private final NoiseModel noise;
    private final BackgroundPhase phase;

    public KneePhantom(PhantomConfig config) {
        this.config = config;
        Contrast contrast = config.contrast();
        this.header = ScanHeader.builder().fieldOfViewMm(FOV_MM, FOV_MM).sliceThicknessMm(SLICE_THICKNESS_MM)
                .repetitionTimeMs(contrast.repetitionTimeMs()).echoTrainLength(contrast.echoTrainLength())
                .protocolName(contrast.protocolName()).build();
        // Rows: phase-encode, anterior-posterior (u); columns: readout, superior-inferior (v).
        this.grid = new Grid(config.phaseEncodes(), config.readouts(), FOV_MM, FOV_MM);
        this.fine = grid.refined(config.oversampling());
        this.anatomy = KneeAnatomy.sample(config.seed(), config.anatomyJitter());
        this.tissues = new TissueTable(contrast);
        this.coilArray = new CoilArray(config.coils(), config.seed());
        this.noise = new NoiseModel(TissueTable.SNR_REFERENCE / config.snr(),
                coilArray.noiseCorrelation(config.noiseCorrelation()));
        this.phase = new BackgroundPhase(config.seed());
    }

    public PhantomConfig config() {
        return config;
    }

    /** The scan's header: 160 x 160 mm FOV, 3 mm slices, the contrast's TR and echo-train length. */
    public ScanHeader header() {
        return header;
    }

    /**
     * Standard deviation of the real (and of the imaginary) part of the k-space noise in each coil: PD cartilage
     * intensity / SNR; 0 when noise-free. Image-domain noise per coil is the same (orthonormal FFT).
     */
    public double noiseSigma() {
        return noise.sigma();
    }

    /** Medial-lateral position of slice {@code index} in mm: contiguous slices centred on the notch. */
    public double slicePositionMm(int index) {
        return (index - (config.slices() - 1) / 2.0) * SLICE_THICKNESS_MM;
    }

    /**
     * Generates one slice (about 0.3 s for the defaults on two idle cores; the work runs in parallel).
     *
     * @throws IndexOutOfBoundsException if index is not in [0, slices)
     */
    public PhantomSlice slice(int index) {
        if (index < 0 || index >= config.slices()) {
            throw new IndexOutOfBoundsException("slice " + index + " does not exist: the phantom has "
                    + config.slices() + " slices (0.." + (config.slices() - 1) + ")");
        }
        double position = slicePositionMm(index);
        long seed = config.seed();
        Textures textures = new Textures(fine, seed, index, tissues, anatomy.texture());
        float[] magnitude = SagittalSection.render(anatomy, position, fine, tissues, textures,
                Seeds.stream(seed, Seeds.VESSELS, index));
        double fraction = config.slices() == 1 ? 0.5 : (double) index / (config.slices() - 1);
        float[] object = phase.apply(magnitude, fine, fraction);
        CoilMaps maps = new CoilMaps(coilArray, position, grid.fovU(), grid.fovV());
        float[][] acquired = KSpaceSimulator.acquire(object, maps.sample(fine), fine, grid);
        int coils = config.coils();
        float[][] coilData = new float[coils][];
        System.arraycopy(acquired, 0, coilData, 0, coils);
        noise.addTo(coilData, seed, index);
        KSpace kspace = KSpace.ofCoils(grid.rows(), grid.cols(), coilData);
        float[] objectImage = acquired[coils];
        Fft2c.inverse(objectImage, grid.rows(), grid.cols());
        return new PhantomSlice(index, position, kspace, CoilImages.rss(kspace), magnitude(objectImage), maps, grid);
    }

    /**
     * The given slices as a fully sampled dataset, generated in parallel: k-space, the fully sampled RSS as
     * reference, the noise-free object magnitude as truth, and the real slice numbers.
     *
     * @param description how the dataset is named in reports
     */
    public Dataset dataset(String description, int... indices) {
        PhantomSlice[] generated = new PhantomSlice[indices.length];
        IntStream.range(0, indices.length).parallel().forEach(i -> generated[i] = slice(indices[i]));
        Dataset.Builder b = Dataset.builder(description, "knee phantom", header).fullySampled(true)
                .attribute("display.transpose", "true")
                .attribute("display.orientation", "radiological sagittal: superior up, anterior left (the stored "
                        + "rows, phase-encode anterior to posterior, run left to right)");
        for (PhantomSlice s : generated) {
            b.slice(s.kspace(), SamplingPattern.fullySampled(config.phaseEncodes()), s.index()).reference(s.reference())
                    .truth(s.objectMagnitude());
        }
        return b.build();
    }

    /** Generates every slice, in parallel over slices. */
    public PhantomVolume volume() {
        return new PhantomVolume(header, IntStream.range(0, config.slices()).parallel().mapToObj(this::slice)
                .collect(Collectors.toList()));
    }

    private static float[] magnitude(float[] complex) {
        float[] out = new float[complex.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.hypot(complex[2 * i], complex[2 * i + 1]);
        }
        return out;
    }

    @Override
    public String toString() {
        return "KneePhantom[" + config + "]";
    }
}
