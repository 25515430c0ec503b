/**
 * The report of a comparison (see org.mrirecon.evaluation for the numbers): paired per-slice statistics against a reference method
 * (mean difference, SD, 95% confidence interval, paired t-test, equivalence and non-inferiority verdicts at a
 * stated margin, in the spirit of the interchangeability analysis of Johnson et al. 2023), scan-time accounting,
 * and the report files: a self-contained HTML page with image grids, error maps, zoomed crops and plots, CSV and
 * JSON with every number, and PNGs of every image.
 */
@Export
@Version("2.0.0")
package org.mrirecon.report;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
