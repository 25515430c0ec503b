package org.mrirecon.mrd.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.mrirecon.api.Acquisition;
import org.mrirecon.api.MethodDescriptor;
import org.mrirecon.api.ReconContext;
import org.mrirecon.api.ReconParameters;
import org.mrirecon.api.ReconstructedImage;
import org.mrirecon.api.Reconstructor;
import org.mrirecon.grappa.GrappaReconstructor;
import org.mrirecon.zerofilled.ZeroFilledReconstructor;

/** A fixed set of methods for servers outside OSGi: the real GRAPPA and zero-filled, and misbehaving ones. */
public final class TestMethods implements MethodSource {

    public static final String VERSION = "1.2.3.test";

    private final Map<String, Reconstructor> methods = new LinkedHashMap<>();
    /** Leases not yet closed: a connection must release its method however it ends. */
    public final AtomicInteger held = new AtomicInteger();

    public TestMethods() {
        methods.put("grappa", new GrappaReconstructor());
        methods.put("zero-filled", new ZeroFilledReconstructor());
        methods.put("failing", new Misbehaving("failing", 0));
        methods.put("wrong-size", new Misbehaving("wrong-size", 1));
        methods.put("slow", new Misbehaving("slow", 2));
    }

    @Override
    public MethodLease acquire(String id) throws StreamException {
        Reconstructor r = methods.get(id);
        if (r == null) {
            throw new StreamException("no reconstruction method '" + id + "' is deployed; available: "
                    + String.join(", ", methods.keySet()));
        }
        held.incrementAndGet();
        return new MethodLease(r, "test." + id, VERSION, held::decrementAndGet);
    }

    /** Throws, returns an image of the wrong size, or takes its time (and honours cancellation). */
    private static final class Misbehaving implements Reconstructor {
        private final MethodDescriptor d;
        private final int kind;

        Misbehaving(String id, int kind) {
            this.d = MethodDescriptor.builder(id).displayName(id).description("a test method").defaultProtocol(2, 0)
                    .build();
            this.kind = kind;
        }

        @Override
        public MethodDescriptor descriptor() {
            return d;
        }

        @Override
        public ReconstructedImage reconstruct(Acquisition input, ReconParameters parameters, ReconContext context) {
            switch (kind) {
                case 0 -> throw new IllegalStateException("this method always fails");
                case 1 -> {
                    return ReconstructedImage.ofMagnitude(3, 5, new float[15], Map.of());
                }
                default -> {
                    for (int i = 0; i < 100; i++) {
                        context.checkCancelled();
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    int n = input.kspace().phaseEncodes() * input.kspace().readouts();
                    return ReconstructedImage.ofMagnitude(input.kspace().phaseEncodes(), input.kspace().readouts(),
                            new float[n], Map.of());
                }
            }
        }
    }
}
