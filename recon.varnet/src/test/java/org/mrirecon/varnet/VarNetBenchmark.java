package org.mrirecon.varnet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.mrirecon.api.Acquisition;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconParameters;
import org.mrirecon.numerics.mask.Masks;
import org.mrirecon.phantom.KneePhantom;
import org.mrirecon.phantom.PhantomConfig;

/**
 * Benchmark, not a test (training/bench.sh runs it before the PyTorch side): milliseconds per slice of the bundled
 * model on the default phantom's middle slice (320 x 320, 15 coils) at 4x / 20 ACS. Writes the input and the output
 * to a folder so that bench_torch.py times the same model on the same data and compares the images.
 *
 * <p>Arguments: output folder, [timed runs (default 5)], [ONNX Runtime threads (default 2)].
 */
public final class VarNetBenchmark {

    private VarNetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String threads = args.length > 2 ? args[2] : "2";
        PhantomConfig config = PhantomConfig.defaults();
        KneePhantom phantom = new KneePhantom(config);
        Acquisition acq = Acquisition.of(phantom.slice(config.slices() / 2).kspace(),
                Masks.equispaced(config.phaseEncodes(), 4, 20), 0);
        VarNetReconstructor varnet = new VarNetReconstructor();
        ReconParameters p = varnet.descriptor().parameters(Map.of(VarNetReconstructor.THREADS, threads));
        float[] image = null;
        for (int i = 0; i < 2; i++) {
            image = varnet.reconstruct(acq, p, ReconContext.none()).magnitude();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            varnet.reconstruct(acq, p, ReconContext.none());
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("Java + ONNX Runtime (%s intra-op threads): median %.0f ms/slice (min %.0f, max %.0f), "
                + "%dx%d, %d coils, %d runs%n", threads, ms[runs / 2], ms[0], ms[runs - 1], config.phaseEncodes(),
                config.readouts(), config.coils(), runs);
        Files.createDirectories(out);
        write(out.resolve("kspace.f32"), acq.kspace().copyData());
        write(out.resolve("java.f32"), image);
        Files.writeString(out.resolve("bench.txt"), String.format("%d %d %d %d %d %.3f%n", config.coils(),
                config.phaseEncodes(), config.readouts(), acq.pattern().calibrationStart(),
                acq.pattern().calibrationEnd(), ms[runs / 2]));
    }

    private static void write(Path file, float[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        Files.write(file, b.array());
    }
}
