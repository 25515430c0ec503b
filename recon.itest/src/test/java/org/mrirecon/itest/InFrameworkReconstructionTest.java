package org.mrirecon.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.util.Collection;
import java.util.List;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.mrirecon.api.Acquisition;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconstructedImage;
import org.mrirecon.api.Reconstructor;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.mask.Masks;
import org.mrirecon.numerics.metrics.ImageMetrics;
import org.mrirecon.phantom.KneePhantom;
import org.mrirecon.phantom.PhantomConfig;
import org.mrirecon.phantom.PhantomSlice;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;

/**
 * Starts the real bundles in Felix (Declarative Services included), finds the reconstruction methods only through
 * the service registry and runs a reconstruction on the knee phantom.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class InFrameworkReconstructionTest {

    @Inject
    BundleContext context;

    @Configuration
    public Option[] config() {
        List<Option> opts = ProjectBundles.except();
        opts.add(junitBundles());
        opts.add(systemProperty("java.awt.headless").value("true"));
        return options(opts.toArray(new Option[0]));
    }

    @Test
    public void everyProjectBundleIsActive() {
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName().startsWith("recon.") || b.getSymbolicName().startsWith("org.mrirecon")) {
                String why = "";
                if (b.getState() != Bundle.ACTIVE) {
                    try {
                        b.start();
                    } catch (BundleException e) {
                        why = ": " + e.getMessage();
                    }
                }
                assertEquals(b.getSymbolicName() + " is not active" + why, Bundle.ACTIVE, b.getState());
            }
        }
    }

    @Test
    public void everyMethodOfTheProjectIsRegistered() throws Exception {
        for (String id : new String[] {"zero-filled", "grappa", "cs", "varnet"}) {
            assertEquals(id, 1, context.getServiceReferences(Reconstructor.class,
                    "(" + Reconstructor.METHOD_PROPERTY + "=" + id + ")").size());
        }
    }

    @Test
    public void zeroFilledIsFoundThroughTheRegistryAndReconstructsThePhantom() throws Exception {
        Collection<ServiceReference<Reconstructor>> refs = context.getServiceReferences(Reconstructor.class,
                "(" + Reconstructor.METHOD_PROPERTY + "=zero-filled)");
        assertEquals(1, refs.size());
        ServiceReference<Reconstructor> ref = refs.iterator().next();
        Reconstructor method = context.getService(ref);
        try {
            assertEquals("zero-filled", method.descriptor().id());

            PhantomConfig config = PhantomConfig.builder().matrix(96, 96).coils(4).slices(3).build();
            KneePhantom phantom = new KneePhantom(config);
            PhantomSlice slice = phantom.slice(1);
            float[] reference = slice.reference();
            double maxval = max(reference);

            double ssimFull = ssim(method, slice, SamplingPattern.fullySampled(96), reference, maxval);
            double ssim2x = ssim(method, slice, Masks.equispaced(96, 2, 16), reference, maxval);
            double ssim4x = ssim(method, slice, Masks.equispaced(96, 4, 8), reference, maxval);
            // Fully sampled zero-filled is the reference itself; aliasing grows with acceleration.
            assertEquals(1.0, ssimFull, 1e-6);
            assertTrue("2x (" + ssim2x + ") must beat 4x (" + ssim4x + ")", ssim2x > ssim4x);
            assertTrue("4x zero-filled should be visibly degraded: " + ssim4x, ssim4x < 0.95);
        } finally {
            context.ungetService(ref);
        }
    }

    /** The VarNet's ONNX Runtime natives load from its wrapper bundle (Bundle-NativeCode) inside the framework. */
    @Test
    public void varnetRunsOnnxRuntimeInsideTheFrameworkAndBeatsZeroFilling() throws Exception {
        PhantomConfig config = PhantomConfig.builder().matrix(96, 96).coils(6).slices(3).build();
        KneePhantom phantom = new KneePhantom(config);
        PhantomSlice slice = phantom.slice(1);
        // the noise-free object: the bundled model is trained against it and returns a coil-combined image whose
        // clean background the noisy RSS reference would count against it
        float[] reference = slice.objectMagnitude();
        double maxval = max(reference);
        SamplingPattern protocol = Masks.equispaced(96, 4, 20);
        double[] ssims = new double[2];
        String[] ids = {"varnet", "zero-filled"};
        for (int i = 0; i < ids.length; i++) {
            ServiceReference<Reconstructor> ref = context.getServiceReferences(Reconstructor.class,
                    "(" + Reconstructor.METHOD_PROPERTY + "=" + ids[i] + ")").iterator().next();
            try {
                ssims[i] = ssim(context.getService(ref), slice, protocol, reference, maxval);
            } finally {
                context.ungetService(ref);
            }
        }
        assertTrue("varnet 4x SSIM " + ssims[0] + " must beat zero-filled " + ssims[1], ssims[0] > ssims[1] + 0.05);
    }

    private static double ssim(Reconstructor method, PhantomSlice slice,
            SamplingPattern pattern, float[] reference, double maxval) throws Exception {
        Acquisition acq = Acquisition.of(slice.kspace(), pattern, slice.index());
        ReconstructedImage img = method.reconstruct(acq, method.descriptor().defaults(), ReconContext.none());
        assertEquals(96, img.height());
        assertEquals(96, img.width());
        return ImageMetrics.ssim(reference, img.magnitude(), 96, 96, maxval);
    }

    private static double max(float[] v) {
        double m = 0;
        for (float f : v) {
            m = Math.max(m, f);
        }
        return m;
    }
}
