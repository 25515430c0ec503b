"""PyTorch side of bench.sh: times the same model's forward on the input VarNetBenchmark wrote, compares images.

    OMP_NUM_THREADS=2 /usr/bin/python3 bench_torch.py --package ../src/main/resources/models/varnet-phantom-v6 \
        --data ../target/bench

The weights come from the model package itself (export.load_package), so both sides run the very same model.
"""
import argparse
import json
import os
import time

import numpy as np
import torch

import data
from export import load_package
from varnet import VarNet


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--package", required=True, help="model package folder (the bundled one)")
    p.add_argument("--data", required=True)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    with open(os.path.join(a.package, "manifest.json")) as f:
        arch = json.load(f)["architecture"]
    torch.set_num_threads(a.threads)
    model = VarNet(cascades=arch["cascades"], chans=arch["chans"], pools=arch["pools"], sens_chans=arch["sensChans"],
                   sens_pools=arch["sensPools"])
    load_package(model, a.package)
    model.eval()
    with open(os.path.join(a.data, "bench.txt")) as f:
        coils, rows, cols, acs_start, acs_end, java_ms = f.read().split()
    coils, rows, cols, acs_start, acs_end = map(int, (coils, rows, cols, acs_start, acs_end))
    kspace = np.fromfile(os.path.join(a.data, "kspace.f32"), "<f4").view(np.complex64).reshape(coils, rows, cols)
    mask, start, end = data.equispaced_mask(rows, 4, acs_end - acs_start)
    assert (start, end) == (acs_start, acs_end)
    k = torch.from_numpy(kspace)[None]
    m = torch.from_numpy(mask)
    with torch.no_grad():
        for _ in range(2):
            out = model(k, m, acs_start, acs_end)
        ms = []
        for _ in range(a.runs):
            t0 = time.perf_counter()
            model(k, m, acs_start, acs_end)
            ms.append(1000 * (time.perf_counter() - t0))
    ms.sort()
    java = np.fromfile(os.path.join(a.data, "java.f32"), "<f4").reshape(rows, cols)
    ref = out[0].numpy()
    diff = np.abs(java - ref).max() / np.abs(ref).max()
    torch_ms = ms[len(ms) // 2]
    print(f"PyTorch {torch.__version__} ({a.threads} threads): median {torch_ms:.0f} ms/slice "
          f"(min {ms[0]:.0f}, max {ms[-1]:.0f}), {rows}x{cols}, {coils} coils, {a.runs} runs")
    print(f"Java / PyTorch time: {float(java_ms) / torch_ms:.2f}; max |Java - PyTorch| / max = {diff:.2e}")


if __name__ == "__main__":
    main()
