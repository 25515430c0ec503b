"""Training samples from real-format files: fastMRI multicoil .h5 and ISMRMRD (MRD) .h5, read with h5py.

Every slice is brought into this project's layout, as the Java readers (recon.io) deliver it at inference:
- fastMRI: kspace [slices, coils, H, W] complex64, W the phase-encode axis fastMRI undersamples: transposed to
  [coils, W (rows), H (cols)]; the readout oversampling is kept (fastMRI's models are trained on it). Lines outside
  the header's encoding limits (fastMRI's padding_left/right) are zero padding and never sampled. The target is
  cropped to the header's reconSpace (x along H, y along W), as fastMRI crops.
- ISMRMRD: the acquisitions of encoding 0, one image per (contrast, phase, repetition, set, slice), lines placed at
  kspace_encode_step_1 - center + encodedY // 2, repeated lines averaged, noise and other non-imaging scans skipped,
  calibration-only lines where no imaging line is, ACQ_IS_REVERSE readouts flipped, readout oversampling removed
  (centred inverse FFT along the readout, centre crop to reconSpace x, FFT back: what the Java reader does). Images
  that are not fully sampled within the encoding limits cannot be training targets and are skipped.
- The target is the RSS of the fully sampled coil images (or the file's `truth` dataset [slices, H, W] in the
  kspace's orientation, where present: phantom-made files carry the noise-free object), cropped to the
  reconstruction size; the loss and the metrics see the crop only.

Masks are drawn on the fly per iteration from a generator seeded by (seed, iteration), so a resumed run repeats its
samples exactly, whatever the number of loader workers: the seed study's protocol (equispaced 4x, 18-22 ACS lines
per 320 encoded lines), fastMRI's RandomMaskFunc and EquispacedMaskFractionFunc (centre fractions and
accelerations, e.g. 0.08/4x and 0.04/8x); the sensitivity net's calibration block is the fully sampled centre.
"""
import glob
import os
import re
import xml.etree.ElementTree as ET
from typing import NamedTuple

import h5py
import numpy as np
import torch

import data

NOISE, CALIBRATION, CALIBRATION_AND_IMAGING, REVERSE = 19, 20, 21, 22  # ISMRMRD flag numbers (bit flag - 1)
NOT_IMAGING = (19, 23, 24, 26, 27, 28, 29, 30, 31)


def flag(flags, number):
    return (np.asarray(flags, np.uint64) >> np.uint64(number - 1)) & np.uint64(1) != 0


# ------------------------------------------------------------------------------------------------------------
# Header
# ------------------------------------------------------------------------------------------------------------

def _find(root, path):
    """Text of the first element at a slash path, ignoring XML namespaces; None if absent."""
    node = root
    for part in path.split("/"):
        node = next((c for c in node if c.tag.split("}")[-1] == part), None) if node is not None else None
    return None if node is None or node.text is None else node.text.strip()


def parse_header(xml):
    """The fields of an ISMRMRD XML header the loaders need (first encoding); ints or None."""
    if isinstance(xml, (bytes, np.bytes_)):
        xml = xml.decode()
    root = ET.fromstring(xml)
    enc = next((c for c in root if c.tag.split("}")[-1] == "encoding"), None)

    def number(path):
        v = _find(enc, path) if enc is not None else None
        return int(float(v)) if v is not None else None

    return {"encoded_x": number("encodedSpace/matrixSize/x"), "encoded_y": number("encodedSpace/matrixSize/y"),
            "recon_x": number("reconSpace/matrixSize/x"), "recon_y": number("reconSpace/matrixSize/y"),
            "step1_min": number("encodingLimits/kspace_encoding_step_1/minimum"),
            "step1_max": number("encodingLimits/kspace_encoding_step_1/maximum"),
            "step1_center": number("encodingLimits/kspace_encoding_step_1/center")}


def encoded_range(header, lines):
    """fastMRI's padding: [encodedY // 2 - center, that + maximum + 1), the whole matrix when unknown or invalid."""
    if None in (header.get("encoded_y"), header.get("step1_center"), header.get("step1_max")):
        return 0, lines
    left = header["encoded_y"] // 2 - header["step1_center"]
    right = left + header["step1_max"] + 1
    return (left, right) if 0 <= left < right <= lines else (0, lines)


