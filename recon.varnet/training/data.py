"""Training samples: phantom slices turned into varied, physically consistent undersampled acquisitions.

Every augmentation acts on the fully sampled coil images. The target is either the RSS of the augmented coil images
(input and target describe the same noisy acquisition, as in fastMRI) or, where the slice carries the phantom's
noise-free object magnitude (`truth`), that truth under the same geometric and intensity augmentations: a network
trained against it learns to denoise as well as to unalias, instead of learning to paint the noise floor. Everything
random is drawn from a numpy Generator the caller seeds per iteration, so a resumed run sees exactly the same
samples.
"""
import glob
import os

import numpy as np
from scipy import ndimage


def fft2c(x):
    """Centred orthonormal 2-D FFT over the last two axes (Java's Fft2c, fastMRI's fft2c)."""
    return np.fft.fftshift(np.fft.fft2(np.fft.ifftshift(x, axes=(-2, -1)), norm="ortho"), axes=(-2, -1))


def ifft2c(x):
    return np.fft.fftshift(np.fft.ifft2(np.fft.ifftshift(x, axes=(-2, -1)), norm="ortho"), axes=(-2, -1))


def rss(images):
    return np.sqrt((np.abs(images) ** 2).sum(axis=0))


def slice_files(folders):
    """The .npz slices of one folder or of a list of folders (a training set made of several generated sets); an entry
    ending in .npz is a glob pattern, e.g. one contrast of a set ("train/*_PD_[0-9]*.npz")."""
    files = []
    for folder in [folders] if isinstance(folders, str) else folders:
        found = sorted(glob.glob(folder if folder.endswith(".npz") else os.path.join(folder, "*.npz")))
        if not found:
            raise FileNotFoundError(f"no .npz slices in {folder}: run prepare_data.py first")
        files += found
    return files


def load_kspace(path):
    with np.load(path) as d:
        return d["kspace"].astype(np.complex64)


def load_truth(path):
    """The noise-free object magnitude of a phantom slice, or None for data that has none."""
    with np.load(path) as d:
        return d["truth"].astype(np.float32) if "truth" in d.files else None


def equispaced_mask(rows, acceleration, acs, offset=None):
    """Lines with (ky - rows//2) % R == offset (0: Java's Masks.equispaced grid) plus the centred ACS block."""
    centre = rows // 2
    offset = 0 if offset is None else offset
    mask = ((np.arange(rows) - centre - offset) % acceleration == 0).astype(np.float32)
    start = centre - acs // 2
    mask[start:start + acs] = 1
    return mask, start, start + acs


def random_mask(rows, acceleration, acs, rng):
    """fastMRI's RandomMaskFunc: ACS block plus each other line with the probability giving rows/R lines."""
    prob = max(rows / acceleration - acs, 0) / (rows - acs)
    mask = (rng.random(rows) < prob).astype(np.float32)
    start = rows // 2 - acs // 2
    mask[start:start + acs] = 1
    return mask, start, start + acs


def draw_mask(rows, rng, cfg):
    """The seed's 4x protocol most of the time, else another acceleration and mask type.

    ACS counts scale with the number of rows so that the calibration region covers the same part of k-space as
    18-22 of 320 lines (the evaluation protocol) whatever the crop height.
    """
    if rng.random() < cfg["protocol_fraction"]:
        acs = max(int(round(rng.uniform(18, 22) * rows / 320)), cfg["min_acs"])
        return equispaced_mask(rows, 4, acs)
    accel = int(rng.integers(2, 7))
    acs = max(int(round(rng.uniform(0.04, 0.10) * rows)), cfg["min_acs"])
    if rng.random() < 0.5:
        offset = int(rng.integers(accel)) if rng.random() < 0.5 else 0
        return equispaced_mask(rows, accel, acs, offset)
    return random_mask(rows, accel, acs, rng)


