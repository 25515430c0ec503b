#!/usr/bin/python3
"""How well can any method do at a protocol, scored against the noisy fully sampled reference?

The fully sampled RSS reference carries the scan's noise. A reconstruction can reproduce that noise only on the lines
it acquired; on the lines it skipped the noise is unknowable. The best a method could possibly do is the "oracle":
the acquired lines as measured (noise included) and the skipped lines noise-free, i.e. a perfect unaliasing and
denoising of everything it did not measure. This script scores that oracle with fastMRI's metrics, next to what the
launcher's methods reach on the same slices, so a claim such as "VarNet 4x matches GRAPPA 2x in SSIM" can be checked
for feasibility before a network is blamed.

Same anatomy, two noise levels: the launcher's `phantom` command with one --seed and --snr SNR / --snr inf writes the
same slices with and without noise (noise has its own random streams).

Usage: tools/oracle_bound.py [--count 8] [--seed 7] [--snr 35] [--methods grappa@2:32,varnet@4:20,cs@4:20]
Needs the built launcher (mvn install) and Debian's python3-numpy and python3-skimage.
"""
import argparse
import csv
import glob
import os
import subprocess
import sys
import tempfile

import numpy as np
from skimage.metrics import structural_similarity

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAUNCHER = os.path.join(ROOT, "launcher", "target", "launcher.jar")


def launcher(*args):
    subprocess.run(["java", "-jar", LAUNCHER, *args], check=True, stdout=subprocess.DEVNULL)


def load_set(folder):
    files = sorted(glob.glob(os.path.join(folder, "*.npz")))
    return np.stack([np.load(f)["kspace"] for f in files])  # [slices, coils, ky, kx] complex64


def ifft2c(k):
    return np.fft.fftshift(np.fft.ifft2(np.fft.ifftshift(k, axes=(-2, -1)), norm="ortho"), axes=(-2, -1))


def rss(k):
    return np.sqrt((np.abs(ifft2c(k)) ** 2).sum(axis=1)).astype(np.float32)


def equispaced(n, accel, acs):
    """The launcher's equispaced mask (Masks.equispaced): every accel-th line through the centre, plus acs lines."""
    ky = np.arange(n)
    m = (ky - n // 2) % accel == 0
    start = n // 2 - acs // 2
    m[start:start + acs] = True
    return m


def metrics(ref, x):
    """fastMRI evaluate.py: NMSE and PSNR over the volume, SSIM the mean over slices, data range = volume max."""
    dr = ref.max()
    nmse = np.linalg.norm(ref - x) ** 2 / np.linalg.norm(ref) ** 2
    psnr = 10 * np.log10(dr ** 2 / np.mean((ref - x) ** 2))
    ssim = np.mean([structural_similarity(ref[i], x[i], data_range=dr) for i in range(len(ref))])
    return nmse, psnr, ssim


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=8, help="phantom slices (320 x 320, 15 coils, middle of the knee)")
    ap.add_argument("--seed", type=int, default=7, help="seed of the slice set (the launcher's phantom --seed)")
    ap.add_argument("--snr", default="35", help="SNR of the noisy set (the phantom default is 35)")
    ap.add_argument("--methods", default="grappa@2:32,varnet@4:20,cs@4:20", help="launcher methods to score too")
    ap.add_argument("--protocols", default="2:32,3:20,4:20", help="oracle protocols ACCEL:ACS")
    args = ap.parse_args()
    if not os.path.isfile(LAUNCHER):
        sys.exit(f"{LAUNCHER} not found: build the project first (mvn -B -q install -DskipTests)")

    work = tempfile.mkdtemp(prefix="oracle-bound-")
    common = ["phantom", "--count", str(args.count), "--seed", str(args.seed)]
    launcher(*common, "--snr", args.snr, "-o", os.path.join(work, "noisy"))
    launcher(*common, "--snr", "inf", "-o", os.path.join(work, "clean"))
    noisy, clean = load_set(os.path.join(work, "noisy")), load_set(os.path.join(work, "clean"))
    ref = rss(noisy)

    # The two sets differ by white noise only: its power is flat over k-space (centre band vs outer band).
    diff = np.abs(noisy - clean) ** 2
    n = noisy.shape[2]
    centre, outer = diff[:, :, n // 2 - 16:n // 2 + 16].mean(), diff[:, :, :32].mean()
    white = f"noise power centre/outer k-space: {centre / outer:.3f} (1 = white)" if outer > 0 else "no noise"
    print(f"{args.count} slices, SNR {args.snr}; {white}")

    rows = [("noise-free image (no noise at all)", *metrics(ref, rss(clean)))]
    for p in args.protocols.split(","):
        accel, acs = (int(v) for v in p.split(":"))
        m = equispaced(n, accel, acs)[None, None, :, None]
        oracle = rss(np.where(m, noisy, clean))
        rows.append((f"oracle {accel}x/{acs} ({m.mean():.3f} of lines)", *metrics(ref, oracle)))

    # The launcher's methods on the very same noisy slices, as one volume.
    volume = os.path.join(work, "noisy_volume.npz")
    np.savez(volume, kspace=noisy, reference=ref)
    out = os.path.join(work, "compare")
    launcher("compare", "-i", volume, "-m", args.methods, "--no-progress", "-o", out)
    with open(os.path.join(out, "metrics_volume.csv")) as f:
        for r in csv.DictReader(f):
            rows.append((f"launcher {r['method']}", float(r["nmse"]), float(r["psnr_db"]), float(r["ssim"])))

    print(f"{'':44s} {'NMSE':>8s} {'PSNR':>7s} {'SSIM':>7s}")
    for name, nmse, psnr, ssim in rows:
        print(f"{name:44s} {nmse:8.5f} {psnr:7.2f} {ssim:7.4f}")
    print(f"(data in {work})")


if __name__ == "__main__":
    main()
