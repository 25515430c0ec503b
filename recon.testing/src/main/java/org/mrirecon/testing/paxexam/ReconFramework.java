package org.mrirecon.testing.paxexam;

import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import org.ops4j.pax.exam.Option;

/**
 * Pax Exam options for an in-framework test of a reconstruction method bundle:
 *
 * <pre>{@code
 * @Configuration
 * public Option[] config() {
 *     return ReconFramework.with(bundle("file:target/my-method-1.0.0.jar"));
 * }
 * }</pre>
 *
 * The framework's bundles are taken from the local Maven repository (or the repositories Pax URL is configured
 * with) at the version this harness was built with.
 */
public final class ReconFramework {

    private ReconFramework() {
    }

    /** The framework version whose bundles are installed. */
    public static String version() {
        Properties p = new Properties();
        try (InputStream in = ReconFramework.class.getResourceAsStream("framework.properties")) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("recon.testing is missing framework.properties: rebuild it", e);
        }
        return p.getProperty("version");
    }

    /** The framework's runtime bundles, this harness and JUnit, without any method bundle. */
    public static Option[] bundles() {
        String v = version();
        List<Option> o = new ArrayList<>();
        o.add(mavenBundle("org.apache.felix", "org.apache.felix.scr", "2.2.12"));
        o.add(mavenBundle("org.osgi", "org.osgi.service.component", "1.5.1"));
        o.add(mavenBundle("org.osgi", "org.osgi.util.promise", "1.3.0"));
        o.add(mavenBundle("org.osgi", "org.osgi.util.function", "1.2.0"));
        o.add(mavenBundle("org.apache.felix", "org.apache.felix.configadmin", "1.9.26"));
        o.add(mavenBundle("org.apache.commons", "commons-math3", "3.6.1"));
        o.add(mavenBundle("org.mrirecon.bundles", "jtransforms", v));
        o.add(mavenBundle("org.mrirecon.bundles", "fftw", v));
        o.add(mavenBundle("org.mrirecon.bundles", "ejml", v));
        o.add(mavenBundle("org.mrirecon", "recon.api", v));
        o.add(mavenBundle("org.mrirecon", "recon.numerics", v));
        o.add(mavenBundle("org.mrirecon", "recon.data", v));
        o.add(mavenBundle("org.mrirecon", "recon.phantom", v));
        o.add(mavenBundle("org.mrirecon", "recon.evaluation", v));
        o.add(mavenBundle("org.mrirecon", "recon.zerofilled", v));
        o.add(mavenBundle("org.mrirecon", "recon.testing", v));
        o.add(systemProperty("java.awt.headless").value("true"));
        o.add(junitBundles());
        return o.toArray(new Option[0]);
    }

    /** {@link #bundles()} plus the given options, typically your bundle under test. */
    public static Option[] with(Option... extra) {
        List<Option> o = new ArrayList<>(Arrays.asList(bundles()));
        o.addAll(Arrays.asList(extra));
        return o.toArray(new Option[0]);
    }
}