def crop_size(header, rows, cols):
    """Reconstruction size in our orientation (rows = phase-encode <- recon y, cols = readout <- recon x), within the
    matrix; squared to the rows when the matrix is narrower than recon y (fastMRI's FLAIR 203 rule)."""
    ry, rx = header.get("recon_y") or rows, header.get("recon_x") or cols
    if rows < ry:
        ry = rx = rows
    return min(ry, rows), min(rx, cols)


# ------------------------------------------------------------------------------------------------------------
# Index: one entry per 2-D image of every file
# ------------------------------------------------------------------------------------------------------------

class SliceRef(NamedTuple):
    path: str
    kind: str           # "fastmri" or "ismrmrd"
    index: int          # slice (fastMRI) or image number (ISMRMRD)
    rows: int           # phase-encode lines
    cols: int           # readout samples as trained on
    coils: int
    encoded: tuple      # [start, end) of the lines the scan encodes
    crop: tuple         # (rows, cols) of the reconstruction / target crop
    acquisitions: tuple = ()   # ISMRMRD: acquisition indices of this image


def h5_files(folder):
    files = sorted(set(glob.glob(os.path.join(folder, "**", "*.h5"), recursive=True)
                       + glob.glob(os.path.join(folder, "**", "*.hdf5"), recursive=True)))
    if not files:
        raise FileNotFoundError(f"no .h5 files under {folder}")
    return files


def index_files(folder):
    """(slice references, notes) for every usable image under folder."""
    refs, notes = [], []
    for path in h5_files(folder):
        with h5py.File(path, "r") as f:
            if "kspace" in f:
                refs += _index_fastmri(path, f, notes)
            elif "dataset" in f and "data" in f["dataset"]:
                refs += _index_ismrmrd(path, f, notes)
            else:
                notes.append(f"{path}: neither fastMRI (kspace) nor ISMRMRD (dataset/data): skipped")
    if not refs:
        raise ValueError(f"no usable multi-coil slices under {folder}: " + "; ".join(notes[:5]))
    return refs, notes


def _index_fastmri(path, f, notes):
    k = f["kspace"]
    if k.ndim != 4:
        notes.append(f"{path}: kspace {k.shape} is not multicoil [slices, coils, H, W]: skipped")
        return []
    slices, coils, h, w = k.shape
    header = parse_header(f["ismrmrd_header"][()]) if "ismrmrd_header" in f else {}
    enc = encoded_range(header, w)
    crop = crop_size(header, w, h)
    return [SliceRef(path, "fastmri", s, w, h, coils, enc, crop) for s in range(slices)]


def _ismrmrd_table(f):
    heads = f["dataset/data"].fields("head")[()]
    return heads, parse_header(f["dataset/xml"][0])


