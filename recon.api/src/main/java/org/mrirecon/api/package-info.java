/**
 * The reconstruction API: what a reconstruction method bundle implements and what the launcher calls.
 *
 * <h2>Data model</h2>
 * <ul>
 * <li>{@link org.mrirecon.api.KSpace}: multi-coil Cartesian k-space of one 2-D slice, complex float32, in one
 * flat coil-major array of interleaved (re, im) pairs: the logical shape is coils x phase-encode (ky, rows) x
 * readout (kx, columns), NumPy's {@code complex64[coils, ky, kx]} and the layout of recon.numerics' operators.
 * k-space is centred: DC sits at index {@code (ny/2, nx/2)}, the convention of fastMRI's {@code fft2c} and BART's
 * {@code fft -u}.</li>
 * <li>{@link org.mrirecon.api.SamplingPattern}: which phase-encode lines were acquired (undersampling is
 * along ky only), which contiguous centre block forms the calibration (ACS) region, and which lines the scan encodes
 * at all (the rest is zero padding).</li>
 * <li>{@link org.mrirecon.api.Acquisition}: one undersampled slice with its pattern;
 * {@link org.mrirecon.api.AcquisitionVolume}: the slices of one scan.</li>
 * <li>{@link org.mrirecon.api.ReconstructedImage}: the method's natural image, complex where it has one, else
 * magnitude, row-major {@code [y][x]} with y along phase-encode. The caller scores every method by one convention
 * (the magnitude, against a reference or the truth), so methods do no scoring-specific post-processing.</li>
 * </ul>
 * What a method does not need is not here: scan timing and scan-time accounting, field of view and the method's
 * version (its bundle's version) belong to the framework and the evaluation.
 * All data types are immutable; their array accessors return copies.
 *
 * <h2>Services</h2>
 * A method registers a {@link org.mrirecon.api.Reconstructor} service (use Declarative Services) with the
 * service property {@value org.mrirecon.api.Reconstructor#METHOD_PROPERTY} set to its method id. Consumers find
 * methods only through the service registry.
 *
 * <h2>Threading</h2>
 * One {@code Reconstructor} instance may be called concurrently from several threads (the launcher runs jobs in
 * parallel and never creates an instance per job). Implementations keep per-call state on the stack or in objects
 * created per call; state shared between calls (a loaded model, a plan cache) must be thread-safe.
 * Methods may use several threads inside one call.
 *
 * <h2>Progress and cancellation</h2>
 * Each call receives a {@link org.mrirecon.api.ReconContext}: report progress through it and call
 * {@link org.mrirecon.api.ReconContext#checkCancelled()} between iterations so that a cancelled job stops promptly
 * with a {@link java.util.concurrent.CancellationException}.
 *
 * <h2>Errors</h2>
 * Input a method cannot handle (too few calibration lines, unsupported size) is reported with a
 * {@link org.mrirecon.api.ReconstructionException} whose message names the problem and the fix.
 */
@Export
@Version("2.0.0")
package org.mrirecon.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
