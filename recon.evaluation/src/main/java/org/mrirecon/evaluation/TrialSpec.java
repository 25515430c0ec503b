package org.mrirecon.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mrirecon.api.MethodDescriptor;
import org.mrirecon.data.Dataset;

/**
 * A trial as the user writes it, before the method and the data are known: {@code ID}, {@code ID@ACCEL:ACS} or
 * {@code ID@ACCEL}, optionally followed by parameters in braces, e.g. {@code cs@4:20{lambda=0.001,iterations=100}}.
 * Without a protocol the method runs at its own default protocol on fully sampled data, and on the data's own
 * sampling otherwise.
 */
public record TrialSpec(String methodId, String protocol, Map<String, String> parameters) {

    /** Splits a comma-separated list of trials; commas inside braces belong to the parameters. */
    public static final String LIST_SEPARATOR = ",(?![^{]*})";

    public TrialSpec {
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** @throws IllegalArgumentException naming the expected form */
    public static TrialSpec parse(String text) {
        String t = text.trim();
        Map<String, String> params = new LinkedHashMap<>();
        int brace = t.indexOf('{');
        if (brace >= 0) {
            if (!t.endsWith("}")) {
                throw new IllegalArgumentException("method '" + text + "': parameters go in braces at the end, e.g. "
                        + "cs@4:20{lambda=0.001}");
            }
            for (String kv : t.substring(brace + 1, t.length() - 1).split(",")) {
                if (kv.isBlank()) {
                    continue;
                }
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("method '" + text + "': parameter '" + kv.trim()
                            + "' must be NAME=VALUE, e.g. cs@4:20{lambda=0.001}");
                }
                params.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
            t = t.substring(0, brace).trim();
        }
        int at = t.indexOf('@');
        String id = at < 0 ? t : t.substring(0, at);
        if (!id.matches("[a-z][a-z0-9_.-]*")) {
            throw new IllegalArgumentException("method '" + text + "' must be ID or ID@ACCEL:ACS, optionally with "
                    + "{NAME=VALUE,...}, e.g. grappa@2:32 or cs@4:20{lambda=0.001}");
        }
        String protocol = at < 0 ? null : t.substring(at + 1);
        if (protocol != null) {
            Sampling.Protocol.parse(protocol, 0); // fail now, with the protocol's own message
        }
        return new TrialSpec(id, protocol, params);
    }

    /** Parses every comma-separated trial of every item. */
    public static List<TrialSpec> parseList(List<String> items) {
        List<TrialSpec> specs = new ArrayList<>();
        for (String item : items) {
            for (String part : item.split(LIST_SEPARATOR)) {
                if (!part.isBlank()) {
                    specs.add(parse(part));
                }
            }
        }
        return specs;
    }

    /**
     * The trial on this data: the given protocol, or the method's default, on fully sampled data; the data's own
     * sampling on undersampled data.
     *
     * @param extra parameters given for the method elsewhere (e.g. {@code -p cs.lambda=...}); the spec's own win
     * @throws IllegalArgumentException if a protocol is given for undersampled data
     */
    public Trial resolve(MethodDescriptor d, Dataset data, Map<String, String> extra) {
        Map<String, String> params = new LinkedHashMap<>(extra);
        params.putAll(parameters);
        if (!data.isFullySampled()) {
            if (protocol != null) {
                throw new IllegalArgumentException("the data is already undersampled (R_eff "
                        + String.format("%.2f", data.pattern(0).effectiveAcceleration()) + ", "
                        + data.pattern(0).calibrationLines() + " ACS lines): methods run on its own sampling; "
                        + "name the method without @ACCEL:ACS");
            }
            return new Trial(methodId, Sampling.AS_ACQUIRED, params);
        }
        Sampling.Protocol p;
        if (protocol != null) {
            p = Sampling.Protocol.parse(protocol, d.defaultCalibrationLines());
        } else {
            double r = d.defaultAcceleration();
            if (r != Math.rint(r)) {
                throw new IllegalArgumentException("method '" + d.id() + "' declares a non-integer default "
                        + "acceleration " + r + ": name its protocol, e.g. " + d.id() + "@4:20");
            }
            p = new Sampling.Protocol((int) r, d.defaultCalibrationLines());
        }
        return new Trial(methodId, p, params);
    }
}
