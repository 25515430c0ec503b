package org.mrirecon.api;

/** The value type of a method parameter. */
public enum ParameterType {
    /** A whole number; range bounds apply. */
    INTEGER,
    /** A real number; range bounds apply. */
    REAL,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** One of a fixed list of words. */
    CHOICE,
    /** Free text, e.g. a file path or a model id. */
    TEXT
}
