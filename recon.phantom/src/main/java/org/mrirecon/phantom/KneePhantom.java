package org.mrirecon.phantom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleFunction;
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
import org.mrirecon.phantom.internal.LineSimulator;
import org.mrirecon.phantom.internal.NoiseModel;
import org.mrirecon.phantom.internal.RigidMotion;
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
        Fine f = render(index);
        float[][] acquired = KSpaceSimulator.acquire(f.object, f.maps.sample(fine), fine, grid);
        int coils = config.coils();
        float[][] coilData = new float[coils][];
        System.arraycopy(acquired, 0, coilData, 0, coils);
        noise.addTo(coilData, config.seed(), index);
        KSpace kspace = KSpace.ofCoils(grid.rows(), grid.cols(), coilData);
        return new PhantomSlice(index, f.position, kspace, CoilImages.rss(kspace), truth(acquired[coils]), f.maps,
                grid);
    }

    /**
     * Generates one slice as a scan with motion measures it: the lines the schedule acquires come from the object
     * in its pose at their time; everything else is as {@link #slice(int)}.
     *
     * <p>Line {@code ky} of shot {@code s} of this slice is measured at {@code s x TR} plus the slice's offset
     * within the TR ({@link AcquisitionSchedule}); the object (not the coils, not the background phase) is rotated
     * and translated to the motion's pose at that time on the fine simulation grid (cubic B-spline resampling;
     * points entering the field of view continue its edge), multiplied by the coil maps, Fourier transformed and
     * cropped exactly like the static object. Each distinct pose is simulated once, for its lines only, from one
     * render of the anatomy. With several averages a line is the mean of its averages' poses.
     *
     * <p>Unchanged, so that protocols differ only by motion: the noise (the static slice's, sample for sample),
     * the lines the schedule does not acquire (those of the unmoved object, so that undersampling with the
     * schedule's pattern yields exactly the motion-corrupted acquisition), the reference (the RSS of the unmoved
     * slice) and the truth ({@link PhantomSlice#objectMagnitude()}, the unmoved object). With a static motion
     * model (rate 0) the result equals {@link #slice(int)} bit for bit.
     *
     * @param schedule when each line is measured: {@link AcquisitionSchedule#of} the protocol's pattern and
     *                 {@link #header()}
     * @throws IndexOutOfBoundsException if index is not in [0, slices)
     * @throws IllegalArgumentException  if the schedule's pattern does not have this phantom's phase-encode lines
     */
    public PhantomSlice slice(int index, MotionModel motion, AcquisitionSchedule schedule) {
        if (motion == null || schedule == null) {
            throw new IllegalArgumentException("a moving slice needs a motion model and an acquisition schedule");
        }
        return slice(index, motion::pose, schedule);
    }

    /** {@link #slice(int, MotionModel, AcquisitionSchedule)} with any pose function of time (seconds). */
    PhantomSlice slice(int index, DoubleFunction<MotionModel.Pose> poseAt, AcquisitionSchedule schedule) {
        if (schedule.pattern().phaseEncodes() != config.phaseEncodes()) {
            throw new IllegalArgumentException("the schedule's pattern has " + schedule.pattern().phaseEncodes()
                    + " phase-encode lines, the phantom " + config.phaseEncodes());
        }
        checkIndex(index);
        Map<MotionModel.Pose, List<Integer>> byPose = posesOfLines(index, poseAt, schedule);
        if (byPose.keySet().stream().allMatch(MotionModel.Pose::isIdentity)) {
            return slice(index);
        }
        Fine f = render(index);
        float[][] fineMaps = f.maps.sample(fine);
        float[][] acquired = KSpaceSimulator.acquire(f.object, copy(fineMaps), fine, grid);
        int coils = config.coils();
        float[][] still = new float[coils][];
        System.arraycopy(acquired, 0, still, 0, coils);
        float[][] moving = moved(f, fineMaps, still, byPose, schedule.averages());
        // One noise draw for both, so the moving slice carries exactly the static slice's noise.
        float[][] noiseOnly = new float[coils][still[0].length];
        noise.addTo(noiseOnly, config.seed(), index);
        KSpace stillK = KSpace.ofCoils(grid.rows(), grid.cols(), add(still, noiseOnly));
        KSpace kspace = KSpace.ofCoils(grid.rows(), grid.cols(), add(moving, noiseOnly));
        return new PhantomSlice(index, f.position, kspace, CoilImages.rss(stillK), truth(acquired[coils]), f.maps,
                grid);
    }

    /** Per distinct pose, the lines (with repetition across averages) measured in it. */
    private Map<MotionModel.Pose, List<Integer>> posesOfLines(int index, DoubleFunction<MotionModel.Pose> poseAt,
            AcquisitionSchedule schedule) {
        Map<MotionModel.Pose, List<Integer>> byPose = new LinkedHashMap<>();
        double offset = schedule.sliceOffsetSeconds(index, config.slices());
        for (int shot = 0; shot < schedule.shots(); shot++) {
            MotionModel.Pose pose = poseAt.apply(schedule.shotTimeSeconds(shot) + offset);
            List<Integer> lines = byPose.computeIfAbsent(pose, p -> new ArrayList<>());
            for (int ky : schedule.shotLines(shot)) {
                lines.add(ky);
            }
        }
        return byPose;
    }

    /**
     * The noise-free coil k-space with every scheduled line replaced by the mean over its averages of the line
     * simulated in its pose; identity poses take the static line.
     */
    private float[][] moved(Fine f, float[][] fineMaps, float[][] still, Map<MotionModel.Pose, List<Integer>> byPose,
            int averages) {
        int coils = still.length;
        int rowLength = 2 * grid.cols();
        float[][] out = new float[coils][];
        for (int c = 0; c < coils; c++) {
            out[c] = still[c].clone();
        }
        Set<Integer> scheduled = new HashSet<>();
        byPose.values().forEach(scheduled::addAll);
        for (int ky : scheduled) {
            for (int c = 0; c < coils; c++) {
                Arrays.fill(out[c], ky * rowLength, (ky + 1) * rowLength, 0f);
            }
        }
        RigidMotion rigid = null;
        float[] phasor = null;
        for (Map.Entry<MotionModel.Pose, List<Integer>> e : byPose.entrySet()) {
            MotionModel.Pose pose = e.getKey();
            int[] lines = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            float[][][] data;
            if (pose.isIdentity()) {
                data = new float[coils][lines.length][];
                for (int c = 0; c < coils; c++) {
                    for (int l = 0; l < lines.length; l++) {
                        data[c][l] = Arrays.copyOfRange(still[c], lines[l] * rowLength, (lines[l] + 1) * rowLength);
                    }
                }
            } else {
                if (rigid == null) {
                    rigid = new RigidMotion(f.magnitude, fine);
                    phasor = f.phasor();
                }
                float[] object = withPhase(rigid.moved(pose.phaseMm(), pose.readoutMm(), pose.rotationDeg()),
                        phasor);
                data = LineSimulator.acquire(object, fineMaps, fine, grid, lines);
            }
            for (int c = 0; c < coils; c++) {
                for (int l = 0; l < lines.length; l++) {
                    int at = lines[l] * rowLength;
                    float[] line = data[c][l];
                    for (int j = 0; j < rowLength; j++) {
                        out[c][at + j] += line[j];
                    }
                }
            }
        }
        if (averages > 1) {
            float inverse = 1f / averages;
            for (int ky : scheduled) {
                for (int c = 0; c < coils; c++) {
                    for (int j = ky * rowLength; j < (ky + 1) * rowLength; j++) {
                        out[c][j] *= inverse;
                    }
                }
            }
        }
        return out;
    }

    /** One slice rendered on the fine grid: the expensive part, shared by the static and all moved objects. */
    final class Fine {
        final int index;
        final double position;
        final double fraction;
        final float[] magnitude;
        final float[] object;
        final CoilMaps maps;

        private Fine(int index) {
            this.index = index;
            this.position = slicePositionMm(index);
            long seed = config.seed();
            Textures textures = new Textures(fine, seed, index, tissues, anatomy.texture());
            this.magnitude = SagittalSection.render(anatomy, position, fine, tissues, textures,
                    Seeds.stream(seed, Seeds.VESSELS, index));
            this.fraction = config.slices() == 1 ? 0.5 : (double) index / (config.slices() - 1);
            this.object = phase.apply(magnitude, fine, fraction);
            this.maps = new CoilMaps(coilArray, position, grid.fovU(), grid.fovV());
        }

        /** A magnitude image on the fine grid turned into a complex object with this slice's phase. */
        float[] objectFrom(float[] fineMagnitude) {
            return phase.apply(fineMagnitude, fine, fraction);
        }

        /** The background phase factor exp(i phi) on the fine grid. */
        float[] phasor() {
            float[] ones = new float[magnitude.length];
            Arrays.fill(ones, 1f);
            return phase.apply(ones, fine, fraction);
        }

        /** The coil maps on the fine grid. */
        float[][] fineMaps() {
            return maps.sample(fine);
        }
    }

    /** Renders slice {@code index} on the fine grid. */
    Fine render(int index) {
        checkIndex(index);
        return new Fine(index);
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= config.slices()) {
            throw new IndexOutOfBoundsException("slice " + index + " does not exist: the phantom has "
                    + config.slices() + " slices (0.." + (config.slices() - 1) + ")");
        }
    }

    /** The fine simulation grid. */
    Grid fineGrid() {
        return fine;
    }

    /** The acquisition grid. */
    Grid grid() {
        return grid;
    }

    private float[] truth(float[] objectKSpace) {
        Fft2c.inverse(objectKSpace, grid.rows(), grid.cols());
        return magnitude(objectKSpace);
    }

    private static float[] withPhase(float[] magnitude, float[] phasor) {
        float[] out = new float[phasor.length];
        for (int i = 0; i < magnitude.length; i++) {
            out[2 * i] = magnitude[i] * phasor[2 * i];
            out[2 * i + 1] = magnitude[i] * phasor[2 * i + 1];
        }
        return out;
    }

    private static float[][] copy(float[][] a) {
        float[][] out = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }

    private static float[][] add(float[][] a, float[][] b) {
        float[][] out = new float[a.length][];
        for (int c = 0; c < a.length; c++) {
            float[] x = a[c].clone();
            float[] y = b[c];
            for (int i = 0; i < x.length; i++) {
                x[i] += y[i];
            }
            out[c] = x;
        }
        return out;
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

    /**
     * The given slices as measured by a scan with motion, generated in parallel: each slice is
     * {@link #slice(int, MotionModel, AcquisitionSchedule)} with the schedule of {@code pattern} under
     * {@link #header()}. The dataset is marked fully sampled so that an evaluation can undersample it with the
     * protocol, but only the lines of {@code pattern} carry the motion (the others are the unmoved object's):
     * undersample it with {@code pattern} and nothing else. Reference and truth are the unmoved slice's. The
     * attributes {@code motion.eventsPerMinute}, {@code motion.seed}, {@code motion.shots} and
     * {@code motion.scanSeconds} and a note record the motion and the schedule.
     *
     * @param description how the dataset is named in reports
     * @param pattern     the protocol's pattern: the lines the scan acquires, whose timing the motion meets
     */
    public Dataset dataset(String description, MotionModel motion, SamplingPattern pattern, int... indices) {
        AcquisitionSchedule schedule = AcquisitionSchedule.of(pattern, header);
        PhantomSlice[] generated = new PhantomSlice[indices.length];
        IntStream.range(0, indices.length).parallel()
                .forEach(i -> generated[i] = slice(indices[i], motion, schedule));
        Dataset.Builder b = Dataset.builder(description, "knee phantom", header).fullySampled(true);
        for (PhantomSlice s : generated) {
            b.slice(s.kspace(), SamplingPattern.fullySampled(config.phaseEncodes()), s.index()).reference(s.reference())
                    .truth(s.objectMagnitude());
        }
        b.note(String.format("motion: %s; the %d lines of the protocol's pattern measured in %d shots over %.0f s "
                + "(interleaved TSE order), the other lines unmoved: undersample with that pattern only", motion,
                pattern.acquiredLines(), schedule.shots(), schedule.durationSeconds()));
        b.attribute("motion.eventsPerMinute", Double.toString(motion.eventsPerMinute()))
                .attribute("motion.seed", Long.toString(motion.seed()))
                .attribute("motion.shots", Integer.toString(schedule.shots()))
                .attribute("motion.scanSeconds", Double.toString(schedule.durationSeconds()));
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
