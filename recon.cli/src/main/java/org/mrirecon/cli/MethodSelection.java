package org.mrirecon.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mrirecon.data.Dataset;
import org.mrirecon.evaluation.Trial;
import org.mrirecon.evaluation.TrialSpec;

import picocli.CommandLine.Option;

/**
 * The trials a multi-method command runs ({@code -m ID[@ACCEL:ACS][{NAME=VALUE,...}],...}, default every registered
 * method at its own protocol) and per-method parameters ({@code -p METHOD.NAME=VALUE}). Resolved once, against the
 * registry and the data, into {@link Trial}s.
 */
final class MethodSelection {

    @Option(names = {"-m", "--methods"}, split = TrialSpec.LIST_SEPARATOR, paramLabel = "ID[@ACCEL:ACS][{K=V,...}]",
            description = "Trials, comma-separated: a method id, optionally a protocol and parameters, e.g. "
                    + "grappa@2:32,cs@4:20{lambda=0.001},cs@4:20{lambda=0.01}. A method may appear several times. "
                    + "Default: every registered method at its own protocol.")
    List<String> methods = new ArrayList<>();

    @Option(names = {"-p", "--param"}, paramLabel = "METHOD.NAME=VALUE",
            description = "A parameter for every trial of one method, e.g. cs.iterations=100 (repeatable); "
                    + "parameters in braces win.")
    Map<String, String> params = new LinkedHashMap<>();

    /** The trials as written (or one per registered method), checked for form. */
    List<TrialSpec> specs(MethodRegistry registry) {
        for (String key : params.keySet()) {
            if (key.indexOf('.') <= 0) {
                throw new IllegalArgumentException("parameter '" + key + "' must name its method: METHOD.NAME=VALUE, "
                        + "e.g. cs.iterations=100");
            }
        }
        List<TrialSpec> specs;
        try {
            specs = TrialSpec.parseList(methods);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (specs.isEmpty()) {
            registry.methods().forEach(m -> specs.add(new TrialSpec(m.descriptor.id(), null, Map.of())));
        }
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("no reconstruction methods are registered: install a method bundle");
        }
        return specs;
    }

    /**
     * The trials on this data, each checked against the registry and named once.
     *
     * @throws IllegalArgumentException naming an unknown method (with the registered ones), a malformed parameter,
     *                                  or a trial named twice
     */
    List<Trial> resolve(MethodRegistry registry, Dataset data) {
        List<Trial> trials = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (TrialSpec spec : specs(registry)) {
            MethodRegistry.MethodInfo info = registry.find(spec.methodId());
            if (info == null) {
                registry.acquire(spec.methodId()).close(); // throws, listing the registered methods
            }
            Trial t = spec.resolve(info.descriptor, data, parametersFor(spec.methodId()));
            info.descriptor.parameters(t.parameters()); // unknown names and bad values fail before any work
            if (!labels.add(t.label())) {
                throw new IllegalArgumentException("the trial " + t.label() + " is named twice: name each "
                        + "method/protocol/parameter combination once");
            }
            trials.add(t);
        }
        return trials;
    }

    /** The parameters given with -p for one method, without the {@code METHOD.} prefix. */
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
