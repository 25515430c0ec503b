package org.mrirecon.numerics.op;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Orthogonal Daubechies wavelets by number of vanishing moments (Haar = db1). The decomposition low-pass filters are
 * PyWavelets' {@code Wavelet(name).dec_lo} (Daubechies 1992, Table 6.1); the high-pass is its quadrature mirror,
 * {@code hi[k] = (-1)^(k+1) lo[L-1-k]}, as in PyWavelets.
 */
public enum Wavelet {
    HAAR(0.7071067811865476, 0.7071067811865476),
    DB2(-0.12940952255126037, 0.2241438680420134, 0.8365163037378079, 0.48296291314453416),
    DB3(0.03522629188570953, -0.08544127388202666, -0.13501102001025458, 0.45987750211849154, 0.8068915093110925,
            0.33267055295008263),
    DB4(-0.010597401785069032, 0.0328830116668852, 0.030841381835560764, -0.18703481171909309,
            -0.027983769416859854, 0.6308807679298589, 0.7148465705529157, 0.2303778133088965),
    DB5(0.0033357252854737712, -0.012580751999081999, -0.006241490212798274, 0.07757149384004572,
            -0.032244869584638375, -0.24229488706638203, 0.13842814590132074, 0.7243085284377729,
            0.6038292697971896, 0.16010239797419293),
    DB6(-0.0010773010853084796, 0.004777257510945511, 0.0005538422011614961, -0.03158203931748603,
            0.027522865530305727, 0.09750160558732304, -0.12976686756726194, -0.22626469396543983,
            0.31525035170919763, 0.7511339080210954, 0.49462389039845306, 0.11154074335010947),
    DB7(0.00035371379997452024, -0.0018016407040474908, 0.0004295779729213665, 0.01255099855609984,
            -0.01657454163066688, -0.03802993693501441, 0.08061260915108308, 0.07130921926683026,
            -0.22403618499387498, -0.14390600392856498, 0.4697822874051931, 0.7291320908462351,
            0.3965393194819173, 0.07785205408500918),
    DB8(-0.00011747678412476953, 0.0006754494064505693, -0.00039174037337694705, -0.004870352993451574,
            0.008746094047405777, 0.013981027917398282, -0.044088253930794755, -0.017369301001807547,
            0.12874742662047847, 0.0004724845739132828, -0.2840155429615469, -0.015829105256349306,
            0.5853546836542067, 0.6756307362972898, 0.31287159091429995, 0.05441584224310401);

    private final double[] lowpass;

    Wavelet(double... lowpass) {
        this.lowpass = lowpass;
    }

    /** The PyWavelets name: {@code haar}, {@code db2} ... {@code db8}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public double[] lowpass() {
        return lowpass.clone();
    }

    public double[] highpass() {
        int n = lowpass.length;
        double[] hi = new double[n];
        for (int k = 0; k < n; k++) {
            hi[k] = (k % 2 == 0 ? -1 : 1) * lowpass[n - 1 - k];
        }
        return hi;
    }

    /** Every id, for a descriptor's choice list. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Wavelet::id).toList();
    }

    /** The wavelet with that id. */
    public static Wavelet of(String id) {
        for (Wavelet w : values()) {
            if (w.id().equals(id)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown wavelet '" + id + "'; known: " + ids());
    }
}