def affine(images, rng, cfg, truth=None):
    """Small rotation and anisotropic scaling about the centre, bilinear, per coil (real and imaginary parts); the
    truth image, if given, moves with them. Returns (images, truth)."""
    angle = np.deg2rad(rng.uniform(-cfg["max_rotation_deg"], cfg["max_rotation_deg"]))
    scale = np.exp(rng.uniform(-np.log(cfg["max_scale"]), np.log(cfg["max_scale"]), size=2))
    c, s = np.cos(angle), np.sin(angle)
    matrix = np.array([[c, -s], [s, c]]) @ np.diag(1 / scale)
    centre = (np.array(images.shape[1:]) - 1) / 2
    offset = centre - matrix @ centre
    out = np.empty_like(images)
    for i, img in enumerate(images):
        re = ndimage.affine_transform(img.real, matrix, offset, order=1)
        im = ndimage.affine_transform(img.imag, matrix, offset, order=1)
        out[i] = re + 1j * im
    if truth is not None:
        truth = ndimage.affine_transform(truth, matrix, offset, order=1)
    return out, truth


def smooth_phase(images, rng):
    """A common, smooth (quadratic) background phase, as B0 and RF phase add to real data."""
    h, w = images.shape[1:]
    y, x = np.meshgrid(np.linspace(-1, 1, h), np.linspace(-1, 1, w), indexing="ij")
    a = rng.uniform(-np.pi, np.pi)
    b, c, d, e = rng.uniform(-1.5, 1.5, size=4)
    return images * np.exp(1j * (a + b * y + c * x + d * y * y + e * x * x)).astype(np.complex64)


def noise_sigma(kspace):
    """Noise level per real component from the 16 x 16 corners of the acquired k-space, where only noise is left.

    Measured before cropping: a crop's k-space has truncation edges that would inflate the estimate, while the
    orthonormal FFT leaves the per-pixel noise level of a crop unchanged.
    """
    corners = np.concatenate([kspace[:, r, c].ravel() for r in (slice(0, 16), slice(-16, None))
                              for c in (slice(0, 16), slice(-16, None))])
    return np.sqrt(np.mean(np.abs(corners) ** 2) / 2)


def augmented_sample(kspace, rng, cfg, truth=None):
    """Fully sampled k-space [C, h, w] and its target after the configured random augmentations: the RSS of the
    augmented coil images, or, when `truth` [h, w] is given, the truth moved, cropped and scaled alike.

    Only the readout (columns) is cropped: it is fully sampled, so a narrower readout window is an exact smaller
    acquisition. The phase-encode field of view stays whole, as acquired: air at both ends and the undersampling
    running across the coil array, which is what lets the coils unfold it.
    """
    sigma = noise_sigma(kspace)
    images = ifft2c(kspace)
    if rng.random() < 0.5:
        images = images[:, ::-1, :]
        truth = None if truth is None else truth[::-1, :]
    if rng.random() < 0.5:
        images = images[:, :, ::-1]
        truth = None if truth is None else truth[:, ::-1]
    if rng.random() < cfg["p_affine"]:
        images, truth = affine(np.ascontiguousarray(images), rng, cfg,
                               None if truth is None else np.ascontiguousarray(truth))
    cols = images.shape[2]
    w = min(cols, 2 * int(rng.integers(cfg["crop_cols"][0] // 2, cfg["crop_cols"][1] // 2 + 1)))
    left = int(rng.integers(0, cols - w + 1))
    images = np.ascontiguousarray(images[:, :, left:left + w])
    if truth is not None:
        truth = np.ascontiguousarray(truth[:, left:left + w])
    if rng.random() < cfg["p_phase"]:
        images = smooth_phase(images, rng)
    kspace = fft2c(images)
    if rng.random() < cfg["p_noise"]:
        extra = sigma * rng.uniform(*cfg["extra_noise"])
        kspace = kspace + extra * (rng.standard_normal(kspace.shape) + 1j * rng.standard_normal(kspace.shape))
    gain = np.exp(rng.uniform(*np.log(cfg["intensity_scale"])))
    kspace = (kspace * gain).astype(np.complex64)
    if truth is not None:
        return kspace, (truth * gain).astype(np.float32)
    return kspace, rss(ifft2c(kspace)).astype(np.float32)
