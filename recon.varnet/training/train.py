"""Trains the E2E-VarNet on phantom slices, against the noisy fully sampled RSS ("target": "rss", fastMRI's
convention) or against the phantom's noise-free object ("target": "truth"). One command, seeded, resumable:

    OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 train.py --config config/varnet-phantom-v6.json

(PASSIVE: on a shared 2-core machine, spinning OpenMP threads slowed a step down up to 10x.)

Or on real-format data: every fastMRI multicoil .h5 and ISMRMRD .h5 file under a folder (realdata.py: transposed to
this project's layout, masks drawn on the fly from the seed's protocol and fastMRI's random / equispaced masks,
target = RSS of the fully sampled coil images or the file's `truth`, loss and metrics on the reconstruction-size
crop, a validation split by file), on the GPU if there is one, with parallel loading:

    /usr/bin/python3 train.py --data /data/knee_multicoil_train --config config/fastmri-knee.json --device cuda

The run folder (default /work/varnet-data/runs/<name>) receives checkpoint.pt every `checkpoint_every`
iterations (a restarted command resumes from it and draws the same samples), loss.csv, val.csv, the plot
loss_curve.png, and at the end model.pt and validation.json (with --data also split.json: the files of each part).
Every sample is a function of (seed, iteration) only, so neither the loader workers nor an interruption change what
the model sees.
"""
import argparse
import csv
import json
import math
import os
import time

import numpy as np
import torch
from torch.nn import functional as F

import data
import plot
import realdata
from varnet import VarNet, acs_lowpass, complex_to_channels, ifft2c, pad_to_multiple
from export import load_package
from validate import validate, validate_real


class SSIMLoss(torch.nn.Module):
    """fastMRI's SSIMLoss: 1 - mean SSIM, 7x7 uniform window, K1 0.01, K2 0.03, sample covariance."""

    def __init__(self, win_size=7, k1=0.01, k2=0.03):
        super().__init__()
        self.k1, self.k2 = k1, k2
        self.register_buffer("w", torch.ones(1, 1, win_size, win_size) / win_size ** 2)
        n = win_size ** 2
        self.cov_norm = n / (n - 1)

    def forward(self, x, y, data_range):
        c1 = (self.k1 * data_range) ** 2
        c2 = (self.k2 * data_range) ** 2
        ux, uy = F.conv2d(x, self.w), F.conv2d(y, self.w)
        uxx, uyy, uxy = F.conv2d(x * x, self.w), F.conv2d(y * y, self.w), F.conv2d(x * y, self.w)
        vx = self.cov_norm * (uxx - ux * ux)
        vy = self.cov_norm * (uyy - uy * uy)
        vxy = self.cov_norm * (uxy - ux * uy)
        s = (2 * ux * uy + c1) * (2 * vxy + c2) / ((ux ** 2 + uy ** 2 + c1) * (vx + vy + c2))
        return 1 - s.mean()


def learning_rate(it, opt_cfg):
    """Linear warm-up, then cosine decay to final_lr_fraction of the peak."""
    peak, warmup, total = opt_cfg["lr"], opt_cfg["warmup"], opt_cfg["iterations"]
    if it < warmup:
        return peak * (it + 1) / warmup
    progress = (it - warmup) / max(1, total - warmup)
    low = peak * opt_cfg["final_lr_fraction"]
    return low + (peak - low) * 0.5 * (1 + math.cos(math.pi * progress))


def sample(it, files, cfg):
    """The training sample of iteration `it`: a function of (seed, it) only, so resuming repeats it exactly."""
    epoch, pos = divmod(it, len(files))
    order = np.random.default_rng([cfg["seed"], 1_000_000 + epoch]).permutation(len(files))
    rng = np.random.default_rng([cfg["seed"], it])
    path = files[order[pos]]
    truth = data.load_truth(path) if cfg.get("target", "rss") == "truth" else None
    if cfg.get("target", "rss") == "truth" and truth is None:
        raise ValueError(f"{path} has no 'truth' array: the config trains against the noise-free truth, which only "
                         "phantom slices written by this version of the launcher carry (re-run prepare_data.py)")
    full, target = data.augmented_sample(data.load_kspace(path), rng, cfg["augment"], truth)
    mask, acs_start, acs_end = data.draw_mask(full.shape[1], rng, cfg["masks"])
    masked = full * mask[None, :, None]
    return masked, mask, acs_start, acs_end, target


