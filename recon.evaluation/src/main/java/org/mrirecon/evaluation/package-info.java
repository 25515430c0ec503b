/**
 * The evaluation pipeline, one for every consumer (the command line's run, compare and bench, the test harness):
 * <ol>
 * <li>a selection is resolved once into {@link org.mrirecon.evaluation.Trial}s: a method id, a
 * {@link org.mrirecon.evaluation.Sampling} (a protocol, or the data's own sampling) and parameters;</li>
 * <li>{@link org.mrirecon.evaluation.Evaluation} runs a trial on a {@link org.mrirecon.data.Dataset}: it undersamples
 * the data, calls the method, and scores its natural image by one declared convention
 * ({@link org.mrirecon.evaluation.Evaluation#SCORING_CONVENTION}) against every
 * {@link org.mrirecon.evaluation.Yardstick} the data has, over every {@link org.mrirecon.evaluation.Region}, with
 * every metric of {@link org.mrirecon.evaluation.Metrics#ALL};</li>
 * <li>a {@link org.mrirecon.evaluation.Comparison} pairs the results with a reference trial and computes the
 * per-slice statistics ({@link org.mrirecon.evaluation.PairedComparison}: one dataset, no population claim);
 * {@link org.mrirecon.evaluation.ClusteredComparison} computes the difference with slices clustered by subject (a
 * population claim needs several subjects).</li>
 * </ol>
 */
@Export
@Version("1.2.0")
package org.mrirecon.evaluation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
