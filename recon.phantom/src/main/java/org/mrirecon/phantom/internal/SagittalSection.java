package org.mrirecon.phantom.internal;

import java.util.SplittableRandom;

/**
 * Renders the noise-free magnitude image of one sagittal section of the knee: soft tissues, joint, cartilage and
 * bones painted back to front onto a canvas, with textures.
 */
public final class SagittalSection {

    private SagittalSection() {
    }

    /**
     * @param position medial-lateral position of the slice (mm, negative medial, 0 through the notch)
     * @param textures texture fields on {@code grid}
     * @param vessels  random stream for the small vessels of this slice
     */
    public static float[] render(KneeAnatomy a, double position, Grid grid, TissueTable tissues, Textures textures,
            SplittableRandom vessels) {
        double p = (position - a.shiftX()) / (a.size() * a.width());
        Canvas canvas = new Canvas(grid, a.shiftU(), a.shiftV(), a.rotation(), a.size());
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
