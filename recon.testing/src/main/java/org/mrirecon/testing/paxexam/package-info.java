/**
 * Pax Exam options that start Felix with the framework's bundles (Declarative Services, Configuration Admin, the
 * API, numerics, phantom, the wrapped libraries, this harness) so a method's in-framework test only adds its own
 * bundle. Used outside the framework, in the test's {@code @Configuration} method.
 */
@Export
@Version("1.0.0")
package org.mrirecon.testing.paxexam;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