class PhantomSamples(torch.utils.data.Dataset):
    """sample() as a dataset indexed by iteration, in the same form as realdata.TrainingSamples."""

    def __init__(self, files, cfg):
        self.files, self.cfg = files, cfg

    def __len__(self):
        return 1 << 62

    def __getitem__(self, it):
        masked, mask, acs_start, acs_end, target = sample(it, self.files, self.cfg)
        return {"masked": masked, "mask": mask, "acs_start": acs_start, "acs_end": acs_end, "target": target,
                "window": (0, 0) + target.shape}


def sens_warm_start(model, samples, cfg, device):
    """Pre-trains the sensitivity U-Net towards the identity on ACS low-pass coil images, so that the first maps are
    the classic low-resolution estimate (coil image / RSS) rather than noise. Samples come from their own stream."""
    optimiser = torch.optim.Adam(model.sens_net.parameters(), lr=cfg["optimiser"]["lr"])
    for i in range(cfg["optimiser"]["sens_warm_start"]):
        s = samples[10_000_000 + i]
        masked, acs_start, acs_end = torch.as_tensor(s["masked"]).to(device), s["acs_start"], s["acs_end"]
        images = ifft2c(acs_lowpass(masked[None], acs_start, acs_end))[0]
        x, _ = pad_to_multiple(complex_to_channels(images), model.multiple)
        loss = ((model.sens_net(x) - x) ** 2).mean() / (x ** 2).mean()
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
    print(f"sensitivity net warm start: {i + 1} iterations, relative error {loss.item():.3f}", flush=True)


def save_atomically(obj, path):
    tmp = path + ".tmp"
    torch.save(obj, tmp)
    os.replace(tmp, path)


def append_rows(path, header, rows):
    new = not os.path.exists(path)
    with open(path, "a", newline="") as f:
        w = csv.writer(f)
        if new:
            w.writerow(header)
        w.writerows(rows)


def truncate_log(path, last_iteration):
    """Drops log rows written after the checkpoint we resume from, so the CSV has each iteration once."""
    if not os.path.exists(path):
        return
    with open(path) as f:
        rows = list(csv.reader(f))
    kept = [rows[0]] + [r for r in rows[1:] if int(r[0]) < last_iteration]
    with open(path, "w", newline="") as f:
        csv.writer(f).writerows(kept)


def device_of(name):
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if name.startswith("cuda") and not torch.cuda.is_available():
        raise SystemExit(f"--device {name}: this PyTorch ({torch.__version__}) sees no CUDA device")
    return torch.device(name)


