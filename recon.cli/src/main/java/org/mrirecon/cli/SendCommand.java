package org.mrirecon.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.mrirecon.io.NumPy;
import org.mrirecon.mrd.MrdClient;
import org.mrirecon.mrd.MrdImage;
import org.mrirecon.mrd.MrdImageFile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The scanner's side of the MRD streaming protocol: streams an ISMRMRD file to a server and writes the images it
 * returns, so that users and tests can drive {@code serve --mrd-port} (or Gadgetron, or a FIRE server).
 */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Stream an ISMRMRD raw-data file to an MRD server (serve --mrd-port, Gadgetron, a FIRE "
                + "server) as a scanner does, and write the images it returns to an HDF5 file (ISMRMRD image "
                + "layout, see docs/streaming.md).")
final class SendCommand implements Callable<Integer> {

    private final Cli cli;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE", description = "ISMRMRD .h5 raw data.")
    Path input;

    @Option(names = "--to", required = true, paramLabel = "HOST:PORT", description = "The MRD server.")
    String to;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "METHOD",
            description = "The config the server runs: here a method id (grappa, cs, varnet, any deployed one).")
    String config;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
            description = "A method parameter, sent as JSON in a TEXT message (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = {"-o", "--out"}, defaultValue = "images.h5", paramLabel = "FILE",
            description = "The images as HDF5 (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--npy", paramLabel = "FILE",
            description = "Also write the images as NumPy float32 [images, rows, cols], in run's image order.")
    Path npy;

    @Option(names = "--group", paramLabel = "NAME", description = "The ISMRMRD group (default: the file's only one).")
    String group;

    @Option(names = "--interval-ms", defaultValue = "0", paramLabel = "MS",
            description = "Pause between acquisitions, as a scanner paces them (default ${DEFAULT-VALUE}: none).")
    double intervalMs;

    @Option(names = "--timeout", defaultValue = "600", paramLabel = "S",
            description = "Seconds to wait for the server (connect, each reply, the final CLOSE; default "
                    + "${DEFAULT-VALUE}).")
    int timeoutSeconds;

    SendCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        int colon = to.lastIndexOf(':');
        int port;
        try {
            port = colon > 0 ? Integer.parseInt(to.substring(colon + 1)) : -1;
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new UsageException("--to must be HOST:PORT, e.g. 127.0.0.1:9002, got '" + to + "'");
        }
        if (intervalMs < 0 || timeoutSeconds < 1) {
            throw new UsageException("--interval-ms must be >= 0 and --timeout >= 1");
        }
        if (!Files.isRegularFile(input)) {
            throw new IllegalArgumentException("input file " + input + " does not exist: give an ISMRMRD .h5 file");
        }
        String host = to.substring(0, colon).replaceAll("^\\[|\\]$", "");
        MrdClient.Reply reply = MrdClient.to(host, port, config).parameters(params)
                .interval(Math.round(intervalMs * 1000), TimeUnit.MICROSECONDS)
                .timeout(timeoutSeconds, TimeUnit.SECONDS).build().stream(input, group);
        reply.texts().forEach(t -> cli.err.println("server: " + t));
        if (!reply.ok()) {
            throw new IOException("the MRD server at " + to + " ended the session after " + reply.images().size()
                    + " image(s): " + reply.error());
        }
        List<MrdImage> images = new ArrayList<>(reply.images());
        // the order of run's images: contrast, phase, repetition, set, slice
        images.sort(Comparator.comparingInt(MrdImage::contrast).thenComparingInt(MrdImage::phase)
                .thenComparingInt(MrdImage::repetition).thenComparingInt(MrdImage::set)
                .thenComparingInt(MrdImage::slice));
        MrdImageFile.write(out, reply.xml(), images);
        if (npy != null) {
            writeNpy(images);
        }
        summary(reply, images);
        return 0;
    }

    private static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    private void writeNpy(List<MrdImage> images) throws IOException {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("the server returned no images: nothing to write to " + npy);
        }
        MrdImage first = images.get(0);
        int n = first.cols() * first.rows();
        float[] all = new float[images.size() * n];
        for (int i = 0; i < images.size(); i++) {
            MrdImage img = images.get(i);
            if (img.isComplex() || img.pixelCount() != n) {
                throw new IllegalArgumentException("image " + i + " is " + img + ", not a real image of the first "
                        + "one's size: --npy needs one real 2-D size");
            }
            System.arraycopy(img.pixels(), 0, all, i * n, n);
        }
        NumPy.writeNpy(npy, NumPy.Array.float32(all, images.size(), first.rows(), first.cols()));
    }

    private void summary(MrdClient.Reply reply, List<MrdImage> images) {
        // per image in arrival order: latency, and the part of it the method took in the server (ReconTimeMs)
        List<Double> latency = new ArrayList<>();
        List<Double> method = new ArrayList<>();
        List<Double> overhead = new ArrayList<>();
        for (int i = 0; i < reply.images().size(); i++) {
            double l = reply.latenciesMillis().get(i);
            String r = reply.images().get(i).attribute("ReconTimeMs");
            if (!Double.isNaN(l) && r != null) {
                latency.add(l);
                method.add(Double.parseDouble(r));
                overhead.add(l - Double.parseDouble(r));
            }
        }
        String name = images.isEmpty() ? config : images.get(0).attribute("MethodName") + " ("
                + images.get(0).attribute("Bundle") + " " + images.get(0).attribute("BundleVersion") + ")";
        cli.out.printf(Locale.ROOT, "%d image(s) from %s for %d acquisitions sent%n", images.size(), name,
                reply.acquisitionsSent());
        if (!latency.isEmpty()) {
            cli.out.printf(Locale.ROOT, "latency from a slice's last acquisition to its image: median %.1f ms "
                    + "(min %.1f, max %.1f); the method's own time in the server: median %.1f ms; the rest (assembly, "
                    + "transfer, queueing): median %.1f ms%n", median(latency), Collections.min(latency),
                    Collections.max(latency), median(method), median(overhead));
        }
        cli.out.println("Wrote " + out.toAbsolutePath() + (npy != null ? " and " + npy.toAbsolutePath() : ""));
    }
}
