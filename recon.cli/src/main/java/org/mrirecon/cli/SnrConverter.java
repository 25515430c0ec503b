package org.mrirecon.cli;

import java.util.Locale;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a phantom SNR: a positive number, or {@code inf} (also {@code infinity}, {@code noise-free}) for no noise. */
final class SnrConverter implements ITypeConverter<Double> {

    @Override
    public Double convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("inf") || v.equals("infinity") || v.equals("noise-free")) {
            return Double.POSITIVE_INFINITY;
        }
        double snr;
        try {
            snr = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not an SNR: give a positive number, or inf for "
                    + "noise-free data");
        }
        if (!(snr > 0)) {
            throw new TypeConversionException("SNR must be positive (or inf for noise-free data), got " + value);
        }
        return snr;
    }

    /** The SNR as the data description prints it. */
    static String describe(double snr) {
        return Double.isInfinite(snr) ? "noise-free" : String.format(Locale.ROOT, "SNR %.0f", snr);
    }
}
