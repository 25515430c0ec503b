"""Loss curve plots: of one run folder (loss.csv, val.csv) as its loss_curve.png, or of training stages run one after
the other as one figure:

    /usr/bin/python3 plot.py OUT.png RUN_DIR [RUN_DIR ...]
"""
import csv
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def read(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return list(csv.DictReader(f))


def loss_curve(run_dir, out=None):
    stages(out or os.path.join(run_dir, "loss_curve.png"), [run_dir])


def stages(out, run_dirs):
    """Loss per iteration and validation SSIM of consecutive runs, iterations counted on from one run to the next.

    During training train.py validates on the first few slices of the run's validation set (quick); the last row of a
    finished run (one with validation.json) is the final validation on the whole set, drawn apart so the two are not
    compared. Each run's points are its own line: runs may validate on different sets (v4: the PD slices).
    """
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4))
    offset = 0
    quick, final = {}, []
    for i, run_dir in enumerate(run_dirs):
        rows = read(os.path.join(run_dir, "loss.csv"))
        if not rows:
            continue
        it = offset + np.array([int(r["iteration"]) for r in rows])
        loss = np.array([float(r["loss"]) for r in rows])
        window = min(50, len(loss))
        smooth = np.convolve(loss, np.ones(window) / window, mode="valid")
        ax1.plot(it, loss, color="0.8", lw=0.5, label="per iteration" if i == 0 else None)
        ax1.plot(it[window - 1:], smooth, color=f"C{i}", label=f"{os.path.basename(run_dir)}, mean of {window}")
        val = read(os.path.join(run_dir, "val.csv"))
        finished = os.path.exists(os.path.join(run_dir, "validation.json"))
        for j, r in enumerate(val):
            point = (offset + int(r["iteration"]), float(r["ssim"]))
            if finished and j == len(val) - 1:
                final.append(point)
            else:
                quick.setdefault((i, os.path.basename(run_dir)), []).append(point)
        offset = it[-1] + 1
        if i < len(run_dirs) - 1:
            ax1.axvline(offset, color="0.5", ls="--", lw=0.8)
    ax1.set_xlabel("iteration")
    ax1.set_ylabel("loss = (1 - SSIM) + w * L1 / max")
    ax1.set_yscale("log")
    ax1.legend(fontsize=8)
    ax1.set_title("training loss (augmented crops, mixed masks)")
    for (i, name), points in quick.items():
        ax2.plot(*zip(*points), "o-", color=f"C{i}", label=f"{name}: first validation slices (during training)")
    if final:
        ax2.plot(*zip(*final), "s", color="k", ms=7, label="each stage's whole validation set (its end)")
    ax2.set_xlabel("iteration")
    ax2.set_ylabel("validation SSIM (320x320, 4x, 20 ACS)")
    ax2.set_title("validation")
    ax2.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=90)
    plt.close(fig)


if __name__ == "__main__":
    stages(sys.argv[1], sys.argv[2:])
