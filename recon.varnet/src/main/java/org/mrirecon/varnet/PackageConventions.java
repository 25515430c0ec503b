package org.mrirecon.varnet;

import java.util.Arrays;
import java.util.Map;

import org.mrirecon.api.SamplingPattern;


/**
 * How a model package's graphs are fed, beyond the padding multiple: who normalises the U-Net input and in which
 * order with the zero padding, and which k-space lines the sensitivity net sees. Format version 1 packages (this
 * project's own models) have the defaults; version 2 adds the manifest fields {@code unetNormalisation} and
 * {@code sensitivityInput} so that models imported from fastMRI (training/import_fastmri.py) run with fastMRI's
 * conventions, and {@code output} for models whose image is the coil combination rather than the RSS. The same rules
 * are {@code VarNet(normalisation=..., sensitivity_input=..., output=...)} in training/varnet.py.
 */
record PackageConventions(UnetNormalisation unetNormalisation, SensitivityInput sensitivityInput, Output output) {

    /** Version 1's conventions. */
    static final PackageConventions DEFAULT = new PackageConventions(UnetNormalisation.IN_GRAPH_AFTER_PADDING,
            SensitivityInput.CALIBRATION_BLOCK, Output.RSS);

    /** A manifest value. */
    private interface Named {
        String json();
    }

    /** Who normalises each U-Net input by its per-channel mean and unbiased standard deviation, and when. */
    enum UnetNormalisation implements Named {
        /** The graph normalises the zero-padded image itself and undoes it (this project's NormUnet graphs). */
        IN_GRAPH_AFTER_PADDING("in-graph-after-padding"),
        /**
         * Java normalises the unpadded image, zero-pads the normalised image, runs the bare U-Net graph, crops and
         * undoes the normalisation (fastMRI's NormUnet).
         */
        BEFORE_PADDING("before-padding");

        private final String json;

        UnetNormalisation(String json) {
            this.json = json;
        }

        @Override
        public String json() {
            return json;
        }
    }

    /** Which phase-encode rows of the measured k-space make the sensitivity net's low-pass input. */
    enum SensitivityInput implements Named {
        /** The sampling pattern's calibration block {@code [calibrationStart, calibrationEnd)} as given. */
        CALIBRATION_BLOCK("calibration-block"),
        /**
         * fastMRI's symmetric block derived from the mask: with {@code left} and {@code right} the numbers of
         * consecutive acquired rows below {@code rows / 2} and from it on, {@code max(2 min(left, right), 1)} rows
         * starting at {@code (rows - width + 1) / 2}. fastMRI finds the first unacquired row with argmin, so a run
         * that reaches the edge of k-space counts as 0; this does the same.
         */
        FASTMRI_LOW_FREQUENCIES("fastmri-low-frequencies");

        private final String json;

        SensitivityInput(String json) {
            this.json = json;
        }

        @Override
        public String json() {
            return json;
        }
    }

    /** The image the model returns from its final coil k-space. */
    enum Output implements Named {
        /** The root-sum-of-squares of the final coil images (fastMRI). */
        RSS("rss"),
        /**
         * The magnitude of the coil combination {@code sum_c conj(S_c) x_c} with the model's own maps: it drops the
         * coil noise orthogonal to the maps, which RSS would add to every pixel as a noise floor. This project's
         * models trained against the noise-free truth use it.
         */
        SENSE("sense");

        private final String json;

        Output(String json) {
            this.json = json;
        }

        @Override
        public String json() {
            return json;
        }
    }

    /**
     * Reads the optional fields; absent fields take the defaults.
     *
     * @throws IllegalArgumentException for an unknown value, or a non-default value in a version 1 manifest (a
     *                                  version 1 reader would run such a package with the wrong conventions)
     */
    static PackageConventions parse(Map<String, Object> root, int formatVersion, String where) {
        PackageConventions c = new PackageConventions(
                value(root, "unetNormalisation", UnetNormalisation.values(), UnetNormalisation.IN_GRAPH_AFTER_PADDING,
                        where),
                value(root, "sensitivityInput", SensitivityInput.values(), SensitivityInput.CALIBRATION_BLOCK, where),
                value(root, "output", Output.values(), Output.RSS, where));
        if (formatVersion < 2 && !c.equals(DEFAULT)) {
            throw new IllegalArgumentException(ModelManifest.FILE + " of " + where + " declares unetNormalisation "
                    + c.unetNormalisation.json() + ", sensitivityInput " + c.sensitivityInput.json() + " and output "
                    + c.output.json() + " with formatVersion " + formatVersion + ": these need formatVersion 2");
        }
        return c;
    }

    private static <E extends Named> E value(Map<String, Object> root, String field, E[] values, E fallback,
            String where) {
        Object n = root.get(field);
        if (n == null) {
            return fallback;
        }
        for (E e : values) {
            if (n.equals(e.json())) {
                return e;
            }
        }
        throw new IllegalArgumentException(ModelManifest.FILE + " of " + where + ": " + field + " is "
                + ModelManifest.json(n)
                + ", expected one of " + Arrays.stream(values).map(Named::json).toList());
    }

    /** Whether Java normalises the U-Net inputs (before padding) and the graphs are bare U-Nets. */
    boolean normalisesBeforePadding() {
        return unetNormalisation == UnetNormalisation.BEFORE_PADDING;
    }

    /** The rows {@code [start, end)} whose k-space the sensitivity net sees. */
    int[] sensitivityRows(SamplingPattern pattern) {
        if (sensitivityInput == SensitivityInput.CALIBRATION_BLOCK) {
            return new int[] {pattern.calibrationStart(), pattern.calibrationEnd()};
        }
        return fastMriLowFrequencies(pattern.mask());
    }

    /** fastMRI's symmetric low-frequency block of a row mask, see {@link SensitivityInput#FASTMRI_LOW_FREQUENCIES}. */
    static int[] fastMriLowFrequencies(boolean[] acquired) {
        int rows = acquired.length;
        int centre = rows / 2;
        int left = 0;
        while (left < centre && acquired[centre - 1 - left]) {
            left++;
        }
        if (left == centre) {
            left = 0;
        }
        int right = 0;
        while (centre + right < rows && acquired[centre + right]) {
            right++;
        }
        if (centre + right == rows) {
            right = 0;
        }
        int width = Math.max(2 * Math.min(left, right), 1);
        int start = (rows - width + 1) / 2;
        return new int[] {start, start + width};
    }
}
