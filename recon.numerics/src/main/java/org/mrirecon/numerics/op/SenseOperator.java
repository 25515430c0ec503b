package org.mrirecon.numerics.op;

import org.mrirecon.api.SamplingPattern;

/** Builds the multi-coil Cartesian SENSE forward model {@code A = M F S}. */
public final class SenseOperator {

    private SenseOperator() {
    }

    /**
     * @param maps    complex coil sensitivities, {@code 2 * rows * cols} floats per coil
     * @param pattern phase-encode sampling pattern with {@code rows} lines
     * @param cols    readout samples per line
     * @return {@code A: image (rows x cols) -> masked multi-coil k-space (coils x rows x cols)}
     */
    public static LinearOperator of(float[][] maps, SamplingPattern pattern, int cols) {
        int rows = pattern.phaseEncodes();
        if (maps[0].length != 2 * rows * cols) {
            throw new IllegalArgumentException("sensitivity maps hold " + maps[0].length + " floats, a " + rows + "x"
                    + cols + " image needs " + 2 * rows * cols);
        }
        LinearOperator s = new SensitivityOperator(maps);
        LinearOperator f = new CoilFourierOperator(maps.length, rows, cols);
        LinearOperator m = new SamplingOperator(pattern, maps.length, cols);
        return s.then(f).then(m);
    }
}
