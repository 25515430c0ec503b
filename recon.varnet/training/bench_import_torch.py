"""PyTorch side of bench_import.sh: the same full-size model as the Java side, on the same case, same threads.

    OMP_NUM_THREADS=2 /usr/bin/python3 bench_import_torch.py --case DIR/fastmri-full-knee-368 --java OUT \
        [--model original|converted] [--runs 3] [--threads 2]

original: fastMRI's architecture (fastmri_reference.FastMriVarNet) with the checkpoint the package was converted
from, in fastMRI's layout, as fastMRI runs it; converted: this project's varnet.VarNet read from the package
(export.load_package). Prints the median ms per slice and compares with the Java image and time in OUT.
"""
import argparse
import json
import os
import time

import numpy as np
import torch

import export
import fastmri_reference as ref
import import_fastmri as imp
from varnet import VarNet


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--case", required=True)
    p.add_argument("--java", required=True, help="folder with java.f32 and java.txt (ImportedModelBenchmark)")
    p.add_argument("--model", choices=("original", "converted"), default="original")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    with open(os.path.join(a.case, "fixture.json")) as f:
        meta = json.load(f)
    pkg = os.path.normpath(os.path.join(a.case, meta["package"]))
    with open(os.path.join(pkg, "manifest.json")) as f:
        manifest = json.load(f)
    coils, rows, cols = meta["coils"], meta["rows"], meta["cols"]
    ours = np.fromfile(os.path.join(a.case, "kspace.f32"), "<f4").view(np.complex64).reshape(coils, rows, cols)
    mask = np.array(meta["mask"], np.float32)
    if a.model == "original":
        checkpoint = os.path.join(os.path.dirname(pkg), manifest["source"]["checkpoint"])
        layout, _, _ = imp.read_checkpoint(checkpoint)
        arch = {"cascades": manifest["architecture"]["cascades"], "chans": manifest["architecture"]["chans"],
                "pools": manifest["architecture"]["pools"], "sens_chans": manifest["architecture"]["sensChans"],
                "sens_pools": manifest["architecture"]["sensPools"]}
        net = imp.reference_model(layout, checkpoint, arch)
        kspace = torch.view_as_real(torch.from_numpy(np.ascontiguousarray(ours.transpose(0, 2, 1))))[None]
        m = torch.from_numpy(mask.astype(bool)).reshape(1, 1, 1, -1, 1)
        num_lf = meta["acsEnd"] - meta["acsStart"]
        forward = (lambda: net(kspace, m, num_lf)[0, 0]) if layout == imp.JOHNSON else (lambda: net(kspace, m)[0])
        to_ours = lambda image: image.numpy().T  # noqa: E731
        params = sum(p.numel() for p in net.parameters())
    else:
        net = VarNet(**export.model_options(manifest))
        export.load_package(net, pkg)
        net.eval()
        k, mm = torch.from_numpy(ours)[None], torch.from_numpy(mask)
        forward = lambda: net(k, mm, meta["acsStart"], meta["acsEnd"])[0]  # noqa: E731
        to_ours = lambda image: image.numpy()  # noqa: E731
        params = sum(p.numel() for p in net.parameters())
    with torch.no_grad():
        image = to_ours(forward())  # warm-up
        ms = []
        for _ in range(a.runs):
            t0 = time.perf_counter()
            image = to_ours(forward())
            ms.append(1000 * (time.perf_counter() - t0))
    java = np.fromfile(os.path.join(a.java, "java.f32"), "<f4").reshape(rows, cols)
    with open(os.path.join(a.java, "java.txt")) as f:
        java_ms = float(f.read())
    torch_ms = sorted(ms)[len(ms) // 2]
    diff = np.abs(java - image).max() / np.abs(image).max()
    print(f"PyTorch {torch.__version__} ({a.threads} threads), {a.model} model ({params:,} parameters): median "
          f"{torch_ms:.0f} ms/slice (min {min(ms):.0f}, max {max(ms):.0f}), runs {[round(x) for x in ms]}, "
          f"{coils} coils, {rows} x {cols}")
    print(f"Java / PyTorch time: {java_ms / torch_ms:.2f}; whole matrix max |Java - PyTorch| / max = {diff:.2e}")


if __name__ == "__main__":
    main()
