package org.mrirecon.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.mrirecon.api.KSpace;
import org.mrirecon.phantom.KneePhantom;
import org.mrirecon.phantom.PhantomConfig;
import org.mrirecon.phantom.PhantomSlice;

import picocli.CommandLine.Option;

/** Options that choose the data a command runs on: the built-in knee phantom and its size. */
public final class DataOptions {

    @Option(names = "--slices", paramLabel = "N",
            description = "Number of slices of the phantom volume to use, centred on the middle of the knee "
                    + "(default: all of them; bench: 4).")
    Integer slices;

    @Option(names = "--volume-slices", paramLabel = "N", defaultValue = "35",
            description = "Slices of the whole phantom volume, medial to lateral (default ${DEFAULT-VALUE}).")
    int phantomSlices;

    @Option(names = "--matrix", paramLabel = "N", defaultValue = "320",
            description = "Phantom matrix size N x N (default ${DEFAULT-VALUE}).")
    int matrix;

    @Option(names = "--coils", paramLabel = "N", defaultValue = "15",
            description = "Phantom receive coils (default ${DEFAULT-VALUE}).")
    int coils;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Phantom random seed (noise, texture) (default ${DEFAULT-VALUE}).")
    long seed;

    /** Generates the selected slices of the phantom (slices in parallel) as a dataset. */
    public Dataset load() {
        int slices = this.slices == null ? phantomSlices : this.slices;
        if (slices < 1 || slices > phantomSlices) {
            throw new IllegalArgumentException("--slices must lie in [1, " + phantomSlices + "], got " + slices);
        }
        PhantomConfig config = PhantomConfig.builder().matrix(matrix, matrix).coils(coils).slices(phantomSlices)
                .seed(seed).build();
        KneePhantom phantom = new KneePhantom(config);
        int first = (phantomSlices - slices) / 2;
        PhantomSlice[] generated = new PhantomSlice[slices];
        IntStream.range(0, slices).parallel().forEach(i -> generated[i] = phantom.slice(first + i));
        List<KSpace> kspace = new ArrayList<>();
        float[][] reference = new float[slices][];
        for (int i = 0; i < slices; i++) {
            kspace.add(generated[i].kspace());
            reference[i] = generated[i].reference();
        }
        String name = String.format("knee phantom %dx%d, %d coils, slices %d-%d of %d, seed %d", matrix, matrix,
                coils, first, first + slices - 1, phantomSlices, seed);
        return new Dataset(name, phantom.header().toBuilder().slices(slices).build(), kspace, reference);
    }
}
