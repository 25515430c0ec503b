package org.mrirecon.grappa;

/**
 * The support of a GRAPPA kernel: {@code blocks} acquired phase-encode lines, spaced R apart, by {@code readout}
 * neighbouring samples along kx. The blocks straddle the lines being synthesised (2 blocks: the acquired line below
 * and the one above, as in Griswold's paper) and the taps are centred on the target sample; for an odd block count
 * or an even tap count the extra line or sample lies on the high side.
 */
record KernelShape(int blocks, int readout) {

    KernelShape {
        if (blocks < 2 || readout < 1) {
            throw new IllegalArgumentException("a GRAPPA kernel needs at least 2 blocks and 1 readout sample, got "
                    + blocks + "x" + readout);
        }
    }

    /** Position of the first block relative to the acquired line just below the target, in units of R. */
    int firstBlock() {
        return 1 - blocks / 2;
    }

    /** kx offset of the first tap relative to the target sample. */
    int firstTap() {
        return -((readout - 1) / 2);
    }

    /** Phase-encode lines one placement of the kernel covers at acceleration {@code r}. */
    int span(int r) {
        return (blocks - 1) * r + 1;
    }

    /** Number of source samples (unknown weights per target) with the given coil count. */
    int sources(int coils) {
        return blocks * readout * coils;
    }

    /**
     * The fewest contiguous calibration lines for a determined fit: one placement needs {@link #span(int)} lines,
     * and each placement yields one equation per readout sample, so more placements are needed while the
     * equations are fewer than the unknowns.
     */
    int minimumCalibrationLines(int r, int coils, int readouts) {
        int placements = (sources(coils) + readouts - 1) / readouts;
        return span(r) + placements - 1;
    }

    @Override
    public String toString() {
        return blocks + "x" + readout;
    }
}
