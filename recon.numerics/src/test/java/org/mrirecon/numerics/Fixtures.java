package org.mrirecon.numerics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the fixtures written by src/test/resources/fixtures/make_fixtures.py and make_operator_fixtures.py. */
public final class Fixtures {

    private Fixtures() {
    }

    public static float[] floats(String name) {
        byte[] bytes = bytes(name);
        float[] out = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /** A number from fixtures.json by key, e.g. {@code "psnr"}. */
    public static double number(String key) {
        String json = new String(bytes("fixtures.json"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*([-+0-9.eE]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("fixtures.json has no number '" + key + "'");
        }
        return Double.parseDouble(m.group(1));
    }

    /** A number from operator_fixtures.json (make_operator_fixtures.py) by section and key. */
    public static double operatorNumber(String section, String key) {
        String json = new String(bytes("operator_fixtures.json"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\"" + Pattern.quote(section) + "\"\\s*:\\s*\\{[^}]*\"" + Pattern.quote(key)
                + "\"\\s*:\\s*([-+0-9.eE]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("operator_fixtures.json has no number " + section + "." + key);
        }
        return Double.parseDouble(m.group(1));
    }

    /** A list of numbers from fixtures.json by key, e.g. {@code "ssim_per_slice": [0.8, 0.9]}. */
    public static double[] numbers(String key) {
        String json = new String(bytes("fixtures.json"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("fixtures.json has no list '" + key + "'");
        }
        String[] parts = m.group(1).trim().split("\\s*,\\s*");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Double.parseDouble(parts[i]);
        }
        return out;
    }

    private static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name + ": run make_fixtures.py");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
