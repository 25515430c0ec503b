"""Recomputes every volume score of a compare/run output folder from its saved arrays, independently of the Java
code, and compares them with metrics_volume.csv.

    /usr/bin/python3 tools/check_scores.py recon-output [--tolerance 1e-4]

Reads numpy/reference.npy, numpy/truth.npy (if present), numpy/foreground.npy and numpy/<trial>.npy (float32
[slices, rows, cols], the arrays exactly as scored). Metrics are fastMRI's (evaluate.py): NMSE and PSNR over all
pixels of the volume (of the foreground for foreground scores), data range = the yardstick volume's maximum; SSIM
from scikit-image's structural_similarity (7x7 window, K1 0.01, K2 0.03, sample covariance), the mean over slices of
the mean SSIM map over the interior (3-pixel border dropped), inside the foreground for foreground scores.
Prints one line per score and exits 1 if any differs by more than the tolerance (relative for NMSE, absolute
otherwise).
"""
import argparse
import csv
import os
import sys

import numpy as np
from skimage.metrics import structural_similarity


def ssim_slice(y, x, rng, mask):
    _, smap = structural_similarity(y, x, data_range=rng, full=True, win_size=7, gaussian_weights=False,
                                    use_sample_covariance=True)
    inner = np.zeros_like(y, dtype=bool)
    inner[3:-3, 3:-3] = True
    sel = inner if mask is None else inner & mask
    return float(smap[sel].mean())


def scores(y, x, mask):
    rng = float(y.max())
    sel = np.ones_like(y, dtype=bool) if mask is None else mask
    d = (y.astype(np.float64) - x.astype(np.float64))[sel]
    nmse = float(np.sum(d ** 2) / np.sum(y.astype(np.float64)[sel] ** 2))
    mse = float(np.mean(d ** 2))
    psnr = float("inf") if mse == 0 else float(10 * np.log10(rng ** 2 / mse))
    ssim = float(np.mean([ssim_slice(y[s], x[s], rng, None if mask is None else mask[s]) for s in range(len(y))]))
    return {"NMSE": nmse, "PSNR": psnr, "SSIM": ssim}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("folder")
    p.add_argument("--tolerance", type=float, default=1e-4)
    a = p.parse_args()
    npdir = os.path.join(a.folder, "numpy")
    yardsticks = {k: np.load(os.path.join(npdir, k + ".npy")) for k in ("reference", "truth")
                  if os.path.exists(os.path.join(npdir, k + ".npy"))}
    mask = np.load(os.path.join(npdir, "foreground.npy")) > 0.5
    with open(os.path.join(a.folder, "metrics_volume.csv")) as f:
        rows = list(csv.DictReader(f))
    worst, failed, checked = 0.0, 0, 0
    for row in rows:
        if row["status"] != "ok":
            continue
        name = "".join(c if c.isalnum() or c in "_.-" else "_" for c in row["trial"])
        x = np.load(os.path.join(npdir, name + ".npy"))
        for yname, y in yardsticks.items():
            for region, m in (("whole", None), ("foreground", mask)):
                ours = scores(y, x, m)
                for metric, value in ours.items():
                    java = float(row[f"{yname}.{region}.{metric}"])
                    if np.isinf(value) and np.isinf(java):
                        diff = 0.0
                    elif metric == "NMSE":
                        diff = abs(java - value) / max(abs(value), 1e-12)
                    else:
                        diff = abs(java - value)
                    worst = max(worst, diff)
                    checked += 1
                    bad = diff > a.tolerance
                    failed += bad
                    print(f"{row['trial']:28s} {yname:9s} {region:10s} {metric:4s} java {java:12.6g} "
                          f"numpy/skimage {value:12.6g} diff {diff:.2e}{'  <-- MISMATCH' if bad else ''}")
    print(f"{checked} scores checked, worst difference {worst:.2e} (tolerance {a.tolerance:g}), {failed} mismatches")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
