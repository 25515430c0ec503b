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
 * Writes the images of a comparison as NumPy arrays, {@code float32 [slices, rows, cols]}, one file per trial plus
 * the yardsticks ({@code reference.npy}, {@code truth.npy}), the foreground masks ({@code foreground.npy}, 0/1 as
 * float32) and the slice numbers ({@code slices.npy}), so a Python user can recompute every number. Arrays are in the
 * source file's own orientation: where the reader transposed the data to put phase-encode in rows (fastMRI), they
 * are transposed back, so {@code reference.npy} equals the file's {@code reconstruction_rss}.
 */
final class NumPyOutputs {

    private NumPyOutputs() {
    }

    /** @param transposeBack whether the source stores the transpose of the internal layout (Dataset attribute). */
    static List<Path> write(Path dir, Comparison c, boolean transposeBack) throws IOException {
        Path out = Files.createDirectories(dir.resolve("numpy"));
        List<Path> files = new ArrayList<>();
        Yardsticks y = c.yardsticks();
        if (y == null) {
            return files;
        }
        for (Yardstick k : y.available()) {
            files.add(write(out.resolve(k.key() + ".npy"), List.of(y.images(k)), y, transposeBack));
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
            files.add(write(out.resolve("foreground.npy"), masks, y, transposeBack));
        }
        boolean numbers = false;
        for (TrialResult r : c.results()) {
            if (r.failed() || r.images().isEmpty()) {
                continue;
            }
            files.add(write(out.resolve(r.label().replaceAll("[^A-Za-z0-9_.-]", "_") + ".npy"), r.images(), y,
                    transposeBack));
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

    private static Path write(Path file, List<float[]> slices, Yardsticks y, boolean transposeBack)
            throws IOException {
        int rows = y.rows();
        int cols = y.cols();
        int n = rows * cols;
        float[] all = new float[slices.size() * n];
        for (int s = 0; s < slices.size(); s++) {
            float[] img = slices.get(s);
            if (transposeBack) {
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        all[s * n + c * rows + r] = img[r * cols + c];
                    }
                }
            } else {
                System.arraycopy(img, 0, all, s * n, n);
            }
        }
        NumPy.writeNpy(file, transposeBack ? NumPy.Array.float32(all, slices.size(), cols, rows)
                : NumPy.Array.float32(all, slices.size(), rows, cols));
        return file;
    }
}
