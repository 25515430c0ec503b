package org.mrirecon.varnet;

import org.mrirecon.api.Acquisition;
import org.mrirecon.api.KSpace;
import org.mrirecon.numerics.mask.Masks;
import org.mrirecon.phantom.KneePhantom;
import org.mrirecon.phantom.PhantomConfig;

/** Small phantom acquisitions for tests. */
final class TestData {

    private TestData() {
    }

    /** The middle slice of a small phantom, equispaced along phase-encode. */
    static Acquisition acquisition(int rows, int cols, int coils, int acceleration, int acs) {
        KneePhantom phantom = new KneePhantom(PhantomConfig.builder().matrix(rows, cols).coils(coils).slices(3)
                .build());
        KSpace k = phantom.slice(1).kspace();
        return Acquisition.of(k, Masks.equispaced(rows, acceleration, acs), 0);
    }
}
