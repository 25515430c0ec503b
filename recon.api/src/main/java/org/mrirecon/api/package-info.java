/**
 * The reconstruction API: what a reconstruction method bundle implements and what the launcher calls.
 *
 * <h2>Data model</h2>
 * <ul>
 * <li>{@link org.mrirecon.api.KSpace}: multi-coil Cartesian k-space of one 2-D slice, complex float32,
 * stored per coil as interleaved (re, im) pairs in row-major order {@code [phaseEncode][readout]}, i.e.
 * the logical shape is coils x phase-encode (ky, rows) x readout (kx, columns). k-space is centred:
 * DC sits at index {@code (ny/2, nx/2)}, the convention of fastMRI's {@code fft2c} and BART's {@code fft -u}.</li>
 * <li>{@link org.mrirecon.api.SamplingPattern}: which phase-encode lines were acquired (undersampling is
 * along ky only) and which contiguous centre block forms the calibration (ACS) region.</li>
 * <li>{@link org.mrirecon.api.AcquisitionHeader}: matrix, field of view, coils, nominal and effective
 * acceleration, ACS count and the timing needed for scan-time accounting (TR, echo-train length, averages).</li>
 * <li>{@link org.mrirecon.api.Acquisition}: one undersampled slice with its pattern and header;
 * {@link org.mrirecon.api.AcquisitionVolume}: the slices of one scan.</li>
 * <li>{@link org.mrirecon.api.ReconstructedImage}: the result, magnitude always, complex coil-combined where the
 * method has it, row-major {@code [y][x]} with y along phase-encode.</li>
 * </ul>
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
@Version("1.0.0")
package org.mrirecon.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
