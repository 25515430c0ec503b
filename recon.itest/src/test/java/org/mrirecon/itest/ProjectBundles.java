package org.mrirecon.itest;

import static org.junit.Assert.assertNotNull;
import static org.ops4j.pax.exam.CoreOptions.bundle;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.ops4j.pax.exam.Option;

/** The bundles this build copied to {@code itest.bundles} (see the pom), as Pax Exam options. */
final class ProjectBundles {

    private ProjectBundles() {
    }

    /** Every bundle but those whose file name starts with one of {@code excluded}. */
    static List<Option> except(String... excluded) {
        File dir = new File(System.getProperty("itest.bundles"));
        File[] jars = dir.listFiles((d, name) -> name.endsWith(".jar")
                && Arrays.stream(excluded).noneMatch(name::startsWith));
        assertNotNull("no bundles in " + dir + ": run the build from the project root", jars);
        List<Option> options = new ArrayList<>();
        for (File jar : jars) {
            options.add(bundle(jar.toURI().toString()));
        }
        return options;
    }
}