def _index_ismrmrd(path, f, notes):
    heads, header = _ismrmrd_table(f)
    nx, ny = header["encoded_x"], header["encoded_y"]
    centre = header["step1_center"] if header["step1_center"] is not None else ny // 2
    flags = heads["flags"]
    skip = np.zeros(len(heads), bool)
    for number in NOT_IMAGING:
        skip |= flag(flags, number)
    skip |= heads["encoding_space_ref"] != 0
    idx = heads["idx"]
    keys = np.stack([idx["contrast"], idx["phase"], idx["repetition"], idx["set"], idx["slice"]], axis=1)
    rows = idx["kspace_encode_step_1"].astype(int) - centre + ny // 2
    if np.any(((rows < 0) | (rows >= ny)) & ~skip):
        raise ValueError(f"{path}: kspace_encode_step_1 outside the {ny} encoded lines")
    lo = max(0, (header["step1_min"] or 0) - centre + ny // 2)
    hi = min(ny, (header["step1_max"] if header["step1_max"] is not None else ny - 1) - centre + ny // 2 + 1)
    out_x = header["recon_x"] if header["recon_x"] and header["recon_x"] < nx else nx
    crop = crop_size(header, ny, out_x)
    coils = int(heads["active_channels"][~skip][0]) if (~skip).any() else 0
    refs = []
    image = 0
    for key in sorted({tuple(k) for k in keys[~skip]}):
        members = np.nonzero(~skip & np.all(keys == key, axis=1))[0]
        if not np.all(np.isin(np.arange(lo, hi), rows[members])):
            notes.append(f"{path}: image {key} (contrast, phase, repetition, set, slice) is not fully sampled "
                         f"within lines [{lo}, {hi}): no target, skipped")
            continue
        refs.append(SliceRef(path, "ismrmrd", image, ny, out_x, coils, (lo, hi), crop, tuple(int(i) for i in members)))
        image += 1
    if skip.any():
        notes.append(f"{path}: {int(skip.sum())} noise / non-imaging / other-encoding acquisitions skipped")
    return refs


# ------------------------------------------------------------------------------------------------------------
# Loading one slice
# ------------------------------------------------------------------------------------------------------------

def centred_fft1(x, inverse=False):
    x = np.fft.ifftshift(x, axes=-1)
    x = np.fft.ifft(x, axis=-1, norm="ortho") if inverse else np.fft.fft(x, axis=-1, norm="ortho")
    return np.fft.fftshift(x, axes=-1)


def load_slice(ref):
    """(k-space complex64 [coils, rows, cols] in our layout, truth float32 [rows, cols] or None)."""
    with h5py.File(ref.path, "r") as f:
        if ref.kind == "fastmri":
            k = f["kspace"][ref.index]
            truth = f["truth"][ref.index].T if "truth" in f else None
            return np.ascontiguousarray(k.transpose(0, 2, 1)).astype(np.complex64), \
                None if truth is None else np.ascontiguousarray(truth).astype(np.float32)
        table = f["dataset/data"][list(ref.acquisitions)]
        header = parse_header(f["dataset/xml"][0])
    nx, ny = header["encoded_x"], header["encoded_y"]
    centre = header["step1_center"] if header["step1_center"] is not None else ny // 2
    k = np.zeros((ref.coils, ny, nx), np.complex128)
    count = np.zeros(ny)
    calib = np.zeros((ref.coils, ny, nx), np.complex128)
    calib_count = np.zeros(ny)
    for head, samples in zip(table["head"], table["data"]):
        line = samples.view(np.complex64).reshape(ref.coils, head["number_of_samples"])
        if flag(head["flags"], REVERSE):
            line = line[:, ::-1]
        row = int(head["idx"]["kspace_encode_step_1"]) - centre + ny // 2
        if flag(head["flags"], CALIBRATION) and not flag(head["flags"], CALIBRATION_AND_IMAGING):
            calib[:, row] += line
            calib_count[row] += 1
        else:
            k[:, row] += line
            count[row] += 1
    fill = (count == 0) & (calib_count > 0)
    k[:, fill] = calib[:, fill]
    count[fill] = calib_count[fill]
    k[:, count > 0] /= count[count > 0][None, :, None]
    if ref.cols < nx:
        start = (nx - ref.cols) // 2
        k = centred_fft1(centred_fft1(k, inverse=True)[..., start:start + ref.cols])
    return k.astype(np.complex64), None


def centre_window(rows, cols, crop):
    """(row0, col0, rows, cols) of fastMRI's centre crop."""
    return (rows - crop[0]) // 2, (cols - crop[1]) // 2, crop[0], crop[1]


def target_image(kspace, truth, crop):
    """The crop of the truth or of the RSS of the fully sampled coil images."""
    image = truth if truth is not None else data.rss(data.ifft2c(kspace)).astype(np.float32)
    r0, c0, h, w = centre_window(image.shape[0], image.shape[1], crop)
    return np.ascontiguousarray(image[r0:r0 + h, c0:c0 + w])


# ------------------------------------------------------------------------------------------------------------
# Masks (along the rows; lines outside the encoded range are never sampled)
# ------------------------------------------------------------------------------------------------------------

def centre_block(rows, count):
    """fastMRI's centre block of `count` lines: [(rows - count + 1) // 2, + count)."""
    start = (rows - count + 1) // 2
    return start, start + count


def fastmri_random_mask(rows, centre_fraction, acceleration, rng):
    """fastMRI's RandomMaskFunc: round(rows * fraction) centre lines, every other line with the probability that
    gives rows / R lines on average."""
    low = round(rows * centre_fraction)
    start, end = centre_block(rows, low)
    prob = (rows / acceleration - low) / (rows - low)
    mask = (rng.random(rows) < prob).astype(np.float32)
    mask[start:end] = 1
    return mask, start, end


def fastmri_equispaced_mask(rows, centre_fraction, acceleration, rng, offset=None):
    """fastMRI's EquispacedMaskFractionFunc: centre lines, then lines at a spacing adjusted so that the total is
    rows / R, from a random offset, rounded to the nearest line."""
    low = round(rows * centre_fraction)
    start, end = centre_block(rows, low)
    adjusted = acceleration * (low - rows) / (low * acceleration - rows)
    if offset is None:
        offset = int(rng.integers(0, round(adjusted)))
    mask = np.zeros(rows, np.float32)
    mask[np.around(np.arange(offset, rows - 1, adjusted)).astype(int)] = 1
    mask[start:end] = 1
    return mask, start, end


def protocol_mask(rows, encoded, rng):
    """The seed's protocol: equispaced 4x on the grid of data.equispaced_mask, 18-22 ACS lines per 320 encoded."""
    acs = max(int(round(rng.uniform(18, 22) * (encoded[1] - encoded[0]) / 320)), 2)
    return data.equispaced_mask(rows, 4, acs)


def draw_mask(rows, encoded, rng, cfg):
    """One mask from the configured mix: cfg = {"protocol": p, "fastmri_random": p, "fastmri_equispaced": p,
    "center_fractions": [...], "accelerations": [...]} (weights normalised; fraction i goes with acceleration i)."""
    kinds = ["protocol", "fastmri_random", "fastmri_equispaced"]
    weights = np.array([cfg.get(k, 0.0) for k in kinds], float)
    kind = kinds[int(rng.choice(3, p=weights / weights.sum()))]
    if kind == "protocol":
        mask, start, end = protocol_mask(rows, encoded, rng)
    else:
        i = int(rng.integers(len(cfg["center_fractions"])))
        make = fastmri_random_mask if kind == "fastmri_random" else fastmri_equispaced_mask
        mask, start, end = make(rows, cfg["center_fractions"][i], cfg["accelerations"][i], rng)
    mask[:encoded[0]] = 0
    mask[encoded[1]:] = 0
    return mask, max(start, encoded[0]), min(end, encoded[1]), kind


# ------------------------------------------------------------------------------------------------------------
# Splits and datasets
# ------------------------------------------------------------------------------------------------------------

def split_by_file(refs, val_fraction, seed):
    """Train and validation slices with no file in both: a seeded permutation of the files, the first
    ceil(fraction * files) (at least one, if there are two files or more) for validation."""
    files = sorted({r.path for r in refs})
    n_val = 0 if val_fraction <= 0 or len(files) < 2 else max(1, int(np.ceil(val_fraction * len(files))))
    order = np.random.default_rng([seed, 7]).permutation(len(files))
    val_files = {files[i] for i in order[:n_val]}
    return [r for r in refs if r.path not in val_files], [r for r in refs if r.path in val_files]


class TrainingSamples(torch.utils.data.Dataset):
    """Item `it` is the training sample of iteration `it`: a function of (seed, it) only (an epoch is a seeded
    permutation of the slices), so any worker computes it and a resumed run repeats it."""

    def __init__(self, refs, cfg):
        self.refs = refs
        self.seed = cfg["seed"]
        self.masks = cfg["masks"]

    def __len__(self):
        return 1 << 62

    def __getitem__(self, it):
        epoch, pos = divmod(it, len(self.refs))
        order = np.random.default_rng([self.seed, 1_000_000 + epoch]).permutation(len(self.refs))
        ref = self.refs[order[pos]]
        rng = np.random.default_rng([self.seed, it])
        kspace, truth = load_slice(ref)
        target = target_image(kspace, truth, ref.crop)
        mask, acs_start, acs_end, kind = draw_mask(ref.rows, ref.encoded, rng, self.masks)
        masked = (kspace * mask[None, :, None]).astype(np.complex64)
        return {"masked": masked, "mask": mask, "acs_start": acs_start, "acs_end": acs_end, "target": target,
                "window": centre_window(ref.rows, ref.cols, ref.crop), "kind": kind}


def validation_input(ref, kspace):
    """The fixed validation protocol: equispaced 4x with 20 ACS lines per 320 encoded lines (offset 0)."""
    encoded = ref.encoded
    acs = max(int(round(20 * (encoded[1] - encoded[0]) / 320)), 2)
    mask, start, end = data.equispaced_mask(ref.rows, 4, acs)
    mask[:encoded[0]] = 0
    mask[encoded[1]:] = 0
    return (kspace * mask[None, :, None]).astype(np.complex64), mask, start, end
