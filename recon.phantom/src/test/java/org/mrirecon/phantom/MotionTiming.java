package org.mrirecon.phantom;

import java.lang.management.ManagementFactory;

import org.mrirecon.numerics.mask.Masks;

/**
 * Measures the cost of a motion-corrupted slice against a static one: {@code java -cp ...
 * org.mrirecon.phantom.MotionTiming [rate] [slice] [repeats]} (defaults 1 event/min, slice 17, 3 repeats). Prints
 * wall-clock seconds per slice and the process's CPU seconds (all threads: the work, independent of how loaded the
 * machine is) for the static slice and for the 2x/32 (22 shots) and 4x/20 (12 shots) schedules of the default
 * 320 x 320 x 15 phantom.
 */
public final class MotionTiming {

    private MotionTiming() {
    }

    /** CPU time of the whole process, nanoseconds. */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    public static void main(String[] args) {
        double rate = args.length > 0 ? Double.parseDouble(args[0]) : 1;
        int slice = args.length > 1 ? Integer.parseInt(args[1]) : 17;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        KneePhantom phantom = new KneePhantom(PhantomConfig.defaults());
        MotionModel motion = new MotionModel(rate, 42);
        AcquisitionSchedule twoX = AcquisitionSchedule.of(Masks.equispaced(320, 2, 32), phantom.header());
        AcquisitionSchedule fourX = AcquisitionSchedule.of(Masks.equispaced(320, 4, 20), phantom.header());
        System.out.printf("cores %d, %s%n", Runtime.getRuntime().availableProcessors(), motion);
        for (int warm = 0; warm < 2; warm++) {
            phantom.slice(slice);
            phantom.slice(slice, motion, fourX);
        }
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            long c0 = cpu();
            phantom.slice(slice);
            long t1 = System.nanoTime();
            long c1 = cpu();
            phantom.slice(slice, motion, twoX);
            long t2 = System.nanoTime();
            long c2 = cpu();
            phantom.slice(slice, motion, fourX);
            long t3 = System.nanoTime();
            long c3 = cpu();
            System.out.printf("static %.2f s (cpu %.2f s)   2x/32 (%d shots) %.2f s (cpu %.2f s)   4x/20 (%d shots) "
                    + "%.2f s (cpu %.2f s)%n", (t1 - t0) / 1e9, (c1 - c0) / 1e9, twoX.shots(), (t2 - t1) / 1e9,
                    (c2 - c1) / 1e9, fourX.shots(), (t3 - t2) / 1e9, (c3 - c2) / 1e9);
        }
    }
}
