package org.mrirecon.varnet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.mrirecon.api.Acquisition;
import org.mrirecon.api.KSpace;
import org.mrirecon.api.SamplingPattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The acquisition and PyTorch output that training/export.py wrote next to the bundled model
 * (src/test/resources/org/mrirecon/varnet/fixture).
 */
record Fixture(String model, Acquisition acquisition, float[] expected) {

    static Fixture load() {
        try {
            JsonNode meta = new ObjectMapper().readTree(bytes("fixture.json"));
            int coils = meta.get("coils").asInt();
            int rows = meta.get("rows").asInt();
            int cols = meta.get("cols").asInt();
            boolean[] mask = new boolean[rows];
            for (int y = 0; y < rows; y++) {
                mask[y] = meta.get("mask").get(y).asInt() == 1;
            }
            SamplingPattern pattern = SamplingPattern.of(mask, meta.get("acsStart").asInt(),
                    meta.get("acsEnd").asInt());
            Acquisition acq = Acquisition.of(KSpace.of(coils, rows, cols, floats("kspace.f32")), pattern, 0);
            return new Fixture(meta.get("model").asText(), acq, floats("expected.f32"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String name) throws IOException {
        try (InputStream in = Fixture.class.getResourceAsStream("fixture/" + name)) {
            if (in == null) {
                throw new IOException("test resource fixture/" + name + " is missing: run training/export.py");
            }
            return in.readAllBytes();
        }
    }

    private static float[] floats(String name) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes(name)).order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[b.remaining() / 4];
        b.asFloatBuffer().get(f);
        return f;
    }
}
