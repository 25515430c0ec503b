package org.mrirecon.api;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Validated parameter values for one call, made by {@link MethodDescriptor#parameters(Map)}: every parameter of the
 * descriptor is present, typed and in range. Immutable.
 */
@ProviderType
public final class ReconParameters {

    private final String methodId;
    private final Map<String, Object> values;

    ReconParameters(String methodId, Map<String, Object> values) {
        this.methodId = methodId;
        this.values = values;
    }

    private Object get(String name, Class<?> type) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("method '" + methodId + "' has no parameter '" + name + "'");
        }
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException("parameter '" + name + "' is a " + v.getClass().getSimpleName()
                    + ", not a " + type.getSimpleName());
        }
        return v;
    }

    public int getInt(String name) {
        return (Integer) get(name, Integer.class);
    }

    public double getDouble(String name) {
        Object v = values.get(name);
        if (v instanceof Integer) {
            return (Integer) v;
        }
        return (Double) get(name, Double.class);
    }

    public boolean getBoolean(String name) {
        return (Boolean) get(name, Boolean.class);
    }

    /** The value of a CHOICE or TEXT parameter, or any parameter as text. */
    public String getString(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("method '" + methodId + "' has no parameter '" + name + "'");
        }
        return v.toString();
    }

    /** The id of the method these parameters were validated for. */
    public String methodId() {
        return methodId;
    }

    /** All values, unmodifiable, in descriptor order after any user-given ones. */
    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return methodId + values;
    }
}
