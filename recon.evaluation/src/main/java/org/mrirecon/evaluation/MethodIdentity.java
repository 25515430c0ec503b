package org.mrirecon.evaluation;

/**
 * Where a result really came from: the method's id and name from its descriptor, and the bundle that registered the
 * service (its version is the method's version).
 */
public record MethodIdentity(String id, String displayName, String bundle, String version) {

    /** A method run outside a framework (tests, scripts): no bundle. */
    public static MethodIdentity unbundled(String id, String displayName) {
        return new MethodIdentity(id, displayName, "(not in a framework)", "0.0.0");
    }
}
