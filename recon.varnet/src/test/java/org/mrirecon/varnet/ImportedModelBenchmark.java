package org.mrirecon.varnet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.mrirecon.api.ReconContext;

/**
 * Benchmark, not a test (training/bench_import.sh runs it before the PyTorch side): milliseconds per slice of an
 * imported model package on one case of make_import_fixtures.py (e.g. the full-size fastMRI VarNet on 15 coils,
 * 640 x 368), after one warm-up run. Writes the image to java.f32 in the output folder and the median time to
 * java.txt, so that bench_import_torch.py compares images and times.
 *
 * <p>Arguments: case folder, output folder, [timed runs (default 3)], [ONNX Runtime threads (default 2)].
 */
public final class ImportedModelBenchmark {

    private ImportedModelBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path caseDir = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        ImportedModelParityTest.Case c = ImportedModelParityTest.Case.load(caseDir);
        double[] ms = new double[runs];
        float[] image;
        long t0 = System.nanoTime();
        try (VarNetModel model = ModelLoader.load(c.pkg().toString(), threads)) {
            double loadMs = (System.nanoTime() - t0) / 1e6;
            t0 = System.nanoTime();
            image = model.reconstruct(c.acquisition(), ReconContext.none());
            double warmMs = (System.nanoTime() - t0) / 1e6;
            for (int i = 0; i < runs; i++) {
                t0 = System.nanoTime();
                image = model.reconstruct(c.acquisition(), ReconContext.none());
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            System.out.printf("loading the package %.0f ms, first (warm-up) run %.0f ms%n", loadMs, warmMs);
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf("Java + ONNX Runtime (%d intra-op threads): median %.0f ms/slice (min %.0f, max %.0f), "
                + "runs %s, %d coils, %d x %d%n", threads, sorted[runs / 2], sorted[0], sorted[runs - 1],
                Arrays.toString(Arrays.stream(ms).mapToLong(Math::round).toArray()), c.coils(), c.rows(), c.cols());
        Files.createDirectories(out);
        ByteBuffer b = ByteBuffer.allocate(4 * image.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(image);
        Files.write(out.resolve("java.f32"), b.array());
        Files.writeString(out.resolve("java.txt"), String.format("%.1f%n", sorted[runs / 2]));
    }
}
