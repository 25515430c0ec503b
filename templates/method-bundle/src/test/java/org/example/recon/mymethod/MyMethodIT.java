package org.example.recon.mymethod;

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

/** In-framework test: the packaged bundle in Felix with the framework's bundles, found through the registry. */
@RunWith(PaxExam.class)
public class MyMethodIT {

    @Inject
    BundleContext context;

    @Configuration
    public Option[] config() {
        return ReconFramework.with(bundle(new File(System.getProperty("bundle.under.test")).toURI().toString()));
    }

    @Test
    public void registersAsAMethodAndReconstructs() throws Exception {
        Collection<ServiceReference<Reconstructor>> refs = context.getServiceReferences(Reconstructor.class,
                "(" + Reconstructor.METHOD_PROPERTY + "=" + MyMethod.ID + ")");
        assertEquals(1, refs.size());
        Reconstructor method = context.getService(refs.iterator().next());
        PhantomCheck.Scores scores = PhantomCheck.of(96, 4, 2).run(method, 2, 24, Map.of());
        assertTrue("SSIM " + scores.ssim(), scores.ssim() > 0.5);
    }
}
