package org.mrirecon.grappa;

import org.mrirecon.api.Acquisition;
import org.mrirecon.api.KSpace;
import org.mrirecon.api.SamplingPattern;
import org.mrirecon.numerics.fft.Fft2c;

/**
 * Noise-free multi-coil k-space built analytically: an object of soft-edged ellipses with smooth intensity, seen
 * by coils on a ring whose sensitivities are broad Gaussians with a smooth phase, transformed with {@link Fft2c}.
 */
final class SyntheticScan {

    final int rows;
    final int cols;
    final int coils;
    /** Fully sampled, flat coil-major {@code [coils, rows, cols]}. */
    final float[] kspace;

    SyntheticScan(int rows, int cols, int coils) {
        this.rows = rows;
        this.cols = cols;
        this.coils = coils;
        this.kspace = new float[2 * coils * rows * cols];
        for (int c = 0; c < coils; c++) {
            double angle = 2 * Math.PI * c / coils;
            double cy = 0.5 + 0.55 * Math.sin(angle);
            double cx = 0.5 + 0.55 * Math.cos(angle);
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    double u = (double) y / rows;
                    double v = (double) x / cols;
                    double d2 = (u - cy) * (u - cy) + (v - cx) * (v - cx);
                    double mag = Math.exp(-d2 / (2 * 0.35 * 0.35));
                    double phase = angle + 1.5 * (u - 0.5) * Math.cos(angle) - 1.2 * (v - 0.5) * Math.sin(angle);
                    double o = object(u, v);
                    kspace[2 * ((c * rows + y) * cols + x)] = (float) (o * mag * Math.cos(phase));
                    kspace[2 * ((c * rows + y) * cols + x) + 1] = (float) (o * mag * Math.sin(phase));
                }
            }
        }
        Fft2c.forwardStack(kspace, coils, rows, cols);
    }

    /** A knee-like cross-section in the unit square: two large ellipses, a dark band and a few small features. */
    private static double object(double u, double v) {
        double value = 0;
        value += ellipse(u, v, 0.5, 0.5, 0.38, 0.30, 0.0) * 0.6;
        value += ellipse(u, v, 0.35, 0.48, 0.14, 0.2, 0.3) * 0.5;
        value += ellipse(u, v, 0.66, 0.52, 0.12, 0.18, -0.2) * 0.7;
        value -= ellipse(u, v, 0.5, 0.5, 0.02, 0.25, 0.1) * 0.4;
        value += ellipse(u, v, 0.42, 0.7, 0.03, 0.03, 0) * 0.8;
        return value * (1 + 0.3 * Math.sin(7 * u) * Math.cos(5 * v));
    }

    private static double ellipse(double u, double v, double cu, double cv, double ru, double rv, double tilt) {
        double du = u - cu;
        double dv = v - cv;
        double a = (du * Math.cos(tilt) + dv * Math.sin(tilt)) / ru;
        double b = (-du * Math.sin(tilt) + dv * Math.cos(tilt)) / rv;
        // edge blurred over about a pixel of a 256 matrix, as a scanner's finite resolution does
        double outside = (Math.sqrt(a * a + b * b) - 1) * Math.min(ru, rv) * 256;
        return 1 / (1 + Math.exp(2 * outside));
    }

    /** The scan undersampled with the pattern (lines not acquired are zeroed by {@link Acquisition#of}). */
    Acquisition acquire(SamplingPattern pattern) {
        return Acquisition.of(KSpace.of(coils, rows, cols, kspace), pattern, 0);
    }
}
