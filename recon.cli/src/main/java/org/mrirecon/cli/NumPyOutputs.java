package org.mrirecon.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.mrirecon.io.NumPy;
import org.mrirecon.report.Comparison;
import org.mrirecon.report.MethodResult;

/**
 * Writes the reconstructions of a comparison as NumPy arrays, {@code float32 [slices, rows, cols]}, one file per
 * method plus the reference, so a Python user can load them with {@code numpy.load}.
 */
final class NumPyOutputs {

    private NumPyOutputs() {
    }

    static List<Path> write(Path dir, Comparison c) throws IOException {
        Path out = Files.createDirectories(dir.resolve("numpy"));
        List<Path> files = new ArrayList<>();
        if (c.hasReference()) {
            files.add(write(out.resolve("reference.npy"), List.of(c.reference()), c));
        }
        for (MethodResult r : c.results()) {
            files.add(write(out.resolve(r.label().replaceAll("[^A-Za-z0-9_.-]", "_") + ".npy"), r.images, c));
        }
        return files;
    }

    private static Path write(Path file, List<float[]> slices, Comparison c) throws IOException {
        int n = c.rows() * c.cols();
        float[] all = new float[slices.size() * n];
        for (int s = 0; s < slices.size(); s++) {
            System.arraycopy(slices.get(s), 0, all, s * n, n);
        }
        NumPy.writeNpy(file, NumPy.Array.float32(all, slices.size(), c.rows(), c.cols()));
        return file;
    }
}
