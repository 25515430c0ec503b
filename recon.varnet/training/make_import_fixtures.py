"""Java-vs-PyTorch parity fixtures for imported models: random-weight checkpoints in the published architectures
(fastmri_reference.py), converted by import_fastmri.py, run by the original architecture on fastMRI-layout files.

    # small, committed (src/test/resources/org/mrirecon/varnet/imported, ~1.6 MB; ImportedModelParityTest):
    /usr/bin/python3 make_import_fixtures.py --small ../src/test/resources/org/mrirecon/varnet/imported
    # full size, not committed (about 240 MB; the same test runs them when VARNET_IMPORT_PARITY names the folder):
    /usr/bin/python3 make_import_fixtures.py --full /tmp/varnet-import-full [--johnson]

Layout: <out>/index.json lists the cases; a case folder holds fixture.json (which package, the acquisition in this
project's orientation: coils, rows = fastMRI's W, cols = fastMRI's H, mask, calibration and encoded range, crop),
kspace.f32 (little-endian float32 [coil][row][col][re, im], zero where not sampled) and expected.f32 (the original
architecture's output, centre-cropped to the reconstruction size as fastMRI does, transposed to [row][col]); the
packages sit beside the cases. The fastMRI-layout input files come from make_fastmri_files.py (phantom slices, 2x
oversampled readout, zero lines outside the encoding limits), read back here like any fastMRI file.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

import h5py
import numpy as np
import torch

import fastmri_reference as ref
import import_fastmri as imp
import realdata
from varnet import fastmri_low_frequencies

HERE = os.path.dirname(os.path.abspath(__file__))


def make_file(folder, name, matrix, coils, lines, seed):
    """One fastMRI-layout phantom file (one slice) via make_fastmri_files.py; returns its path."""
    out = os.path.join(folder, name)
    subprocess.run([sys.executable, os.path.join(HERE, "make_fastmri_files.py"), "--out", out, "--matrix", str(matrix),
                    "--coils", str(coils), "--lines", str(lines), "--seed", str(seed)], check=True,
                   stdout=subprocess.DEVNULL)
    return os.path.join(out, f"phantom_{seed}_000.h5")


def read_file(path):
    """(kspace fastMRI layout complex [coils, H, W], encoded [start, end) along W, crop (x along H, y along W))."""
    with h5py.File(path, "r") as f:
        k = f["kspace"][0]
        header = realdata.parse_header(f["ismrmrd_header"][()])
    w = k.shape[-1]
    return k, realdata.encoded_range(header, w), (header["recon_x"], header["recon_y"])


def package(layout, arch, seed, folder, name, flavour, keep_checkpoint=False):
    """A random-weight checkpoint of the original architecture, converted into folder/name (the checkpoint kept
    beside it as name.pt if asked, for bench_import.sh); returns the package path and the original model."""
    if layout == imp.JOHNSON:
        net = ref.randomise(ref.Johnson2022VarNet(arch["cascades"], arch["chans"], arch["sens_chans"]), seed)
    else:
        net = ref.randomise(ref.FastMriVarNet(arch["cascades"], arch["sens_chans"], arch["sens_pools"], arch["chans"],
                                              arch["pools"], zero_buffers=flavour == "lightning"), seed)
    tmp = tempfile.mkdtemp()
    try:
        ckpt = os.path.join(tmp, f"{name}.pt")
        ref.save_checkpoint(net, ckpt, flavour)
        model, a, options, source = imp.convert(ckpt)
        out = os.path.join(folder, name)
        imp.write(model, a, options, source, out, name, min_acs=4)
        if keep_checkpoint:
            shutil.copy(ckpt, os.path.join(folder, f"{name}.pt"))
        return out, net.eval(), model
    finally:
        shutil.rmtree(tmp)


def write_case(folder, case, package_dir, net, converted, layout, kspace, encoded, crop, mask, acs, num_lf=None):
    """Runs the original architecture and writes the case; returns the PyTorch-side check of the converted model."""
    out = os.path.join(folder, case)
    os.makedirs(out, exist_ok=True)
    coils, h, w = kspace.shape
    mask = mask.copy()
    mask[:encoded[0]] = 0
    mask[encoded[1]:] = 0
    full = imp.run_reference(net, layout, kspace, mask, num_lf=num_lf)
    expected = ref.center_crop(torch.from_numpy(full), crop).numpy()
    masked = (kspace * mask[None, None, :]).astype(np.complex64)
    ours = np.ascontiguousarray(masked.transpose(0, 2, 1))  # rows = fastMRI's W
    ours.view(np.float32).astype("<f4").tofile(os.path.join(out, "kspace.f32"))
    np.ascontiguousarray(expected.T).astype("<f4").tofile(os.path.join(out, "expected.f32"))
    # the converted model in PyTorch, our layout: a check of the conversion before Java sees it
    got = ref.center_crop(torch.from_numpy(imp.run_package_model(converted, kspace, mask, *acs)), crop).numpy()
    worst, l2 = imp.relative_errors(got, expected)
    meta = {"package": os.path.relpath(package_dir, out), "layout": layout, "coils": coils, "rows": w, "cols": h,
            "mask": [int(v) for v in mask], "acsStart": int(acs[0]), "acsEnd": int(acs[1]),
            "encodedStart": int(encoded[0]), "encodedEnd": int(encoded[1]),
            "cropRows": int(crop[1]), "cropCols": int(crop[0]),
            "lowFrequencyBlock": list(ref.low_frequency_block(torch.from_numpy(mask.astype(bool)).reshape(
                1, 1, 1, -1, 1), num_lf)),
            "pythonCheck": {"maxRelative": worst, "l2Relative": l2},
            "layoutNote": "kspace.f32 [coil][row][col][re, im] with rows = fastMRI's W (phase-encode), cols = its H "
                          "(readout); expected.f32 [cropRows][cropCols]; lowFrequencyBlock = [start, count] of the "
                          "reference's sensitivity input along the rows"}
    with open(os.path.join(out, "fixture.json"), "w") as f:
        json.dump(meta, f, indent=1)
    print(f"{case}: {coils} coils, {w} x {h} (rows x cols), crop {crop[1]} x {crop[0]}, PyTorch converted vs "
          f"original: max |diff| / max = {worst:.2e}, ||diff|| / ||ref|| = {l2:.2e}", flush=True)
    return case


def acs_block(mask):
    """The longest run of acquired lines containing the centre line (SamplingPattern.fromMask)."""
    c = len(mask) // 2
    lo, hi = c, c
    while lo > 0 and mask[lo - 1]:
        lo -= 1
    while hi < len(mask) and mask[hi]:
        hi += 1
    return lo, hi


def small(out):
    os.makedirs(out, exist_ok=True)
    tmp = tempfile.mkdtemp()
    cases = []
    try:
        files = {"w70": make_file(tmp, "w70", 64, 4, 70, 21), "w53": make_file(tmp, "w53", 48, 4, 53, 22)}
        rng = np.random.default_rng(5)
        # fastMRI, plain state dict: 3 cascades of 4 channels / 3 pools, sensitivity net 2 / 3 (padded to 16 anyway)
        arch = {"cascades": 3, "chans": 4, "pools": 3, "sens_chans": 2, "sens_pools": 3}
        pkg, net, conv = package(imp.FASTMRI, arch, 31, out, "fastmri-small", "state_dict")
        for name, path in files.items():
            k, enc, crop = read_file(path)
            mask, _, _ = realdata.fastmri_equispaced_mask(k.shape[-1], 0.08, 4, rng)
            mask[:enc[0]], mask[enc[1]:] = 0, 0
            cases.append(write_case(out, f"fastmri-small-{name}", pkg, net, conv, imp.FASTMRI, k, enc, crop, mask,
                                    acs_block(mask)))
        # the same file with a random mask whose centre run is asymmetric: fastMRI's block differs from the run
        k, enc, crop = read_file(files["w70"])
        mask, _, _ = realdata.fastmri_random_mask(k.shape[-1], 0.08, 4, np.random.default_rng(8))
        mask[[30, 31]] = 1  # lengthen the centre run below the centre only
        mask[:enc[0]], mask[enc[1]:] = 0, 0
        cases.append(write_case(out, "fastmri-small-w70-random", pkg, net, conv, imp.FASTMRI, k, enc, crop, mask,
                                acs_block(mask)))
        # Johnson 2022: 2 cascades of cunet(3), sensitivity cunet(2); even sizes (their legacy FFT shifts)
        arch = {"cascades": 2, "chans": 3, "pools": 4, "sens_chans": 2, "sens_pools": 4}
        pkg, net, conv = package(imp.JOHNSON, arch, 32, out, "johnson-small", "johnson2022")
        k, enc, crop = read_file(files["w70"])
        mask, start, end = imp.johnson_mask(k.shape[-1], 4, 8, offset=1)
        cases.append(write_case(out, "johnson-small-w70", pkg, net, conv, imp.JOHNSON, k, enc, crop, mask,
                                (start, end), num_lf=end - start))
    finally:
        shutil.rmtree(tmp)
    with open(os.path.join(out, "index.json"), "w") as f:
        json.dump({"cases": cases, "generator": "recon.varnet/training/make_import_fixtures.py --small"}, f, indent=1)


def full(out, johnson):
    os.makedirs(out, exist_ok=True)
    tmp = tempfile.mkdtemp()
    cases = []
    arch = {"cascades": 12, "chans": 18, "pools": 4, "sens_chans": 8, "sens_pools": 4}
    try:
        files = {"knee-368": make_file(tmp, "368", 320, 15, 368, 41), "knee-372": make_file(tmp, "372", 320, 15, 372, 42)}
        pkg, net, conv = package(imp.FASTMRI, arch, 51, out, "fastmri-full", "state_dict", keep_checkpoint=True)
        print(f"fastMRI full size: {sum(p.numel() for p in net.parameters()):,} parameters", flush=True)
        rng = np.random.default_rng(6)
        for name, path in files.items():
            k, enc, crop = read_file(path)
            mask, _, _ = realdata.fastmri_equispaced_mask(k.shape[-1], 0.08, 4, rng)
            mask[:enc[0]], mask[enc[1]:] = 0, 0
            cases.append(write_case(out, f"fastmri-full-{name}", pkg, net, conv, imp.FASTMRI, k, enc, crop, mask,
                                    acs_block(mask)))
        if johnson:
            pkg, net, conv = package(imp.JOHNSON, arch, 52, out, "johnson-full", "johnson2022", keep_checkpoint=True)
            k, enc, crop = read_file(files["knee-368"])
            mask, start, end = imp.johnson_mask(k.shape[-1], 4, 16, offset=enc[0] % 4)
            cases.append(write_case(out, "johnson-full-knee-368", pkg, net, conv, imp.JOHNSON, k, enc, crop, mask,
                                    (start, end), num_lf=16))
    finally:
        shutil.rmtree(tmp)
    with open(os.path.join(out, "index.json"), "w") as f:
        json.dump({"cases": cases, "generator": "recon.varnet/training/make_import_fixtures.py --full"}, f, indent=1)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--small", metavar="DIR")
    g.add_argument("--full", metavar="DIR")
    p.add_argument("--johnson", action="store_true", help="with --full: also a full-size Johnson 2022 case")
    a = p.parse_args()
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "2")))
    if a.small:
        small(a.small)
    else:
        full(a.full, a.johnson)


if __name__ == "__main__":
    main()
