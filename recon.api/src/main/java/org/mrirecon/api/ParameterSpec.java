package org.mrirecon.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Describes one parameter of a method so that a launcher or a UI can list and validate it without knowing the
 * method: name, type, default, allowed range or choices, and a description. Immutable.
 */
@ProviderType
public final class ParameterSpec {

    private final String name;
    private final ParameterType type;
    private final String defaultValue;
    private final double min;
    private final double max;
    private final List<String> choices;
    private final String description;

    private ParameterSpec(String name, ParameterType type, String defaultValue, double min, double max,
            List<String> choices, String description) {
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("parameter name must start with a letter and use letters, digits, "
                    + "'_', '.' or '-', got '" + name + "'");
        }
        this.name = name;
        this.type = type;
        this.min = min;
        this.max = max;
        this.choices = choices;
        this.description = description == null ? "" : description;
        // The default must itself be valid: a descriptor that cannot run with its own defaults is a bug.
        parse(defaultValue);
        this.defaultValue = defaultValue;
    }

    public static ParameterSpec integer(String name, int defaultValue, int min, int max, String description) {
        return new ParameterSpec(name, ParameterType.INTEGER, Integer.toString(defaultValue), min, max, List.of(),
                description);
    }

    public static ParameterSpec real(String name, double defaultValue, double min, double max, String description) {
        return new ParameterSpec(name, ParameterType.REAL, Double.toString(defaultValue), min, max, List.of(),
                description);
    }

    public static ParameterSpec bool(String name, boolean defaultValue, String description) {
        return new ParameterSpec(name, ParameterType.BOOLEAN, Boolean.toString(defaultValue), Double.NaN, Double.NaN,
                List.of(), description);
    }

    public static ParameterSpec choice(String name, String defaultValue, List<String> choices, String description) {
        if (choices == null || choices.isEmpty()) {
            throw new IllegalArgumentException("choice parameter '" + name + "' needs at least one choice");
        }
        return new ParameterSpec(name, ParameterType.CHOICE, defaultValue, Double.NaN, Double.NaN,
                List.copyOf(choices), description);
    }

    public static ParameterSpec text(String name, String defaultValue, String description) {
        return new ParameterSpec(name, ParameterType.TEXT, defaultValue == null ? "" : defaultValue, Double.NaN,
                Double.NaN, List.of(), description);
    }

    public String name() {
        return name;
    }

    public ParameterType type() {
        return type;
    }

    /** The default as text, in the form {@link #parse(String)} accepts. */
    public String defaultValue() {
        return defaultValue;
    }

    /** Lower bound (inclusive) for INTEGER and REAL, else NaN. */
    public double min() {
        return min;
    }

    /** Upper bound (inclusive) for INTEGER and REAL, else NaN. */
    public double max() {
        return max;
    }

    /** Allowed values for CHOICE, else empty. */
    public List<String> choices() {
        return choices;
    }

    public String description() {
        return description;
    }

    /**
     * Parses and checks a value given as text.
     *
     * @return an {@link Integer}, {@link Double}, {@link Boolean} or {@link String} according to the type
     * @throws IllegalArgumentException naming the parameter, the bad value and what is allowed
     */
    public Object parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("parameter '" + name + "' has no value");
        }
        String v = text.trim();
        switch (type) {
        case INTEGER:
            try {
                int i = Integer.parseInt(v);
                checkRange(i, v);
                return i;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("parameter '" + name + "' must be a whole number, got '" + text
                        + "'" + rangeHint());
            }
        case REAL:
            try {
                double d = Double.parseDouble(v);
                if (!Double.isFinite(d)) {
                    throw new NumberFormatException();
                }
                checkRange(d, v);
                return d;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("parameter '" + name + "' must be a finite number, got '" + text
                        + "'" + rangeHint());
            }
        case BOOLEAN:
            String b = v.toLowerCase(Locale.ROOT);
            if (b.equals("true") || b.equals("false")) {
                return Boolean.valueOf(b);
            }
            throw new IllegalArgumentException("parameter '" + name + "' must be true or false, got '" + text + "'");
        case CHOICE:
            if (choices.contains(v)) {
                return v;
            }
            throw new IllegalArgumentException("parameter '" + name + "' must be one of " + choices + ", got '"
                    + text + "'");
        default:
            return v;
        }
    }

    private void checkRange(double value, String text) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("parameter '" + name + "' = " + text + " is out of range" + rangeHint());
        }
    }

    private String rangeHint() {
        if (type == ParameterType.INTEGER) {
            return " (allowed: " + (long) min + " to " + (long) max + ")";
        }
        return " (allowed: " + min + " to " + max + ")";
    }

    /** A one-line human-readable summary, e.g. {@code iterations (INTEGER, default 50, 1..1000): ...}. */
    public String summary() {
        StringBuilder s = new StringBuilder(name).append(" (").append(type.name().toLowerCase(Locale.ROOT));
        s.append(", default ").append(defaultValue.isEmpty() ? "\"\"" : defaultValue);
        if (type == ParameterType.INTEGER) {
            s.append(", ").append((long) min).append("..").append((long) max);
        } else if (type == ParameterType.REAL) {
            s.append(", ").append(min).append("..").append(max);
        } else if (type == ParameterType.CHOICE) {
            s.append(", one of ").append(String.join("|", choices));
        }
        return s.append("): ").append(description).toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ParameterSpec)) {
            return false;
        }
        ParameterSpec p = (ParameterSpec) o;
        return name.equals(p.name) && type == p.type && defaultValue.equals(p.defaultValue)
                && Double.compare(min, p.min) == 0 && Double.compare(max, p.max) == 0 && choices.equals(p.choices)
                && description.equals(p.description);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, defaultValue);
    }

    @Override
    public String toString() {
        return summary();
    }
}
