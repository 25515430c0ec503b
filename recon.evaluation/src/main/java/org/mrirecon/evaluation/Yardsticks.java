package org.mrirecon.evaluation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.mrirecon.data.Dataset;
import org.mrirecon.numerics.coil.CoilImages;

/**
 * What a dataset's reconstructions are scored against, computed once per dataset: the reference images, the truth
 * where known, their volume maxima (the data range of PSNR and SSIM), and the foreground masks. All images are
 * {@code [slice][rows * cols]} at the reference size.
 */
public final class Yardsticks {

    private final int rows;
    private final int cols;
    private final Map<Yardstick, float[][]> images = new EnumMap<>(Yardstick.class);
    private final Map<Yardstick, Double> ranges = new EnumMap<>(Yardstick.class);
    private final Map<Yardstick, String> sources = new EnumMap<>(Yardstick.class);
    private final boolean[][] foreground;
    private final String foregroundSource;

    private Yardsticks(Dataset data) {
        this.rows = data.referenceRows();
        this.cols = data.referenceCols();
        int n = data.sliceCount();
        float[][] reference = null;
        if (data.hasReference()) {
            reference = new float[n][];
            for (int i = 0; i < n; i++) {
                reference[i] = data.reference(i);
            }
            sources.put(Yardstick.REFERENCE, "the data's own reference image");
        } else if (data.isFullySampled()) {
            reference = new float[n][];
            for (int i = 0; i < n; i++) {
                reference[i] = data.cropToReference(CoilImages.rss(data.kspace(i)));
            }
            sources.put(Yardstick.REFERENCE, "root-sum-of-squares of the fully sampled coil images");
        }
        if (reference != null) {
            put(Yardstick.REFERENCE, reference);
        }
        if (data.hasTruth()) {
            float[][] truth = new float[n][];
            for (int i = 0; i < n; i++) {
                truth[i] = data.truth(i);
            }
            put(Yardstick.TRUTH, truth);
            sources.put(Yardstick.TRUTH, "the noise-free object magnitude the data carries");
        }
        if (images.containsKey(Yardstick.TRUTH)) {
            foreground = Foreground.masks(images.get(Yardstick.TRUTH), rows, cols, false);
            foregroundSource = "truth";
        } else if (reference != null) {
            foreground = Foreground.masks(reference, rows, cols, true);
            foregroundSource = "reference, smoothed 3x3";
        } else {
            foreground = null;
            foregroundSource = null;
        }
    }

    private void put(Yardstick y, float[][] volume) {
        images.put(y, volume);
        double max = 0;
        for (float[] s : volume) {
            for (float v : s) {
                max = Math.max(max, v);
            }
        }
        ranges.put(y, max);
    }

    /** The yardsticks of a dataset (none for undersampled data without a reference). */
    public static Yardsticks of(Dataset data) {
        return new Yardsticks(data);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The yardsticks the data has, in {@link Yardstick} order. */
    public List<Yardstick> available() {
        return new ArrayList<>(images.keySet());
    }

    public boolean has(Yardstick y) {
        return images.containsKey(y);
    }

    /** The yardstick's images; callers must not modify them. */
    public float[][] images(Yardstick y) {
        float[][] v = images.get(y);
        if (v == null) {
            throw new IllegalArgumentException("the data has no " + y.description());
        }
        return v;
    }

    /** The data range of PSNR and SSIM against this yardstick: its volume's maximum. */
    public double dataRange(Yardstick y) {
        return ranges.get(y);
    }

    /** Where the yardstick's images come from, in words. */
    public String source(Yardstick y) {
        return sources.get(y);
    }

    /** Per-slice foreground masks, or null without any yardstick. */
    public boolean[][] foreground() {
        return foreground;
    }

    /** What the foreground masks were built from ("truth", "reference, smoothed 3x3"), or null. */
    public String foregroundSource() {
        return foregroundSource;
    }

    /** The mask of a region: null (every pixel) for {@link Region#WHOLE}. */
    public boolean[][] region(Region r) {
        return r == Region.WHOLE ? null : foreground;
    }

    /** Every score the data supports: each available yardstick, each region, each metric of the registry. */
    public List<Score> scores() {
        List<Score> out = new ArrayList<>();
        for (Yardstick y : images.keySet()) {
            for (Region r : Region.values()) {
                for (Metric m : Metrics.ALL) {
                    out.add(new Score(y, r, m));
                }
            }
        }
        return out;
    }
}
