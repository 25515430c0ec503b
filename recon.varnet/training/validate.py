"""Validation on held-out phantom slices at the evaluation protocol: 320 x 320, equispaced 4x, 20 ACS lines.

Metrics as fastMRI's evaluate.py, per slice with data_range = the slice's yardstick maximum: SSIM (scikit-image,
7x7 window), PSNR and NMSE. The yardstick is the phantom's noise-free object magnitude (`truth`) where the slices
carry it, else the RSS of the fully sampled (noisy) k-space; the other one is reported beside it when both exist.
"""
import numpy as np
import torch
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

import data
import realdata

ACCELERATION = 4
ACS_LINES = 20


def metrics(reference, image):
    r = float(reference.max())
    return {"ssim": structural_similarity(reference, image, data_range=r),
            "psnr": peak_signal_noise_ratio(reference, image, data_range=r),
            "nmse": float(np.sum((reference - image) ** 2) / np.sum(reference ** 2))}


def mean(per_slice):
    return {k: float(np.mean([m[k] for m in per_slice])) for k in per_slice[0]}


def protocol_input(kspace):
    mask, acs_start, acs_end = data.equispaced_mask(kspace.shape[1], ACCELERATION, ACS_LINES)
    return kspace * mask[None, :, None], mask, acs_start, acs_end


def run(model, masked, mask, acs_start, acs_end):
    """The model's image [rows, cols] as numpy, on the model's device."""
    device = next(model.parameters()).device
    out = model(torch.from_numpy(masked)[None].to(device), torch.from_numpy(mask).to(device), acs_start, acs_end)
    return out[0].cpu().numpy()


@torch.no_grad()
def validate_real(model, refs, with_zero_filled=False):
    """Validation on real-format slices (realdata.SliceRef): equispaced 4x with 20 ACS lines per 320 encoded lines
    (realdata.validation_input), metrics on the reconstruction-size crop against the file's truth where every slice
    has one, else against the RSS of the fully sampled coil images."""
    model.eval()
    varnet, zero_filled = [], []
    loaded = [(ref,) + realdata.load_slice(ref) for ref in refs]
    against = "truth" if loaded and all(t is not None for _, _, t in loaded) else "rss"
    for ref, kspace, truth in loaded:
        yardstick = realdata.target_image(kspace, truth if against == "truth" else None, ref.crop)
        masked, mask, acs_start, acs_end = realdata.validation_input(ref, kspace)
        r0, c0, h, w = realdata.centre_window(ref.rows, ref.cols, ref.crop)
        out = run(model, masked, mask, acs_start, acs_end)[r0:r0 + h, c0:c0 + w]
        varnet.append(metrics(yardstick, np.ascontiguousarray(out)))
        zf = data.rss(data.ifft2c(masked)).astype(np.float32)[r0:r0 + h, c0:c0 + w]
        zero_filled.append(metrics(yardstick, np.ascontiguousarray(zf)))
    model.train()
    result = mean(varnet)
    result["against"] = against
    result["slices"] = len(refs)
    result["protocol"] = "equispaced R=4, 20 ACS lines per 320 encoded lines, reconstruction-size crop"
    if with_zero_filled:
        result["zero_filled"] = mean(zero_filled)
    return result


@torch.no_grad()
def validate(model, files, with_zero_filled=False):
    model.eval()
    varnet, zero_filled, varnet_rss = [], [], []
    truths = [data.load_truth(p) for p in files]
    against = "truth" if all(t is not None for t in truths) else "rss"
    for path, truth in zip(files, truths):
        kspace = data.load_kspace(path)
        reference = data.rss(data.ifft2c(kspace)).astype(np.float32)
        yardstick = truth if against == "truth" else reference
        masked, mask, acs_start, acs_end = protocol_input(kspace)
        out = run(model, masked, mask, acs_start, acs_end)
        varnet.append(metrics(yardstick, out))
        varnet_rss.append(metrics(reference, out))
        zero_filled.append(metrics(yardstick, data.rss(data.ifft2c(masked)).astype(np.float32)))
    model.train()
    result = mean(varnet)
    result["against"] = against
    result["slices"] = len(files)
    result["protocol"] = f"equispaced R={ACCELERATION}, {ACS_LINES} ACS lines, 320x320"
    if against == "truth":
        result["against_noisy_rss"] = mean(varnet_rss)
    if with_zero_filled:
        result["zero_filled"] = mean(zero_filled)
    return result
