package org.mrirecon.mrd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconstructedImage;
import org.mrirecon.data.Dataset;
import org.mrirecon.grappa.GrappaReconstructor;
import org.mrirecon.io.Readers;
import org.mrirecon.mrd.internal.Fixtures;
import org.mrirecon.mrd.internal.Mrd;
import org.mrirecon.mrd.internal.Server;
import org.mrirecon.mrd.internal.TestMethods;

/**
 * The client streams the fixtures to a server in this JVM: the images equal the method run on the file reader's
 * slices, carry the slices' geometry and the method's identity, survive the HDF5 file, and many clients at once get
 * the same.
 */
class ClientServerTest {

    private static TestMethods methods;
    private static Server server;

    @BeforeAll
    static void start() throws Exception {
        methods = new TestMethods();
        server = Server.start(ServerOptions.builder().port(0).build(), methods);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static MrdClient.Builder client(String method) {
        return MrdClient.to("127.0.0.1", server.address().getPort(), method).timeout(60, TimeUnit.SECONDS);
    }

    /** What the method makes of the file reader's slices, centre-cropped to the reference size: run's images. */
    private static List<float[]> direct(Path file, Map<String, String> params) throws Exception {
        Dataset d = Readers.read(file);
        GrappaReconstructor g = new GrappaReconstructor();
        List<ReconstructedImage> images = g.reconstructVolume(d.toVolume(), g.descriptor().parameters(params),
                ReconContext.none());
        List<float[]> out = new ArrayList<>();
        for (ReconstructedImage img : images) {
            out.add(d.cropToReference(img.magnitude()));
        }
        return out;
    }

    /** Images in the file reader's order: contrast, phase, repetition, set, slice. */
    static List<MrdImage> sorted(List<MrdImage> images) {
        List<MrdImage> s = new ArrayList<>(images);
        s.sort(Comparator.comparingInt(MrdImage::contrast).thenComparingInt(MrdImage::phase)
                .thenComparingInt(MrdImage::repetition).thenComparingInt(MrdImage::set)
                .thenComparingInt(MrdImage::slice));
        return s;
    }

    @Test
    void streamedGrappaEqualsGrappaOnTheFileReadersSlices() throws Exception {
        for (Path file : Fixtures.all()) {
            MrdClient.Reply reply = client("grappa").build().stream(file, null);
            assertTrue(reply.ok(), reply.error());
            List<float[]> expected = direct(file, Map.of());
            List<MrdImage> images = sorted(reply.images());
            assertEquals(expected.size(), images.size());
            double worst = 0;
            for (int i = 0; i < images.size(); i++) {
                float[] got = images.get(i).pixels();
                float[] want = expected.get(i);
                assertEquals(want.length, got.length);
                float max = 0;
                float diff = 0;
                for (int p = 0; p < got.length; p++) {
                    max = Math.max(max, Math.abs(want[p]));
                    diff = Math.max(diff, Math.abs(want[p] - got[p]));
                }
                worst = Math.max(worst, diff / max);
            }
            System.out.printf("%s: %d streamed GRAPPA images vs GRAPPA on the file reader's slices: max |diff| / max "
                    + "= %.2e%n", file.getFileName(), images.size(), worst);
            assertTrue(worst <= 1e-6, "relative difference " + worst);
        }
    }

    @Test
    void imagesCarryTheSlicesGeometryAndTheMethodsIdentity() throws Exception {
        MrdClient.Reply reply = client("grappa").build().stream(Fixtures.MULTISLICE, null);
        assertTrue(reply.ok(), reply.error());
        List<MrdImage> images = reply.images();
        assertEquals(6, images.size());
        for (int i = 0; i < images.size(); i++) {
            MrdImage img = images.get(i);
            assertEquals(64, img.cols());
            assertEquals(64, img.rows());
            assertEquals(1, img.depth());
            assertEquals(1, img.channels());
            assertEquals(Mrd.DATA_FLOAT, img.dataType());
            assertEquals(Mrd.IMTYPE_MAGNITUDE, img.imageType());
            assertEquals(i + 1, img.imageIndex());
            assertArrayEquals(new float[] {300, 300, 6}, img.fieldOfView(), 1e-4f);
            assertArrayEquals(new float[] {0, 0, -6f + 6f * img.slice()}, img.position(), 0f);
            assertArrayEquals(new float[] {1, 0, 0}, img.readDir(), 0f);
            assertArrayEquals(new float[] {0, 1, 0}, img.phaseDir(), 0f);
            assertArrayEquals(new float[] {0, 0, 1}, img.sliceDir(), 0f);
            assertArrayEquals(new float[] {0, 0, 100}, img.patientTablePosition(), 0f);
            assertTrue(img.acquisitionTimeStamp() >= 1000);
            assertEquals("grappa", img.attribute("Method"));
            assertEquals("GRAPPA", img.attribute("MethodName"));
            assertEquals("test.grappa", img.attribute("Bundle"));
            assertEquals(TestMethods.VERSION, img.attribute("BundleVersion"));
            assertEquals("Image", img.attribute("DataRole"));
            assertTrue(Double.parseDouble(img.attribute("ReconTimeMs")) > 0);
            assertEquals("rss", img.attribute("Info.coilCombination"));
            assertTrue(reply.latenciesMillis().get(i) >= 0);
        }
        // slices of repetition 0 complete (at their ACQ_LAST_IN_SLICE) before repetition 1 is streamed
        assertEquals(0, images.get(0).repetition());
        assertEquals(1, images.get(5).repetition());
        // the server releases the lease after it wrote CLOSE, which the client may have read first
        long end = System.nanoTime() + 10_000_000_000L;
        while (methods.held.get() > 0 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertEquals(0, methods.held.get(), "the lease is released when the connection ends");
    }

    @Test
    void theImagesSurviveTheHdf5File() throws Exception {
        MrdClient.Reply reply = client("grappa").build().stream(Fixtures.MULTISLICE, null);
        assertTrue(reply.ok(), reply.error());
        Path out = Files.createTempDirectory("mrd").resolve("out.h5");
        String xml = org.mrirecon.mrd.internal.IsmrmrdRawFile.read(Fixtures.MULTISLICE, null, 1L << 30).xml();
        MrdImageFile.write(out, xml, reply.images());
        List<MrdImage> back = MrdImageFile.read(out);
        assertEquals(reply.images().size(), back.size());
        for (int i = 0; i < back.size(); i++) {
            assertArrayEquals(reply.images().get(i).header(), back.get(i).header());
            assertArrayEquals(reply.images().get(i).pixels(), back.get(i).pixels(), 0f);
            assertEquals(reply.images().get(i).attributes(), back.get(i).attributes());
        }
        assertEquals(xml, MrdImageFile.readXml(out));
    }

    @Test
    void jsonParametersReachTheMethodAndUshortImagesCarryTheirScale() throws Exception {
        MrdClient.Reply reply = client("grappa").parameter("lambda", "0.1").parameter(
                "imageDataType", "ushort").build().stream(Fixtures.SHEPP_LOGAN, null);
        assertTrue(reply.ok(), reply.error());
        List<float[]> expected = direct(Fixtures.SHEPP_LOGAN, Map.of("lambda", "0.1"));
        List<MrdImage> images = sorted(reply.images());
        for (int i = 0; i < images.size(); i++) {
            MrdImage img = images.get(i);
            assertEquals(Mrd.DATA_USHORT, img.dataType());
            assertEquals("0.1", img.attribute("Info.lambda"));
            double scale = Double.parseDouble(img.attribute("ImageScaleFactor"));
            float[] px = img.pixels();
            float max = 0;
            for (int p = 0; p < px.length; p++) {
                assertEquals(expected.get(i)[p], px[p] / scale, 0.5 / scale + 1e-6);
                max = Math.max(max, px[p]);
            }
            assertEquals(4095, max, 0f);
        }
    }

    @Test
    void sixteenClientsAtOnceGetTheSameImages() throws Exception {
        List<float[]> expected = direct(Fixtures.SHEPP_LOGAN, Map.of());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<MrdClient.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            replies.add(pool.submit(() -> client("grappa").build().stream(Fixtures.SHEPP_LOGAN, null)));
        }
        for (Future<MrdClient.Reply> f : replies) {
            MrdClient.Reply r = f.get(120, TimeUnit.SECONDS);
            assertTrue(r.ok(), r.error());
            List<MrdImage> images = sorted(r.images());
            for (int i = 0; i < images.size(); i++) {
                assertArrayEquals(expected.get(i), images.get(i).pixels(), 1e-6f * max(expected.get(i)));
            }
        }
        pool.shutdown();
        assertNotNull(server.stats());
    }

    private static float max(float[] a) {
        float m = 0;
        for (float v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
