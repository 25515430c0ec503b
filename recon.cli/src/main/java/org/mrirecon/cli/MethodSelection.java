package org.mrirecon.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Option;

/**
 * The methods a multi-method command runs ({@code -m ID[@ACCEL:ACS],...}, default every registered method) and
 * their parameters ({@code -p METHOD.NAME=VALUE}).
 */
final class MethodSelection {

    @Option(names = {"-m", "--methods"}, split = ",", paramLabel = "ID[@ACCEL:ACS]",
            description = "Methods, comma-separated, each optionally with a protocol (e.g. "
                    + "zero-filled@2:32,zero-filled@4:20). Default: every registered method at its own protocol.")
    List<String> methods = new ArrayList<>();

    @Option(names = {"-p", "--param"}, paramLabel = "METHOD.NAME=VALUE",
            description = "A parameter for one method, e.g. cs.iterations=100 (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    /**
     * The chosen methods (or every registered one), checked against the registry and the parameters' form.
     *
     * @throws IllegalArgumentException naming an unknown method (with the registered ones) or a malformed parameter
     */
    List<MethodSpec> resolve(MethodRegistry registry) {
        List<MethodSpec> specs = MethodSpec.parseList(methods);
        if (specs.isEmpty()) {
            registry.methods().forEach(m -> specs.add(MethodSpec.parse(m.descriptor.id())));
        }
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("no reconstruction methods are registered: install a method bundle");
        }
        for (MethodSpec spec : specs) {
            if (registry.find(spec.id) == null) {
                registry.acquire(spec.id).close(); // throws, listing the registered methods
            }
        }
        for (String key : params.keySet()) {
            if (key.indexOf('.') <= 0) {
                throw new IllegalArgumentException("parameter '" + key + "' must name its method: METHOD.NAME=VALUE, "
                        + "e.g. cs.iterations=100");
            }
        }
        return specs;
    }

    /** The parameters given for one method, without the {@code METHOD.} prefix. */
    Map<String, String> parametersFor(String methodId) {
        Map<String, String> own = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (k.startsWith(methodId + ".")) {
                own.put(k.substring(methodId.length() + 1), v);
            }
        });
        return own;
    }
}
