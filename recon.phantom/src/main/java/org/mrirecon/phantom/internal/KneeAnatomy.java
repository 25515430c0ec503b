package org.mrirecon.phantom.internal;

import java.util.SplittableRandom;

/**
 * The subject: a handful of parameters that turn the canonical knee into an individual one. The canonical values
 * (all offsets 0, all factors 1) are a typical adult knee in slight flexion; jitter draws each parameter from a
 * clipped normal distribution around them, the spread scaled by the jitter amount. One draw serves all slices of
 * a volume, so the anatomy stays consistent from slice to slice.
 *
 * @param shiftU         anterior-posterior position of the knee in the field of view (mm; small, within +-3 mm:
 *                       the leg lies in the coil cylinder and the field of view is centred on it)
 * @param shiftV         superior-inferior position (mm)
 * @param shiftX         medial-lateral position relative to the slice stack (mm)
 * @param rotation       in-plane rotation of the whole knee (degrees; within +-4: the coil cylinder keeps the leg
 *                       nearly parallel to its axis)
 * @param size           overall size factor (on top of the model scale, {@code SagittalSection.MODEL_SCALE})
 * @param width          medial-lateral size factor (how many slices the knee spans)
 * @param femur          femur size factor
 * @param tibia          tibia size factor
 * @param patella        patella size factor
 * @param patellaHeight  patella position along the femur (mm, positive = lower, towards patella baja)
 * @param flexion        extra knee flexion (degrees): rotates tibia, fibula and menisci about the joint
 * @param cartilage      cartilage thickness factor
 * @param meniscus       meniscus size factor
 * @param fat            subcutaneous fat thickness factor
 * @param tendon         tendon and ligament thickness factor
 * @param condyle        condyle elongation factor (anterior-posterior against superior-inferior)
 * @param texture        texture wavelength factor (trabecular spacing, fibre width)
 */
public record KneeAnatomy(double shiftU, double shiftV, double shiftX, double rotation, double size, double width,
        double femur, double tibia, double patella, double patellaHeight, double flexion, double cartilage,
        double meniscus, double fat, double tendon, double condyle, double texture) {

    public static KneeAnatomy canonical() {
        return new KneeAnatomy(0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1);
    }

    /** A random knee; jitter 0 gives the canonical one. */
    public static KneeAnatomy sample(long seed, double jitter) {
        if (jitter == 0) {
            return canonical();
        }
        SplittableRandom r = Seeds.stream(seed, Seeds.ANATOMY);
        return new KneeAnatomy(
                offset(r, jitter, 1.5), offset(r, jitter, 6), offset(r, jitter, 4), offset(r, jitter, 2),
                factor(r, jitter, 0.06), factor(r, jitter, 0.06), factor(r, jitter, 0.05), factor(r, jitter, 0.05),
                factor(r, jitter, 0.08), offset(r, jitter, 5), offset(r, jitter, 4), factor(r, jitter, 0.2),
                factor(r, jitter, 0.1), factor(r, jitter, 0.4), factor(r, jitter, 0.15), factor(r, jitter, 0.06),
                factor(r, jitter, 0.2));
    }

    private static double offset(SplittableRandom r, double jitter, double spread) {
        return jitter * spread * clippedNormal(r);
    }

    private static double factor(SplittableRandom r, double jitter, double spread) {
        return 1 + jitter * spread * clippedNormal(r);
    }

    /** A standard normal clipped to +-2 so no draw produces an implausible knee. */
    private static double clippedNormal(SplittableRandom r) {
        return Math.max(-2, Math.min(2, r.nextGaussian()));
    }
}
