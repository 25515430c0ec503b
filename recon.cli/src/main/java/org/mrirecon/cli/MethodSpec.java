package org.mrirecon.cli;

import java.util.ArrayList;
import java.util.List;

import org.mrirecon.data.Dataset;

/**
 * A method chosen on the command line, optionally with its protocol: {@code ID} or {@code ID@ACCEL:ACS},
 * e.g. {@code grappa@2:32}. Without a protocol the method's own default protocol applies.
 */
final class MethodSpec {

    final String id;
    final String protocol; // null: the method's default

    private MethodSpec(String id, String protocol) {
        this.id = id;
        this.protocol = protocol;
    }

    static MethodSpec parse(String text) {
        String t = text.trim();
        int at = t.indexOf('@');
        if (t.isEmpty() || at == 0) {
            throw new IllegalArgumentException("method '" + text + "' must be ID or ID@ACCEL:ACS, e.g. grappa@2:32");
        }
        return at < 0 ? new MethodSpec(t, null) : new MethodSpec(t.substring(0, at), t.substring(at + 1));
    }

    static List<MethodSpec> parseList(List<String> items) {
        List<MethodSpec> specs = new ArrayList<>();
        for (String item : items) {
            for (String part : item.split(",")) {
                if (!part.isBlank()) {
                    specs.add(parse(part));
                }
            }
        }
        return specs;
    }

    /**
     * The protocol to run: the given one, or the method's default; null for data that is already undersampled
     * (methods then run on the data's own sampling, and a given protocol is an error reported by the evaluation).
     */
    Protocol resolve(org.mrirecon.api.MethodDescriptor d, Dataset data) {
        if (!data.isFullySampled() && protocol == null) {
            return null;
        }
        return protocol == null ? Protocol.defaultFor(d) : Protocol.parse(protocol, d.defaultCalibrationLines());
    }

    @Override
    public String toString() {
        return protocol == null ? id : id + "@" + protocol;
    }
}
