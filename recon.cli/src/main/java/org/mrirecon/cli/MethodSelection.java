package org.mrirecon.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mrirecon.data.Dataset;
import org.mrirecon.evaluation.Sampling;
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
        try {
            // a job started while a bundle is being deployed or a method is still activating sees the methods as
            // they are once that ends (at most the activation timeout): "every method" includes those activating,
            // and a deployed duplicate of a named method is reported rather than found a moment later
            registry.settle();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (specs.isEmpty()) {
            // every method, and every method id the registry knows to be broken, so that its failure shows as a row
            Set<String> ids = new java.util.TreeSet<>();
            registry.methods().forEach(m -> ids.add(m.descriptor.id()));
            registry.problems().forEach(p -> {
                if (p.methodId() != null) {
                    ids.add(p.methodId());
                }
            });
            ids.forEach(id -> specs.add(new TrialSpec(id, null, Map.of())));
        }
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("no reconstruction methods are registered: install a method bundle");
        }
        return specs;
    }

    /**
     * The trials on this data, each checked against the registry and named once.
     *
     * @param grace how long to wait for a method that is briefly absent (being updated)
     * @throws IllegalArgumentException naming an unknown method (with the registered ones), a malformed parameter,
     *                                  or a trial named twice
     */
    List<Trial> resolve(MethodRegistry registry, Dataset data, Duration grace) {
        List<Trial> trials = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (TrialSpec spec : specs(registry)) {
            Trial t = resolveOne(registry, spec, data, parametersFor(spec.methodId()), grace);
            if (!labels.add(t.label())) {
                throw new IllegalArgumentException("the trial " + t.label() + " is named twice: name each "
                        + "method/protocol/parameter combination once");
            }
            trials.add(t);
        }
        return trials;
    }

    /**
     * Fails as {@link #resolve} would on a method nobody registered, without data: for an engine that hands the
     * volumes out before reading any (parameters are checked where a volume is read).
     */
    void checkMethods(MethodRegistry registry, Duration grace) {
        for (TrialSpec spec : specs(registry)) {
            awaitKnown(registry, spec.methodId(), grace);
        }
    }

    /**
     * The method once it is available (waiting up to the grace while it is briefly absent), or null for one the
     * registry knows but cannot offer now.
     *
     * @throws IllegalArgumentException for a method nobody registered, listing the registered ones
     */
    private static MethodRegistry.MethodInfo awaitKnown(MethodRegistry registry, String id, Duration grace) {
        MethodRegistry.MethodInfo info;
        try {
            info = registry.await(id, grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted while waiting for method '" + id + "'");
        }
        if (info == null && registry.whyUnavailable(id) == null) {
            throw new IllegalArgumentException(registry.notAvailable(id));
        }
        return info;
    }

    /**
     * One trial on this data. A method the registry knows to be unavailable (its component failed, it is
     * blocked, it is being replaced for longer than the grace) still gets a trial, at the protocol written or else the
     * data's own sampling, so that its failure is a row of the results and the other trials run.
     *
     * @throws IllegalArgumentException for a method nobody registered (listing the registered ones) or a bad
     *                                  parameter
     */
    static Trial resolveOne(MethodRegistry registry, TrialSpec spec, Dataset data, Map<String, String> params,
            Duration grace) {
        MethodRegistry.MethodInfo info = awaitKnown(registry, spec.methodId(), grace);
        if (info == null) {
            Map<String, String> all = new LinkedHashMap<>(params);
            all.putAll(spec.parameters());
            return new Trial(spec.methodId(), spec.protocol() == null || !data.isFullySampled()
                    ? Sampling.AS_ACQUIRED : Sampling.Protocol.parse(spec.protocol(), 0), all);
        }
        Trial t = spec.resolve(info.descriptor, data, params);
        info.descriptor.parameters(t.parameters()); // unknown names and bad values fail before any work
        return t;
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
