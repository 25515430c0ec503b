package org.mrirecon.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What a launcher needs to know about a method without knowing the method: its id, name, default protocol
 * (acceleration and calibration lines), the minimum calibration it needs and its parameters. Immutable; build with
 * {@link #builder(String)}. The method's version is its bundle's version, which the framework knows: a method does
 * not state it.
 */
@ProviderType
public final class MethodDescriptor {

    private final String id;
    private final String displayName;
    private final String description;
    private final double defaultAcceleration;
    private final int defaultCalibrationLines;
    private final int minimumCalibrationLines;
    private final List<ParameterSpec> parameters;

    private MethodDescriptor(Builder b) {
        this.id = b.id;
        this.displayName = b.displayName == null ? b.id : b.displayName;
        this.description = b.description;
        this.defaultAcceleration = b.defaultAcceleration;
        this.defaultCalibrationLines = b.defaultCalibrationLines;
        this.minimumCalibrationLines = b.minimumCalibrationLines;
        this.parameters = List.copyOf(b.parameters);
    }

    /**
     * Starts a descriptor.
     *
     * @param id short, stable, lower-case method id used on the command line and in reports, e.g. {@code grappa}
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public String description() {
        return description;
    }

    /** The acceleration of the method's standard protocol (e.g. 2 for GRAPPA, 4 for VarNet). */
    public double defaultAcceleration() {
        return defaultAcceleration;
    }

    /** Calibration (ACS) lines of the method's standard protocol. */
    public int defaultCalibrationLines() {
        return defaultCalibrationLines;
    }

    /** The fewest calibration lines the method can work with (0 if it needs none). */
    public int minimumCalibrationLines() {
        return minimumCalibrationLines;
    }

    public List<ParameterSpec> parameters() {
        return parameters;
    }

    /** The parameter with that name, or null. */
    public ParameterSpec parameter(String name) {
        for (ParameterSpec p : parameters) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** Every parameter at its default value. */
    public ReconParameters defaults() {
        return parameters(Map.of());
    }

    /**
     * Validates user-supplied values (as text) against the specs and fills in defaults for the rest.
     *
     * @throws IllegalArgumentException for an unknown name (listing the known ones) or a bad value
     */
    public ReconParameters parameters(Map<String, String> values) {
        Map<String, Object> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            ParameterSpec spec = parameter(e.getKey());
            if (spec == null) {
                List<String> known = new ArrayList<>();
                parameters.forEach(p -> known.add(p.name()));
                throw new IllegalArgumentException("method '" + id + "' has no parameter '" + e.getKey() + "'"
                        + (known.isEmpty() ? " (it takes none)" : "; known parameters: " + String.join(", ", known)));
            }
            parsed.put(spec.name(), spec.parse(e.getValue()));
        }
        for (ParameterSpec p : parameters) {
            parsed.computeIfAbsent(p.name(), n -> p.parse(p.defaultValue()));
        }
        return new ReconParameters(id, Collections.unmodifiableMap(parsed));
    }

    @Override
    public String toString() {
        return displayName + " (" + id + ")";
    }

    /** Builder for {@link MethodDescriptor}. */
    public static final class Builder {
        private final String id;
        private String displayName;
        private String description = "";
        private double defaultAcceleration = 1;
        private int defaultCalibrationLines;
        private int minimumCalibrationLines;
        private final List<ParameterSpec> parameters = new ArrayList<>();

        private Builder(String id) {
            if (id == null || !id.matches("[a-z][a-z0-9_.-]*")) {
                throw new IllegalArgumentException("method id must be lower-case letters, digits, '_', '.' or '-' "
                        + "starting with a letter, got '" + id + "'");
            }
            this.id = id;
        }

        public Builder displayName(String name) {
            this.displayName = name;
            return this;
        }

        public Builder description(String d) {
            this.description = d == null ? "" : d;
            return this;
        }

        /** The method's standard protocol: acceleration and calibration lines. */
        public Builder defaultProtocol(double acceleration, int calibrationLines) {
            this.defaultAcceleration = acceleration;
            this.defaultCalibrationLines = calibrationLines;
            return this;
        }

        public Builder minimumCalibrationLines(int n) {
            this.minimumCalibrationLines = n;
            return this;
        }

        public Builder parameter(ParameterSpec p) {
            for (ParameterSpec q : parameters) {
                if (q.name().equals(p.name())) {
                    throw new IllegalArgumentException("duplicate parameter '" + p.name() + "'");
                }
            }
            parameters.add(p);
            return this;
        }

        public MethodDescriptor build() {
            if (defaultAcceleration < 1) {
                throw new IllegalArgumentException("default acceleration must be >= 1, got " + defaultAcceleration);
            }
            if (minimumCalibrationLines < 0 || defaultCalibrationLines < minimumCalibrationLines) {
                throw new IllegalArgumentException("default calibration lines (" + defaultCalibrationLines
                        + ") must be >= the minimum (" + minimumCalibrationLines + ") and the minimum >= 0");
            }
            return new MethodDescriptor(this);
        }
    }
}
