"""Loss curve plot of a run folder (loss.csv, val.csv) as loss_curve.png."""
import csv
import os

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
    rows = read(os.path.join(run_dir, "loss.csv"))
    if not rows:
        return
    it = np.array([int(r["iteration"]) for r in rows])
    loss = np.array([float(r["loss"]) for r in rows])
    window = min(50, len(loss))
    smooth = np.convolve(loss, np.ones(window) / window, mode="valid")
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4))
    ax1.plot(it, loss, color="0.8", lw=0.5, label="per iteration")
    ax1.plot(it[window - 1:], smooth, color="C0", label=f"mean of {window}")
    ax1.set_xlabel("iteration")
    ax1.set_ylabel("loss = (1 - SSIM) + w * L1 / max")
    ax1.set_yscale("log")
    ax1.legend()
    ax1.set_title("training loss (augmented crops, mixed masks)")
    val = read(os.path.join(run_dir, "val.csv"))
    if val:
        ax2.plot([int(r["iteration"]) for r in val], [float(r["ssim"]) for r in val], "o-", color="C1")
    ax2.set_xlabel("iteration")
    ax2.set_ylabel("validation SSIM (320x320, 4x, 20 ACS)")
    ax2.set_title("validation")
    fig.tight_layout()
    fig.savefig(out or os.path.join(run_dir, "loss_curve.png"), dpi=90)
    plt.close(fig)
