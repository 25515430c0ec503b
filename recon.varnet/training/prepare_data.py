"""Writes the training and validation slices with the project's phantom generator (launcher `phantom` command).

Training slices are drawn at matrices 256-352 over the phantom's fixed field of view, i.e. pixel sizes within
-10..+25 % of the 320-matrix evaluation data, so the network learns at the resolution it is judged at (the
training loop then crops them along the readout). Validation slices use other seeds and exactly 320 x 320, as the evaluation.
Each set comes twice: SNR 15-60 (train, val) and SNR 15-2000 log-uniform (train-snr-wide, val-snr-wide); a third
training set (train-whole-knee) draws its slices from the whole knee, the outermost slices included.
The true coil maps the generator also writes are dropped (the VarNet estimates its own); the noise-free object
magnitude (`truth`) is kept, the target of models trained with "target": "truth".

    /usr/bin/python3 prepare_data.py --launcher /work/main/launcher/target/launcher.jar --out /work/varnet-data
"""
import argparse
import glob
import os
import shutil
import subprocess

import numpy as np

WIDE_SNR = "15:2000"


def generate(launcher, out, count, seed, min_matrix, max_matrix, snr_range=None, slice_range=None):
    if os.path.isdir(out) and len(glob.glob(os.path.join(out, "*.npz"))) == count:
        print(f"{out}: {count} slices already there")
        return
    raw = out + ".raw"  # kept when interrupted: the rerun writes only the missing samples (--skip-existing)
    os.makedirs(out, exist_ok=True)
    subprocess.run(["java", "-jar", launcher, "phantom", "--randomize", "--skip-existing", "--count", str(count),
                    "--seed", str(seed),
                    "--min-matrix", str(min_matrix), "--max-matrix", str(max_matrix), "--out", raw]
                   + (["--snr-range", snr_range] if snr_range else [])
                   + (["--slice-range", slice_range] if slice_range else []), check=True)
    for path in sorted(glob.glob(os.path.join(raw, "*.npz"))):
        with np.load(path) as d:
            np.savez(os.path.join(out, os.path.basename(path)), kspace=d["kspace"], reference=d["reference"],
                     truth=d["truth"], snr=d["snr"])
    shutil.rmtree(raw)
    print(f"{out}: wrote {count} slices")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--launcher", default="/work/main/launcher/target/launcher.jar")
    p.add_argument("--out", default="/work/varnet-data")
    p.add_argument("--train", type=int, default=360)
    p.add_argument("--val", type=int, default=16)
    p.add_argument("--train-seed", type=int, default=1)
    p.add_argument("--val-seed", type=int, default=2)
    a = p.parse_args()
    generate(a.launcher, os.path.join(a.out, "val"), a.val, a.val_seed, 320, 320)
    generate(a.launcher, os.path.join(a.out, "train"), a.train, a.train_seed, 256, 352)
    # The same generator with the SNR drawn log-uniformly up to nearly noise-free (seeds 3 and 4): a model trained
    # on SNR 15-60 alone learns to paint that noise floor into every image, however clean the data.
    generate(a.launcher, os.path.join(a.out, "train-snr-wide"), a.train, 3, 256, 352, WIDE_SNR)
    generate(a.launcher, os.path.join(a.out, "val-snr-wide"), a.val, 4, 320, 320, WIDE_SNR)
    # Slices from the whole knee, the outermost ones beyond the condyles included (seed 5): the sets above draw
    # slices 3-31, and an evaluation of the whole volume scores slices 0-34 (v4 was 8 dB below CS on 0-2 and 32-34).
    generate(a.launcher, os.path.join(a.out, "train-whole-knee"), a.train, 5, 256, 352, None, "0:34")
    generate(a.launcher, os.path.join(a.out, "val-whole-knee"), a.val, 6, 320, 320, None, "0:34")


if __name__ == "__main__":
    main()
