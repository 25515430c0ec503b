package org.mrirecon.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.mrirecon.evaluation.Comparison;
import org.mrirecon.evaluation.TrialResult;
import org.mrirecon.evaluation.Yardstick;
import org.mrirecon.evaluation.Yardsticks;
import org.mrirecon.io.NumPy;

/**
 * Writes the images of a comparison as NumPy arrays, {@code float32 [slices, rows, cols]} in the data's own layout
 * (rows along phase-encode), one file per trial plus the yardsticks ({@code reference.npy}, {@code truth.npy}), the
 * foreground masks ({@code foreground.npy}, uint8 as float32 0/1) and the slice numbers ({@code slices.npy}), so a
 * Python user can recompute every number.
 */
final class NumPyOutputs {

    private NumPyOutputs() {
    }

    static List<Path> write(Path dir, Comparison c) throws IOException {
        Path out = Files.createDirectories(dir.resolve("numpy"));
        List<Path> files = new ArrayList<>();
        Yardsticks y = c.yardsticks();
        if (y == null) {
            return files;
        }
        for (Yardstick k : y.available()) {
            files.add(write(out.resolve(k.key() + ".npy"), List.of(y.images(k)), y));
        }
        if (y.foreground() != null) {
            List<float[]> masks = new ArrayList<>();
            for (boolean[] m : y.foreground()) {
                float[] f = new float[m.length];
                for (int i = 0; i < m.length; i++) {
                    f[i] = m[i] ? 1 : 0;
                }
                masks.add(f);
            }
            files.add(write(out.resolve("foreground.npy"), masks, y));
        }
        boolean numbers = false;
        for (TrialResult r : c.results()) {
            if (r.failed() || r.images().isEmpty()) {
                continue;
            }
            files.add(write(out.resolve(r.label().replaceAll("[^A-Za-z0-9_.-]", "_") + ".npy"), r.images(), y));
            if (!numbers) {
                int[] n = r.sliceNumbers();
                float[] f = new float[n.length];
                for (int i = 0; i < n.length; i++) {
                    f[i] = n[i];
                }
                Path p = out.resolve("slices.npy");
                NumPy.writeNpy(p, NumPy.Array.float32(f, n.length));
                files.add(p);
                numbers = true;
            }
        }
        return files;
    }

    private static Path write(Path file, List<float[]> slices, Yardsticks y) throws IOException {
        int n = y.rows() * y.cols();
        float[] all = new float[slices.size() * n];
        for (int s = 0; s < slices.size(); s++) {
            System.arraycopy(slices.get(s), 0, all, s * n, n);
        }
        NumPy.writeNpy(file, NumPy.Array.float32(all, slices.size(), y.rows(), y.cols()));
        return file;
    }
}
