/**
 * A simulated, deterministic multi-coil k-space knee phantom: the project's built-in default data.
 *
 * <p>{@link org.mrirecon.phantom.KneePhantom} renders sagittal proton-density-like slices through a parametric 3-D
 * knee (femur, tibia, patella, fibula, cartilage, menisci, cruciate ligaments, tendons, fat pads, muscles, vessels)
 * on a grid finer than the acquisition matrix, multiplies it by the complex sensitivities of a cylindrical receive
 * array, Fourier transforms it and keeps the central k-space (so reconstructions are not tested on data made with
 * their own forward model), then adds seeded complex Gaussian noise. As in clinical sagittal knee protocols,
 * phase-encode (rows) runs anterior-posterior with the whole leg inside its field of view and readout (columns)
 * superior-inferior. Everything is reproducible from
 * {@link org.mrirecon.phantom.PhantomConfig}; slices are generated independently.
 *
 * <p>Since 1.1: {@link org.mrirecon.phantom.Cohort} makes subject i of a cohort of knees from a base configuration;
 * {@link org.mrirecon.phantom.MotionModel} (rigid in-plane jerks and drift over time) and
 * {@link org.mrirecon.phantom.AcquisitionSchedule} (when each line of a turbo spin echo is measured) drive
 * {@link org.mrirecon.phantom.KneePhantom#slice(int, MotionModel, AcquisitionSchedule)}, a slice whose acquired
 * lines come from the moving object while truth, reference and noise stay the unmoved slice's.
 */
@Export
@Version("1.1.0")
package org.mrirecon.phantom;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
