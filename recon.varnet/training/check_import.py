"""Checks of import_fastmri.py that need no Java: exits non-zero when one fails.

    OMP_NUM_THREADS=2 /usr/bin/python3 check_import.py [--full]

1. Every checkpoint flavour goes through the command line (`import_fastmri.py CHECKPOINT OUT_DIR`, whose self-check
   compares the package read back with the original architecture): fastMRI's plain state dict, a Lightning
   checkpoint (keys `varnet.` under state_dict, the SSIM loss buffer) of a model with the old `cascades.N.zero`
   buffers, and the Johnson 2022 layout (checkpoint["model"], SoftDC.lambda_). The plain and Lightning packages of the
   same weights must hold the same weights.
2. The conventions matter (the checks can fail): at 60 x 53 (not a multiple of 16) the converted model must miss the
   original when a kernel transpose, the normalisation order or the sensitivity block is changed.
3. The mask-derived block of varnet.py equals the reference's (argmin-based) one on random masks.
4. With --full: fastMRI's full size (12 cascades, 18 / 4, sensitivity 8 / 4) has 324 tensors and 29,936,966
   parameters, and converts (CLI, self-check included).
"""
import argparse
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch

import export
import fastmri_reference as ref
import import_fastmri as imp
from varnet import AFTER_PADDING, CALIBRATION_BLOCK, VarNet, fastmri_low_frequencies

HERE = os.path.dirname(os.path.abspath(__file__))
failures = []


def check(name, ok, detail):
    print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}", flush=True)
    if not ok:
        failures.append(name)


def cli(ckpt, out):
    r = subprocess.run([sys.executable, os.path.join(HERE, "import_fastmri.py"), ckpt, out], capture_output=True,
                       text=True)
    lines = [l for l in r.stdout.splitlines() if l.startswith("self-check")]
    return r.returncode, lines[0] if lines else r.stdout + r.stderr


def flavours(tmp):
    arch = (3, 2, 3, 4, 3)  # cascades, sens_chans, sens_pools, chans, pools
    plain = ref.randomise(ref.FastMriVarNet(*arch), 11)
    old = ref.FastMriVarNet(*arch, zero_buffers=True)
    old.load_state_dict(plain.state_dict(), strict=False)
    johnson = ref.randomise(ref.Johnson2022VarNet(2, 3, 2), 12)
    cases = [("fastMRI state dict", plain, "state_dict"), ("Lightning + zero buffers", old, "lightning"),
             ("Johnson 2022", johnson, "johnson2022")]
    packages = {}
    for name, net, flavour in cases:
        ckpt = os.path.join(tmp, flavour + ".pt")
        ref.save_checkpoint(net, ckpt, flavour)
        out = os.path.join(tmp, "pkg-" + flavour)
        code, line = cli(ckpt, out)
        check(f"CLI {name}", code == 0, line)
        packages[flavour] = out
    weights = []
    for flavour in ("state_dict", "lightning"):
        m = VarNet(**export.model_options(export_manifest(packages[flavour])))
        export.load_package(m, packages[flavour])
        weights.append(m.state_dict())
    same = all(torch.equal(weights[0][k], weights[1][k]) for k in weights[0])
    check("plain and Lightning packages hold the same weights", same, f"{len(weights[0])} tensors compared")


def export_manifest(folder):
    import json
    with open(os.path.join(folder, "manifest.json")) as f:
        return json.load(f)


def conventions_matter(tmp):
    net = ref.randomise(ref.FastMriVarNet(2, 4, 4, 6, 4), 13).eval()
    ckpt = os.path.join(tmp, "c.pt")
    ref.save_checkpoint(net, ckpt, "state_dict")
    model, arch, options, source = imp.convert(ckpt)
    h, w = 60, 53  # fastMRI's H (readout) x W (undersampled): neither a multiple of 16
    kspace = imp.synthetic_kspace(4, h, w)
    mask, _, _ = imp.johnson_mask(w, 4, 8, offset=1)
    mask[22] = 1  # with line 21 of the grid, a centre run [21, 31) that fastMRI's symmetric block does not follow
    acs = imp.johnson_mask(w, 4, 8, offset=1)[1:]
    want = imp.run_reference(net, imp.FASTMRI, kspace, mask)
    got = imp.run_package_model(model, kspace, mask, *acs)
    worst, _ = imp.relative_errors(got, want)
    check("converted model vs original at 60 x 53", worst < 1e-4, f"max |diff| / max = {worst:.2e}")

    wrong = VarNet(**arch, normalisation=options["normalisation"], sensitivity_input=options["sensitivity_input"],
                   padding_multiple=16)
    state = model.state_dict()
    wrong.load_state_dict({k: v.transpose(-1, -2) if v.dim() == 4 else v for k, v in state.items()})
    err, _ = imp.relative_errors(imp.run_package_model(wrong.eval(), kspace, mask, *acs), want)
    check("without the kernel transpose the output differs", err > 1e-2, f"max |diff| / max = {err:.3f}")

    wrong = VarNet(**arch, normalisation=AFTER_PADDING, sensitivity_input=options["sensitivity_input"],
                   padding_multiple=16)
    wrong.load_state_dict(state)
    err, _ = imp.relative_errors(imp.run_package_model(wrong.eval(), kspace, mask, *acs), want)
    check("normalising after padding instead of before differs", err > 1e-2, f"max |diff| / max = {err:.3f}")

    wrong = VarNet(**arch, normalisation=options["normalisation"], sensitivity_input=CALIBRATION_BLOCK,
                   padding_multiple=16)
    wrong.load_state_dict(state)
    block = (21, 31)  # the centre run [21, 31) as the calibration block (fastMRI's: [22, 32))
    err, _ = imp.relative_errors(imp.run_package_model(wrong.eval(), kspace, mask, *block), want)
    check("the calibration run instead of fastMRI's block differs", err > 1e-2, f"max |diff| / max = {err:.3f}")


def low_frequency_rule():
    rng = np.random.default_rng(3)
    bad = 0
    for i in range(500):
        n = int(rng.integers(8, 80))
        mask = (rng.random(n) < rng.uniform(0.2, 0.95)).astype(np.float32)
        if i % 5 == 0:
            mask[n // 2 - int(rng.integers(0, n // 2)):n // 2 + int(rng.integers(0, n // 2))] = 1
        start, count = ref.low_frequency_block(torch.from_numpy(mask.astype(bool)).reshape(1, 1, 1, -1, 1))
        bad += (start, start + count) != fastmri_low_frequencies(mask)
    check("varnet.fastmri_low_frequencies equals fastMRI's argmin rule", bad == 0, f"{bad} of 500 random masks differ")


def full(tmp):
    net = ref.randomise(ref.FastMriVarNet(), 21)
    state = net.state_dict()
    params = sum(p.numel() for p in net.parameters())
    check("fastMRI full size: tensors and parameters", (len(state), params) == (324, 29936966),
          f"{len(state)} tensors, {params:,} parameters")
    ckpt = os.path.join(tmp, "full.pt")
    ref.save_checkpoint(net, ckpt, "state_dict")
    code, line = cli(ckpt, os.path.join(tmp, "pkg-full"))
    check("CLI fastMRI full size", code == 0, line)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--full", action="store_true")
    a = p.parse_args()
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "2")))
    with tempfile.TemporaryDirectory() as tmp:
        flavours(tmp)
        conventions_matter(tmp)
        low_frequency_rule()
        if a.full:
            full(tmp)
    print("all checks passed" if not failures else f"{len(failures)} check(s) failed: {failures}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
