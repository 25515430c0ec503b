package org.example.recon.cgsense;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;

import java.io.File;
import java.util.Collection;
import java.util.Map;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.mrirecon.api.Reconstructor;
import org.mrirecon.testing.PhantomCheck;
import org.mrirecon.testing.paxexam.ReconFramework;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/** The packaged bundle in Felix with the framework's bundles (the harness), found through the service registry. */
@RunWith(PaxExam.class)
public class CgSenseIT {

    @Inject
    BundleContext context;

    @Configuration
    public Option[] config() {
        return ReconFramework.with(bundle(new File(System.getProperty("bundle.under.test")).toURI().toString()));
    }

    @Test
    public void registersAndBeatsZeroFilled() throws Exception {
        Collection<ServiceReference<Reconstructor>> cg = context.getServiceReferences(Reconstructor.class,
                "(" + Reconstructor.METHOD_PROPERTY + "=" + CgSense.ID + ")");
        Collection<ServiceReference<Reconstructor>> zf = context.getServiceReferences(Reconstructor.class,
                "(recon.method=zero-filled)");
        assertEquals(1, cg.size());
        assertEquals(1, zf.size());
        PhantomCheck phantom = PhantomCheck.of(96, 6, 2);
        double cgSsim = phantom.run(context.getService(cg.iterator().next()), 4, 20, Map.of()).ssim();
        double zfSsim = phantom.run(context.getService(zf.iterator().next()), 4, 20, Map.of()).ssim();
        assertTrue(cgSsim + " vs " + zfSsim, cgSsim > zfSsim);
    }
}
