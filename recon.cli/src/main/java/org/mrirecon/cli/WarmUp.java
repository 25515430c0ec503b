package org.mrirecon.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.mrirecon.api.Acquisition;
import org.mrirecon.api.KSpace;
import org.mrirecon.api.MethodDescriptor;
import org.mrirecon.api.ReconContext;
import org.mrirecon.numerics.mask.Masks;
import org.mrirecon.phantom.KneePhantom;
import org.mrirecon.phantom.PhantomConfig;

/**
 * serve's background warm-up. A JVM runs a method's first slice several times slower than its later ones: the hot
 * loops run interpreted until the JIT compiles them, ONNX Runtime builds its session, and the heap faults in fresh
 * memory. A long-running server can pay that before anyone waits: once it is up, each built-in method reconstructs
 * one small phantom slice (80 x 80, 4 coils: the same code paths and FFT radices as 320 x 320) at its default
 * protocol, on a low-priority daemon thread, so the first command, stream or job gets compiled code. Deployed
 * methods are not touched: they are a third party's, and run in a worker process.
 */
final class WarmUp implements AutoCloseable {

    static final int MATRIX = 80;
    static final int COILS = 4;

    private final Thread thread;

    private WarmUp(Cli cli, PrintStream log) {
        thread = new Thread(() -> run(cli, log), "recon-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
    }

    /** Starts the warm-up in the background. */
    static WarmUp start(Cli cli, PrintStream log) {
        WarmUp w = new WarmUp(cli, log);
        w.thread.start();
        return w;
    }

    private static void run(Cli cli, PrintStream log) {
        long t0 = System.nanoTime();
        KSpace kspace = new KneePhantom(PhantomConfig.builder().matrix(MATRIX, MATRIX).coils(COILS).build())
                .slice(17).kspace();
        List<String> done = new ArrayList<>();
        for (MethodRegistry.MethodInfo m : cli.registry.methods()) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            if (!m.origin.equals("built in")) {
                continue;
            }
            MethodDescriptor d = m.descriptor;
            long t = System.nanoTime();
            try (MethodRegistry.Lease lease = cli.registry.acquire(d.id())) {
                int accel = Math.max(1, (int) Math.round(d.defaultAcceleration()));
                int acs = Math.min(MATRIX / 2, Math.max(d.minimumCalibrationLines(), d.defaultCalibrationLines() / 4));
                Acquisition slice = Acquisition.of(kspace, Masks.equispaced(MATRIX, accel, acs), 17);
                lease.reconstructor.reconstruct(slice, d.parameters(java.util.Map.of()), ReconContext.none());
                done.add(String.format(Locale.ROOT, "%s %.1f s", d.id(), (System.nanoTime() - t) / 1e9));
            } catch (Exception | LinkageError e) {
                done.add(d.id() + " failed (" + e.getMessage() + ")"); // it will fail for the user too, and say why
            }
        }
        log.printf(Locale.ROOT, "Warm-up done in %.1f s (each built-in method ran one small slice): %s%n",
                (System.nanoTime() - t0) / 1e9, String.join(", ", done));
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
