package org.mrirecon.numerics.op;

/** A linear operator that holds its domain and range shapes: what every operator here has in common. */
abstract class ShapedOperator implements LinearOperator {

    private final Shape domain;
    private final Shape range;

    ShapedOperator(Shape domain, Shape range) {
        this.domain = domain;
        this.range = range;
    }

    /** A square operator, from and to arrays of one shape. */
    ShapedOperator(Shape shape) {
        this(shape, shape);
    }

    @Override
    public final Shape domain() {
        return domain;
    }

    @Override
    public final Shape range() {
        return range;
    }
}
