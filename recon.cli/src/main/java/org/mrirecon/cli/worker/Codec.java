package org.mrirecon.cli.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.mrirecon.api.Acquisition;
import org.mrirecon.api.AcquisitionVolume;
import org.mrirecon.api.KSpace;
import org.mrirecon.api.MethodDescriptor;
import org.mrirecon.api.ParameterSpec;
import org.mrirecon.api.ParameterType;
import org.mrirecon.api.ReconstructedImage;
import org.mrirecon.api.SamplingPattern;

/** The API's data types on the wire (see {@link Wire}). */
final class Codec {

    private Codec() {
    }

    static void descriptor(Wire.Out o, MethodDescriptor d) {
        o.str(d.id()).str(d.displayName()).str(d.description()).f64(d.defaultAcceleration())
                .i32(d.defaultCalibrationLines()).i32(d.minimumCalibrationLines()).i32(d.parameters().size());
        for (ParameterSpec p : d.parameters()) {
            o.str(p.name()).u8(p.type().ordinal()).str(p.defaultValue()).f64(p.min()).f64(p.max())
                    .strings(p.choices()).str(p.description());
        }
    }

    static MethodDescriptor descriptor(Wire.In in) {
        MethodDescriptor.Builder b = MethodDescriptor.builder(in.str()).displayName(in.str()).description(in.str());
        b.defaultProtocol(in.f64(), in.i32()).minimumCalibrationLines(in.i32());
        int n = in.i32();
        for (int i = 0; i < n; i++) {
            String name = in.str();
            ParameterType type = ParameterType.values()[in.u8()];
            String def = in.str();
            double min = in.f64();
            double max = in.f64();
            List<String> choices = in.strings();
            String description = in.str();
            b.parameter(switch (type) {
                case INTEGER -> ParameterSpec.integer(name, Integer.parseInt(def), (int) min, (int) max, description);
                case REAL -> ParameterSpec.real(name, Double.parseDouble(def), min, max, description);
                case BOOLEAN -> ParameterSpec.bool(name, Boolean.parseBoolean(def), description);
                case CHOICE -> ParameterSpec.choice(name, def, choices, description);
                case TEXT -> ParameterSpec.text(name, def, description);
            });
        }
        return b.build();
    }

    /** The bytes {@link #volume(Wire.Out, AcquisitionVolume)} writes. */
    static long volumeBytes(AcquisitionVolume v) {
        long n = 4;
        for (Acquisition a : v.slices()) {
            KSpace k = a.kspace();
            n += 4 * 4 + 4 + k.phaseEncodes() + 4 * 4 + 8L * k.coils() * a.pattern().acquiredLines() * k.readouts();
        }
        return n;
    }

    /** The slices with only their acquired lines: the rest is zero by the API's contract. */
    static void volume(Wire.Out o, AcquisitionVolume v) {
        o.i32(v.size());
        for (Acquisition a : v.slices()) {
            KSpace k = a.kspace();
            SamplingPattern p = a.pattern();
            int rows = k.phaseEncodes();
            int cols = k.readouts();
            byte[] mask = new byte[rows];
            int acquired = 0;
            for (int ky = 0; ky < rows; ky++) {
                if (p.isAcquired(ky)) {
                    mask[ky] = 1;
                    acquired++;
                }
            }
            o.i32(a.sliceIndex()).i32(k.coils()).i32(rows).i32(cols).bytes(mask).i32(p.calibrationStart())
                    .i32(p.calibrationEnd()).i32(p.encodedStart()).i32(p.encodedEnd());
            o.ensure(8L * k.coils() * acquired * cols);
            float[] line = new float[2 * cols];
            for (int c = 0; c < k.coils(); c++) {
                for (int ky = 0; ky < rows; ky++) {
                    if (mask[ky] != 0) {
                        k.copyLine(c, ky, line, 0);
                        o.floats(line, 0, line.length);
                    }
                }
            }
        }
    }

    static AcquisitionVolume volume(Wire.In in) {
        int n = in.i32();
        List<Acquisition> slices = new ArrayList<>(n);
        for (int s = 0; s < n; s++) {
            int index = in.i32();
            int coils = in.i32();
            int rows = in.i32();
            int cols = in.i32();
            byte[] mask = in.bytes();
            boolean[] acquired = new boolean[rows];
            for (int ky = 0; ky < rows; ky++) {
                acquired[ky] = mask[ky] != 0;
            }
            SamplingPattern p = SamplingPattern.of(acquired, in.i32(), in.i32(), in.i32(), in.i32());
            float[] data = new float[2 * coils * rows * cols];
            for (int c = 0; c < coils; c++) {
                for (int ky = 0; ky < rows; ky++) {
                    if (acquired[ky]) {
                        in.floats(data, 2 * (c * rows + ky) * cols, 2 * cols);
                    }
                }
            }
            slices.add(Acquisition.of(KSpace.wrap(coils, rows, cols, data), p, index));
        }
        return AcquisitionVolume.of(slices);
    }

    static void images(Wire.Out o, List<ReconstructedImage> images) {
        o.i32(images == null ? -1 : images.size());
        if (images == null) {
            return;
        }
        for (ReconstructedImage img : images) {
            if (img == null) {
                o.i32(-1);
                continue;
            }
            o.i32(img.height()).i32(img.width()).bool(img.hasComplex());
            float[] f = img.hasComplex() ? img.complex() : img.magnitude();
            o.floats(f, 0, f.length).map(img.info());
        }
    }

    /** An image as it came over the wire, not yet checked. */
    record RawImage(int height, int width, boolean complex, float[] data, Map<String, String> info) {
        /** The image, with notes added to the method's; null for a null image. */
        ReconstructedImage image(Map<String, String> notes) {
            if (data == null) {
                return null;
            }
            Map<String, String> all = new java.util.TreeMap<>(info);
            all.putAll(notes);
            return complex ? ReconstructedImage.ofComplex(height, width, data, all)
                    : ReconstructedImage.ofMagnitude(height, width, data, all);
        }
    }

    /** The images as the method returned them, null ones and a null list included: the evaluation judges them. */
    static List<RawImage> images(Wire.In in) {
        int n = in.i32();
        if (n < 0) {
            return null;
        }
        List<RawImage> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int h = in.i32();
            if (h < 0) {
                out.add(new RawImage(0, 0, false, null, Map.of()));
                continue;
            }
            int w = in.i32();
            boolean complex = in.bool();
            float[] f = new float[(complex ? 2 : 1) * h * w];
            in.floats(f, 0, f.length);
            out.add(new RawImage(h, w, complex, f, in.map()));
        }
        return out;
    }
}
