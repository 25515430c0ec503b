package org.mrirecon.phantom;

import org.mrirecon.api.KSpace;
import org.mrirecon.numerics.fft.Fft2c;

/** Test helpers computed independently of the phantom's own code paths. */
final class Images {

    private Images() {
    }

    /** Coil images: centred inverse FFT of every coil. */
    static float[][] coilImages(KSpace k) {
        float[][] data = new float[k.coils()][];
        for (int c = 0; c < data.length; c++) {
            data[c] = k.coil(c);
            Fft2c.inverse(data[c], k.phaseEncodes(), k.readouts());
        }
        return data;
    }

    static float[] rss(float[][] images) {
        float[] out = new float[images[0].length / 2];
        for (int i = 0; i < out.length; i++) {
            double s = 0;
            for (float[] im : images) {
                s += (double) im[2 * i] * im[2 * i] + (double) im[2 * i + 1] * im[2 * i + 1];
            }
            out[i] = (float) Math.sqrt(s);
        }
        return out;
    }

    /** ||a - b|| / ||b||. */
    static double relativeDifference(float[] a, float[] b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            num += (double) (a[i] - b[i]) * (a[i] - b[i]);
            den += (double) b[i] * b[i];
        }
        return Math.sqrt(num / den);
    }

    static double max(float[] a) {
        double m = Double.NEGATIVE_INFINITY;
        for (float x : a) {
            m = Math.max(m, x);
        }
        return m;
    }
}