def real_data(folder, cfg, run_dir):
    """Training samples, validation slices and the split record of every .h5 file under folder."""
    refs, notes = realdata.index_files(folder)
    train_refs, val_refs = realdata.split_by_file(refs, cfg["data"].get("val_fraction", 0.1), cfg["seed"])
    if not train_refs:
        raise ValueError(f"{folder}: no training slices left after the validation split")
    split = {"data": os.path.abspath(folder), "notes": notes,
             "train": sorted({r.path for r in train_refs}), "val": sorted({r.path for r in val_refs}),
             "train_slices": len(train_refs), "val_slices": len(val_refs)}
    with open(os.path.join(run_dir, "split.json"), "w") as f:
        json.dump(split, f, indent=1)
    print(f"{folder}: {len(train_refs)} training slices from {len(split['train'])} files, {len(val_refs)} "
          f"validation slices from {len(split['val'])} files", flush=True)
    return realdata.TrainingSamples(train_refs, cfg), val_refs


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--config", help="training configuration (default with --data: config/fastmri-knee.json)")
    p.add_argument("--data", help="folder of fastMRI multicoil and/or ISMRMRD .h5 files (searched recursively)")
    p.add_argument("--run-dir")
    p.add_argument("--device", default="cpu", help="cpu, cuda, cuda:N or auto (cuda when present); default cpu")
    p.add_argument("--stop-at", type=int, metavar="N",
                   help="end after iteration N (a checkpoint multiple) instead of the schedule's last, keeping the "
                        "schedule: for a time budget; the final validation and model.pt are written as at the end "
                        "(default: the config's optimiser.stop_at, if any)")
    p.add_argument("--workers", type=int,
                   help="data loader processes (default: the config's 'workers', else 0: load in the main process)")
    a = p.parse_args()
    if not a.config and not a.data:
        p.error("give --config, --data or both")
    config = a.config or os.path.join(os.path.dirname(os.path.abspath(__file__)), "config", "fastmri-knee.json")
    with open(config) as f:
        cfg = json.load(f)
    if a.data:
        cfg["data"] = {**cfg.get("data", {}), "dir": os.path.abspath(a.data)}
    run_dir = a.run_dir or os.path.join("/work/varnet-data/runs", cfg["name"])
    os.makedirs(run_dir, exist_ok=True)
    device = device_of(a.device)
    torch.set_num_threads(cfg["threads"])
    torch.manual_seed(cfg["seed"])
    opt_cfg = cfg["optimiser"]
    workers = a.workers if a.workers is not None else cfg.get("workers", 0)

    model = VarNet(**cfg["model"]).to(device)
    optimiser = torch.optim.Adam(model.parameters(), lr=opt_cfg["lr"])
    ssim_loss = SSIMLoss().to(device)
    start, elapsed, cpu = 0, 0.0, 0.0
    ckpt_path = os.path.join(run_dir, "checkpoint.pt")
    if os.path.exists(ckpt_path):
        ckpt = torch.load(ckpt_path, map_location=device)
        model.load_state_dict(ckpt["model"])
        optimiser.load_state_dict(ckpt["optimiser"])
        start, elapsed, cpu = ckpt["iteration"], ckpt["elapsed_s"], ckpt["cpu_s"]
        print(f"resuming at iteration {start} ({elapsed / 60:.1f} min trained)", flush=True)
    loss_csv = os.path.join(run_dir, "loss.csv")
    val_csv = os.path.join(run_dir, "val.csv")
    truncate_log(loss_csv, start)
    truncate_log(val_csv, start + 1)

    if "dir" in cfg["data"]:
        samples, val_refs = real_data(cfg["data"]["dir"], cfg, run_dir)
        val_refs = val_refs[:cfg["data"].get("val_slices", len(val_refs))]
        quick = lambda: validate_real(model, val_refs[:cfg["validate_quick_slices"]])  # noqa: E731
    else:
        files = data.slice_files(cfg["data"]["train"])
        val_files = data.slice_files(cfg["data"]["val"])
        samples = PhantomSamples(files, cfg)
        quick = lambda: validate(model, val_files[:cfg["validate_quick_slices"]])  # noqa: E731
    total = opt_cfg["iterations"]
    # A run may end early (a time budget) on the schedule of `total` iterations: --stop-at or the config's stop_at
    stop = a.stop_at or opt_cfg.get("stop_at")
    end = min(stop, total) if stop else total
    if start == 0 and cfg.get("init_from_package"):
        # Fine-tuning a shipped model: its weights come from the package's ONNX graphs and manifest.
        package = os.path.join(os.path.dirname(os.path.abspath(a.config)), cfg["init_from_package"])
        load_package(model, package)
        model.to(device)
        print(f"initialised from the model package {package}", flush=True)
    elif start == 0 and cfg.get("init_from"):
        # A fine-tuning stage: starts from another run's final weights, with its own schedule and samples.
        init = os.path.join(os.path.dirname(run_dir), cfg["init_from"], "model.pt")
        if not os.path.exists(init):
            raise FileNotFoundError(f"{init} is missing: train the run '{cfg['init_from']}' first")
        model.load_state_dict(torch.load(init, map_location=device))
        print(f"initialised from {init}", flush=True)
    elif start == 0:
        t0, c0 = time.time(), time.process_time()
        sens_warm_start(model, samples, cfg, device)
        elapsed += time.time() - t0
        cpu += time.process_time() - c0
    rows = []
    # batch_size None: item `it` is iteration it's sample, in order, whatever the number of workers
    loader = torch.utils.data.DataLoader(samples, batch_size=None, sampler=range(start, end), num_workers=workers)
    skipped = []

    def step(s, masked, mask, acs_start, acs_end):
        """One optimiser step on one sample; (loss, 1 - SSIM, relative L1), or Nones without a step when the loss
        is not finite (the weights stay as they were)."""
        out = model(masked[None].to(device), mask.to(device), acs_start, acs_end)
        r0, c0_, h, w = (int(v) for v in s["window"])
        out = out[:, r0:r0 + h, c0_:c0_ + w]
        tgt = s["target"][None, None].to(device)
        data_range = tgt.max()
        ssim_term = ssim_loss(out[:, None], tgt, data_range)
        l1_term = (out[:, None] - tgt).abs().mean() / data_range
        loss = ssim_term + opt_cfg["l1_weight"] * l1_term
        loss_value = loss.item()  # waits for the device
        if not np.isfinite(loss_value):
            return None, None, None
        optimiser.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), opt_cfg["clip_grad_norm"])
        optimiser.step()
        return loss_value, 1 - ssim_term.item(), l1_term.item()

    t0, c0 = time.time(), time.process_time()
    for it, s in zip(range(start, end), loader):
        lr = learning_rate(it, opt_cfg)
        for group in optimiser.param_groups:
            group["lr"] = lr
        masked, mask, acs_start, acs_end = s["masked"], s["mask"], int(s["acs_start"]), int(s["acs_end"])
        if not float(s["target"].max()) > 0:
            # An empty target (a column crop of the background beside an outermost slice): SSIM and the L1 are
            # relative to its maximum, 0, so its loss is infinite and one step would make every weight NaN (v5's
            # first run, iteration 1174). Nothing to learn from it: skip the step, keep the iteration's place.
            skipped.append(it)
            print(f"it {it + 1}: empty target, step skipped", flush=True)
        else:
            loss_value, ssim_value, l1_value = step(s, masked, mask, acs_start, acs_end)
            if loss_value is None:
                skipped.append(it)
                print(f"it {it + 1}: non-finite loss, step skipped", flush=True)
        done = it + 1
        elapsed += time.time() - t0
        cpu += time.process_time() - c0
        t0, c0 = time.time(), time.process_time()
        if not skipped or skipped[-1] != it:
            accel = float(mask.numel() / mask.sum())
            rows.append([it, f"{elapsed:.1f}", f"{cpu:.1f}", f"{lr:.3g}", f"{loss_value:.5f}", f"{ssim_value:.5f}",
                         f"{l1_value:.5f}", masked.shape[1], masked.shape[2], masked.shape[0], f"{accel:.2f}"])
        if done % cfg["checkpoint_every"] == 0 or done == end:
            mean_loss = np.mean([float(r[4]) for r in rows])
            append_rows(loss_csv, ["iteration", "elapsed_s", "cpu_s", "lr", "loss", "ssim", "l1_rel", "rows", "cols",
                                   "coils", "effective_acceleration"], rows)
            rows = []
            if done % cfg["validate_every"] == 0 and done != end:
                m = quick()
                append_rows(val_csv, ["iteration", "ssim", "psnr", "nmse", "against"],
                            [[done, f"{m['ssim']:.4f}", f"{m['psnr']:.2f}", f"{m['nmse']:.5f}", m["against"]]])
            save_atomically({"model": model.state_dict(), "optimiser": optimiser.state_dict(),
                             "iteration": done, "elapsed_s": elapsed, "cpu_s": cpu}, ckpt_path)
            plot.loss_curve(run_dir)
            print(f"it {done}/{total}  {elapsed / 60:.1f} min ({cpu / 60:.1f} CPU min)  loss {mean_loss:.4f}", flush=True)
            t0, c0 = time.time(), time.process_time()  # checkpoints and validation are not training time

    if "dir" in cfg["data"]:
        final = validate_real(model, val_refs, with_zero_filled=True)
    else:
        final = validate(model, val_files, with_zero_filled=True)
        for name, folder in cfg["data"].get("val_extra", {}).items():
            final[name] = validate(model, data.slice_files(folder), with_zero_filled=True)
    final.update({"iterations": end, "schedule_iterations": total, "training_minutes": round(elapsed / 60, 1),
                  "training_cpu_minutes": round(cpu / 60, 1)})
    append_rows(val_csv, ["iteration", "ssim", "psnr", "nmse", "against"],
                [[end, f"{final['ssim']:.4f}", f"{final['psnr']:.2f}", f"{final['nmse']:.5f}", final["against"]]])
    torch.save({k: v.cpu() for k, v in model.state_dict().items()}, os.path.join(run_dir, "model.pt"))
    with open(os.path.join(run_dir, "validation.json"), "w") as f:
        json.dump(final, f, indent=2)
    plot.loss_curve(run_dir)
    print(json.dumps(final, indent=2), flush=True)


if __name__ == "__main__":
    main()
