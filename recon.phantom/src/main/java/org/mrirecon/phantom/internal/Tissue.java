package org.mrirecon.phantom.internal;

/** Tissue classes the knee is painted with; {@link TissueTable} gives their intensity per contrast. */
public enum Tissue {
    SKIN,
    FAT,
    MUSCLE,
    MARROW,
    CORTEX,
    CARTILAGE,
    /** The deep, calcified-side zone of hyaline cartilage, darker than the surface zone. */
    CARTILAGE_DEEP,
    MENISCUS,
    /** ACL and collateral ligaments: low signal with some striation. */
    LIGAMENT,
    /** Tendons and the PCL: the darkest soft tissue. */
    TENDON,
    FLUID,
    /** Fast arterial flow: a flow void on spin-echo images. */
    ARTERY,
    /** Slow venous flow: intermediate on PD, bright on T2. */
    VEIN,
    NERVE
}
