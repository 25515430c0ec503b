package org.mrirecon.phantom.internal;

/** A scalar function of position in the section plane (millimetres), e.g. a layer thickness. */
@FunctionalInterface
public interface Field {
    double at(double u, double v);
}
