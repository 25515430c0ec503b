package org.mrirecon.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.util.Hashtable;
import java.util.List;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.mrirecon.api.Acquisition;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.Reconstructor;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.mask.Masks;
import org.mrirecon.phantom.KneePhantom;
import org.mrirecon.phantom.PhantomConfig;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * An integrator swaps the VarNet's model in a running framework through ConfigAdmin (what a
 * {@code org.mrirecon.varnet.cfg} file in the watched folder does), without rebuilding: the method restarts with the
 * configured model, reports it, and runs it; deleting the configuration brings the bundled model back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class VarNetModelConfigurationTest {

    private static final String FILTER = "(" + Reconstructor.METHOD_PROPERTY + "=varnet)";

    @Inject
    BundleContext context;

    @Inject
    ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        List<Option> opts = ProjectBundles.except();
        opts.add(junitBundles());
        opts.add(systemProperty("java.awt.headless").value("true"));
        return options(opts.toArray(new Option[0]));
    }

    @Test
    public void configuredModelReplacesTheBundledOneAndDeletingTheConfigurationRestoresIt() throws Exception {
        String model = new File(System.getProperty("itest.wholeGraphModel")).getAbsolutePath();
        assertTrue(description().contains("(bundled)"));

        org.osgi.service.cm.Configuration cfg = configAdmin.getConfiguration("org.mrirecon.varnet", "?");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("model", model);
        cfg.update(props);
        String configured = awaitDescription("zero-filled-rss (whole graph " + model + ")");

        // The configured whole-graph test model computes the zero-filled RSS: the same image as the zero-filled method.
        PhantomConfig config = PhantomConfig.builder().matrix(64, 64).coils(4).slices(1).build();
        KneePhantom phantom = new KneePhantom(config);
        SamplingPattern pattern = Masks.equispaced(64, 4, 12);
        Acquisition acq = Acquisition.of(phantom.slice(0).kspace(), pattern, 0);
        float[] varnet = reconstruct(FILTER, acq);
        float[] zeroFilled = reconstruct("(" + Reconstructor.METHOD_PROPERTY + "=zero-filled)", acq);
        double max = 0;
        double err = 0;
        for (int i = 0; i < varnet.length; i++) {
            max = Math.max(max, zeroFilled[i]);
            err = Math.max(err, Math.abs(varnet[i] - zeroFilled[i]));
        }
        assertTrue(configured + ": max relative difference " + err / max, err / max < 1e-5);

        cfg.delete();
        awaitDescription("(bundled)");
    }

    /** The method's description, or "" while DS has it unregistered (between deactivation and reactivation). */
    private String description() throws Exception {
        for (ServiceReference<Reconstructor> ref : context.getServiceReferences(Reconstructor.class, FILTER)) {
            Reconstructor method = context.getService(ref);
            if (method != null) {
                try {
                    return method.descriptor().description();
                } finally {
                    context.ungetService(ref);
                }
            }
        }
        return "";
    }

    /** Waits (DS restarts the component asynchronously) until the method's description names {@code text}. */
    private String awaitDescription(String text) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline) {
            last = description();
            if (last.contains(text)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the varnet method did not report '" + text + "' within 30 s; last: " + last);
    }

    private float[] reconstruct(String filter, Acquisition acq) throws Exception {
        ServiceReference<Reconstructor> ref = context.getServiceReferences(Reconstructor.class, filter).iterator()
                .next();
        try {
            Reconstructor method = context.getService(ref);
            return method.reconstruct(acq, method.descriptor().defaults(), ReconContext.none()).magnitude();
        } finally {
            context.ungetService(ref);
        }
    }
}
