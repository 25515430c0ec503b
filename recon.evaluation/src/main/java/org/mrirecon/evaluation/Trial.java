package org.mrirecon.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One run of one method: its id, how the data is sampled, and the parameters given (the method's defaults fill in
 * the rest). A method may appear in several trials of a comparison, at other protocols or with other parameters.
 *
 * @param parameters user-given values as text, in the order given; unmodifiable
 */
public record Trial(String methodId, Sampling sampling, Map<String, String> parameters) {

    public Trial {
        if (methodId == null || methodId.isBlank()) {
            throw new IllegalArgumentException("a trial needs a method id");
        }
        if (sampling == null) {
            throw new IllegalArgumentException("a trial needs a sampling (a protocol or as acquired)");
        }
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /**
     * The trial's name in tables and file names, unique within a comparison: {@code id@R:ACS} for a protocol, the id
     * alone on the data's own sampling, followed by the given parameters sorted by name, e.g.
     * {@code cs@4:20{lambda=0.001}}; the same trial always gets the same label.
     */
    public String label() {
        StringBuilder b = new StringBuilder(methodId);
        if (sampling instanceof Sampling.Protocol p) {
            b.append('@').append(p.acceleration()).append(':').append(p.calibrationLines());
        }
        if (!parameters.isEmpty()) {
            StringJoiner j = new StringJoiner(",", "{", "}");
            new java.util.TreeMap<>(parameters).forEach((k, v) -> j.add(k + "=" + v));
            b.append(j);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return label();
    }
}
