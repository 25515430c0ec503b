package org.mrirecon.numerics.sens;

import java.util.stream.IntStream;

import org.mrirecon.api.KSpace;
import org.mrirecon.api.SamplingPattern;

/**
 * ESPIRiT coil-sensitivity estimation from the calibration (ACS) region (Uecker et al., MRM 71:990, 2014), as
 * BART's {@code ecalib}:
 * <ol>
 * <li>calibration matrix of all {@code k x k} patches of the calibration region, its SVD (through the smaller Gram
 * matrix, with EJML), singular vectors kept above the threshold;</li>
 * <li>the per-pixel image-domain matrix {@code G(r)} built from the kept kernels ({@link ImageGram});</li>
 * <li>its leading eigenvectors per pixel (one per set of maps) by warm-started power iteration with deflation
 * ({@link PixelEigen}); a map is zero where its eigenvalue is at or below the crop threshold;</li>
 * <li>the phase of every pixel's map rotated so that its projection on the calibration data's first principal
 * component (a virtual coil) is real and positive, as BART does.</li>
 * </ol>
 * Thread-safe (stateless); uses the common fork-join pool.
 */
public final class Espirit {

    /** Rows per parallel task: a task reuses its row buffer and warm-started eigen solver across its rows. */
    private static final int ROWS_PER_TASK = 8;

    private Espirit() {
    }

    /** Estimates maps with {@link EspiritParameters#defaults()}. */
    public static SensitivityMaps estimate(KSpace kspace, SamplingPattern pattern) {
        return estimate(kspace, pattern, EspiritParameters.defaults());
    }

    /**
     * Estimates maps at the k-space matrix size.
     *
     * @param kspace  k-space with a fully sampled calibration block (other lines may be zero)
     * @param pattern names the calibration block ({@link SamplingPattern#calibrationStart()} and end)
     * @throws IllegalArgumentException if the calibration block is smaller than the kernel, or holds no signal
     */
    public static SensitivityMaps estimate(KSpace kspace, SamplingPattern pattern, EspiritParameters p) {
        if (pattern.phaseEncodes() != kspace.phaseEncodes()) {
            throw new IllegalArgumentException("sampling pattern covers " + pattern.phaseEncodes()
                    + " phase-encode lines but k-space has " + kspace.phaseEncodes());
        }
        int rows = kspace.phaseEncodes();
        int cols = kspace.readouts();
        int coils = kspace.coils();
        CalibrationRegion cal = CalibrationRegion.of(kspace, pattern, p.calibrationSize(), p.kernelSize());
        KernelBasis basis = KernelBasis.of(cal, p.kernelSize(), p.threshold());
        ImageGram gram = ImageGram.of(basis, coils, p.kernelSize(), rows, cols);
        double[] reference = cal.principalCoil();

        int sets = Math.min(p.sets(), coils);
        float[][][] maps = new float[sets][coils][2 * rows * cols];
        float[][] values = new float[sets][rows * cols];
        int tasks = (rows + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        IntStream.range(0, tasks).parallel().forEach(t -> {
            double[] row = new double[2 * cols * gram.pairs];
            PixelEigen eig = new PixelEigen(coils, sets);
            for (int y = t * ROWS_PER_TASK; y < Math.min(rows, (t + 1) * ROWS_PER_TASK); y++) {
                gram.row(y, row);
                eig.reset();
                for (int x = 0; x < cols; x++) {
                    eig.solve(row, 2 * x * gram.pairs, p.crop());
                    int i = y * cols + x;
                    for (int m = 0; m < sets; m++) {
                        values[m][i] = (float) eig.value(m);
                        if (eig.solved(m) && eig.value(m) > p.crop()) {
                            store(eig.vector(m), reference, maps[m], i);
                        }
                    }
                }
            }
        });
        return new SensitivityMaps(rows, cols, maps, values, basis.kernels.length, reference);
    }

    /** Writes {@code v * conj(z) / |z|} with {@code z = u^H v}, so the map's virtual-coil projection is real. */
    private static void store(double[] v, double[] u, float[][] maps, int pixel) {
        double zr = 0;
        double zi = 0;
        for (int c = 0; c < maps.length; c++) {
            zr += u[2 * c] * v[2 * c] + u[2 * c + 1] * v[2 * c + 1];
            zi += u[2 * c] * v[2 * c + 1] - u[2 * c + 1] * v[2 * c];
        }
        double mag = Math.hypot(zr, zi);
        double pr = mag > 0 ? zr / mag : 1;
        double pi = mag > 0 ? -zi / mag : 0;
        for (int c = 0; c < maps.length; c++) {
            maps[c][2 * pixel] = (float) (v[2 * c] * pr - v[2 * c + 1] * pi);
            maps[c][2 * pixel + 1] = (float) (v[2 * c] * pi + v[2 * c + 1] * pr);
        }
    }
}
