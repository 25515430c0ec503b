package org.mrirecon.phantom.internal;

import java.util.SplittableRandom;

/**
 * Renders the noise-free magnitude image of one sagittal section of the knee: soft tissues, joint, cartilage and
 * bones painted back to front onto a canvas, with textures.
 */
public final class SagittalSection {

    /**
     * Scale of the model to the patient, in all three directions: 0.9 makes the canonical knee a medium-sized
     * adult one (about 112 mm skin to skin anterior-posterior, 24 mm of air at either end of the 160 mm
     * phase-encode field of view). With any jitter (size up to 1.12, rotation +-4 degrees, shift +-3 mm) the leg
     * keeps at least 8 mm (5%) of air at both ends and stays well inside the 160 mm coil cylinder.
     */
    static final double MODEL_SCALE = 0.9;
    /**
     * Anterior-posterior shift (mm) of the model origin that centres the canonical leg, whose calf lies a little
     * posterior, in the phase-encode field of view (as the technologist centres the field of view on the leg).
     */
    static final double CENTRE_U = -2;

    private SagittalSection() {
    }

    /**
     * @param position medial-lateral position of the slice (mm, negative medial, 0 through the notch)
     * @param textures texture fields on {@code grid}
     * @param vessels  random stream for the small vessels of this slice
     */
    public static float[] render(KneeAnatomy a, double position, Grid grid, TissueTable tissues, Textures textures,
            SplittableRandom vessels) {
        double scale = MODEL_SCALE * a.size();
        double p = (position - a.shiftX()) / (scale * a.width());
        Canvas canvas = new Canvas(grid, CENTRE_U + a.shiftU(), a.shiftV(), a.rotation(), scale);
        Frame femur = new Frame(Bones.JOINT_U, Bones.JOINT_V, 0, a.femur(), 0, 0);
        Frame tibia = new Frame(Bones.JOINT_U, Bones.JOINT_V, a.flexion(), a.tibia(), 0, 0);
        Frame patella = Bones.patellaFrame(a, femur);

        SoftTissues soft = new SoftTissues(a, p, femur, tibia, patella);
        soft.paintLimb(canvas, tissues, textures);
        soft.paintFatPads(canvas, tissues, textures);
        soft.paintMuscles(canvas, tissues, textures);
        soft.paintSmallVessels(canvas, tissues, vessels);
        soft.paintNeurovascular(canvas, tissues, textures);
        soft.paintTendons(canvas, tissues, textures);

        Joint joint = new Joint(a, p, femur, tibia);
        joint.paintFluid(canvas, tissues);
        joint.paintMenisci(canvas, tissues, textures);
        joint.paintLigaments(canvas, tissues, textures);

        Bones bones = new Bones(a, p, femur, tibia, patella);
        bones.paintCartilage(canvas, tissues, textures);
        bones.paintBones(canvas, tissues, textures);
        return canvas.pixels();
    }
}
