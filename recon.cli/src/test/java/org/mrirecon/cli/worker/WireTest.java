package org.mrirecon.cli.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.mrirecon.api.Acquisition;
import org.mrirecon.api.AcquisitionVolume;
import org.mrirecon.api.KSpace;
import org.mrirecon.api.MethodDescriptor;
import org.mrirecon.api.ParameterSpec;
import org.mrirecon.api.ReconstructedImage;
import org.mrirecon.api.SamplingPattern;

/** The channel's frames: what goes in comes out, bit for bit, over a real Unix-domain socket and shared memory. */
class WireTest {

    private static AcquisitionVolume volume(int slices, int coils, int rows, int cols) {
        Random r = new Random(7);
        boolean[] acquired = new boolean[rows];
        for (int ky = 0; ky < rows; ky++) {
            acquired[ky] = ky > 0 && ky < rows - 1 && (ky % 3 == 0 || Math.abs(ky - rows / 2) < 4);
        }
        SamplingPattern p = SamplingPattern.of(acquired, rows / 2 - 3, rows / 2 + 4, 1, rows - 1);
        List<Acquisition> out = new ArrayList<>();
        for (int s = 0; s < slices; s++) {
            float[] k = new float[2 * coils * rows * cols];
            for (int i = 0; i < k.length; i++) {
                k[i] = (float) r.nextGaussian();
            }
            out.add(Acquisition.of(KSpace.of(coils, rows, cols, k), p, s + 3));
        }
        return AcquisitionVolume.of(out);
    }

    private static Wire.In frame(Wire.Out o) {
        ByteBuffer b = o.finish();
        ByteBuffer copy = ByteBuffer.allocate(b.remaining()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        copy.put(b).flip();
        copy.getInt(); // the length
        return new Wire.In(copy);
    }

    @Test
    void aVolumeGoesAcrossWithItsPatternsAndOnlyItsAcquiredLines() {
        AcquisitionVolume v = volume(2, 3, 24, 16);
        Wire.Out o = new Wire.Out(64);
        o.start(Wire.RECONSTRUCT, 42);
        Codec.volume(o, v);
        assertEquals(4 + 9 + Codec.volumeBytes(v), o.position(), "volumeBytes must say what volume() writes");
        Wire.In in = frame(o);
        assertEquals(Wire.RECONSTRUCT, in.type);
        assertEquals(42, in.id);
        AcquisitionVolume back = Codec.volume(in);
        assertEquals(v.size(), back.size());
        for (int s = 0; s < v.size(); s++) {
            assertEquals(v.slice(s).pattern(), back.slice(s).pattern());
            assertEquals(v.slice(s).sliceIndex(), back.slice(s).sliceIndex());
            assertArrayEquals(v.slice(s).kspace().copyData(), back.slice(s).kspace().copyData(), 0f);
        }
    }

    @Test
    void aVolumeGoesThroughASharedRegion() throws Exception {
        AcquisitionVolume v = volume(3, 2, 20, 12);
        try (SharedRegions regions = new SharedRegions()) {
            SharedRegions.Region r = regions.take(Codec.volumeBytes(v));
            Wire.Out o = new Wire.Out(r.buffer());
            Codec.volume(o, v);
            ByteBuffer reader = r.buffer().duplicate().position(0).limit(o.position());
            AcquisitionVolume back = Codec.volume(new Wire.In(reader, true));
            assertArrayEquals(v.slice(2).kspace().copyData(), back.slice(2).kspace().copyData(), 0f);
            regions.give(r);
            assertTrue(regions.take(10) == r, "a region is reused");
            assertThrows(IllegalStateException.class, () -> Codec.volume(new Wire.Out(ByteBuffer.allocate(8)), v),
                    "a region too small must fail, not grow elsewhere");
        }
    }

    @Test
    void imagesAndDescriptorsGoAcross() {
        float[] mag = {1, 2, 3, 4, 5, 6};
        float[] cx = {1, 0, 0, 1, -1, 0, 0, -1};
        List<ReconstructedImage> images = Arrays.asList(ReconstructedImage.ofMagnitude(2, 3, mag, Map.of("a", "1")),
                null, ReconstructedImage.ofComplex(2, 2, cx, Map.of()));
        MethodDescriptor d = MethodDescriptor.builder("m-1").displayName("M").description("about")
                .defaultProtocol(4, 20).minimumCalibrationLines(6)
                .parameter(ParameterSpec.integer("n", 5, 1, 9, "count"))
                .parameter(ParameterSpec.real("lambda", 0.01, 0, 1, "weight"))
                .parameter(ParameterSpec.bool("flag", true, "on"))
                .parameter(ParameterSpec.choice("c", "x", List.of("x", "y"), "pick"))
                .parameter(ParameterSpec.text("t", "path", "file")).build();
        Wire.Out o = new Wire.Out(16);
        o.start(Wire.RESULT, 1);
        Codec.images(o, images);
        Codec.descriptor(o, d);
        Codec.images(o, null);
        Wire.In in = frame(o);
        List<Codec.RawImage> raw = Codec.images(in);
        ReconstructedImage m = raw.get(0).image(Map.of("note", "n"));
        assertArrayEquals(mag, m.magnitude(), 0f);
        assertEquals(Map.of("a", "1", "note", "n"), m.info());
        assertNull(raw.get(1).image(Map.of()));
        assertArrayEquals(cx, raw.get(2).image(Map.of()).complex(), 0f);
        MethodDescriptor back = Codec.descriptor(in);
        assertEquals(d.id(), back.id());
        assertEquals(d.displayName(), back.displayName());
        assertEquals(d.defaultAcceleration(), back.defaultAcceleration());
        assertEquals(d.minimumCalibrationLines(), back.minimumCalibrationLines());
        assertEquals(d.parameters(), back.parameters());
        assertNull(Codec.images(in));
    }

    @Test
    void anImageTheApiRefusesIsRefusedOnArrival() {
        Wire.Out o = new Wire.Out(16);
        o.start(Wire.RESULT, 1);
        o.i32(1).i32(1).i32(2).bool(false).floats(new float[] {1, Float.NaN}, 0, 2).map(Map.of());
        List<Codec.RawImage> raw = Codec.images(frame(o));
        assertThrows(IllegalArgumentException.class, () -> raw.get(0).image(Map.of()));
    }

    @Test
    void framesCrossAUnixDomainSocketInBothDirections() throws Exception {
        Path dir = Files.createTempDirectory("wire");
        Path socket = dir.resolve("s");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX);
            client.connect(UnixDomainSocketAddress.of(socket));
            try (Wire.Connection a = new Wire.Connection(client);
                    Wire.Connection b = new Wire.Connection(server.accept())) {
                float[] big = new float[3_000_000]; // larger than any socket buffer: written in pieces
                big[big.length - 1] = 42f;
                Thread writer = new Thread(() -> {
                    try {
                        a.send(Wire.PROGRESS, 5, o -> o.f64(0.5).str("half").floats(big, 0, big.length));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                writer.start();
                Wire.In in = b.receive();
                assertEquals(Wire.PROGRESS, in.type);
                assertEquals(5, in.id);
                assertEquals(0.5, in.f64());
                assertEquals("half", in.str());
                float[] got = new float[big.length];
                in.floats(got, 0, got.length);
                assertEquals(42f, got[got.length - 1]);
                writer.join();
                b.send(Wire.SHUTDOWN, 0, null);
                assertEquals(Wire.SHUTDOWN, a.receive().type);
            }
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }
}
