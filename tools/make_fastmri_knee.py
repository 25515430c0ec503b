#!/usr/bin/python3
"""Writes fastMRI-layout HDF5 files from the project's phantom, exactly as fastMRI's multicoil knee files are laid out.

Input: the .npz slices of the launcher's phantom command, consecutive slices of one knee, for example

    java -jar launcher/target/launcher.jar phantom --matrix 320 --phase-encodes 352 --coils 15 --count 3 \\
        --consecutive --seed 42 -o phantom
    tools/make_fastmri_knee.py phantom -o knee

Each .npz holds kspace [coils, phase-encodes, readout] (this project's layout: rows along phase-encode, DC at
(ny/2, nx/2)). The script builds what a scanner export and fastMRI's conversion give:

- readout oversampled 2x: the coil images are zero-padded along the readout to twice the width (640), and the
  complex Gaussian noise that a real oversampled readout holds there is added, its sigma estimated from the outer
  k-space of each coil (none for noise-free phantoms);
- phase-encode k-space zero-padded (352 encoded lines to 368: lines 0-7 and 360-367 are never acquired), as the
  header's encoding limits say (kspace_encoding_step_1 center 176, maximum 351: fastMRI's padding_left =
  368 // 2 - 176 = 8, padding_right = 8 + 351 + 1 = 360);
- kspace [slices, coils, H=640 (readout), W=368 (phase-encode)] complex64: fastMRI's axes, the transpose of ours;
- ismrmrd_header: encodedSpace 640 x 368, reconSpace 320 x 320, the encoding limits, TR, echo-train length,
  protocol name;
- reconstruction_rss [slices, 320, 320] float32 as fastMRI computed it: the root-sum-of-squares of ifft2c of the
  full k-space, centre-cropped to reconSpace (fastMRI's center_crop);
- attributes max, norm (of reconstruction_rss), acquisition, patient_id;
- unless --no-test-set, the test-set variants (k-space multiplied by fastMRI's equispaced mask, 4x with 8 % centre
  lines by default (EquispacedMaskFractionFunc; --regular-mask: every 4th line, EquispacedMaskFunc), the mask saved
  as bool (an HDF5 enum, as h5py stores numpy.bool_), as uint8 and as float32,
  attributes acceleration and num_low_frequency, no reconstruction_rss);
- with --truth-from DIR: a `truth` dataset laid out like reconstruction_rss, from the noise-free phantom of the same
  seed (phantom --snr inf) pushed through the same steps.

The files are written with h5py, uncompressed and contiguous as fastMRI's are. The 15-coil knee file is about 85 MB
and is not committed; recon.io's fixtures hold small files made by the same functions (make_fixtures.py).
"""
import argparse
import glob
import os
import sys

import h5py
import numpy as np


def fft2c(x):
    return np.fft.fftshift(np.fft.fft2(np.fft.ifftshift(x, axes=(-2, -1)), norm="ortho"), axes=(-2, -1))


def ifft2c(k):
    return np.fft.fftshift(np.fft.ifft2(np.fft.ifftshift(k, axes=(-2, -1)), norm="ortho"), axes=(-2, -1))


def center_crop(x, shape):
    """fastMRI's center_crop: start at (n - m) // 2 along the last two axes."""
    h0 = (x.shape[-2] - shape[0]) // 2
    w0 = (x.shape[-1] - shape[1]) // 2
    return x[..., h0:h0 + shape[0], w0:w0 + shape[1]]


def header(encoded, recon, limits, channels, fov_encoded, fov_recon, tr=2750.0, te=27.0, etl=4, slices=1,
           protocol="CORPD_FBK", field_t=3.0):
    """An ISMRMRD XML header as fastMRI's files carry it.

    encoded, recon: matrix (x, y); limits: kspace_encoding_step_1 (minimum, maximum, center); fov_*: (x, y, z) mm.
    """
    return f"""<?xml version="1.0" encoding="utf-8"?>
<ismrmrdHeader xmlns="http://www.ismrm.org/ISMRMRD" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <studyInformation><studyTime>00:00:00</studyTime></studyInformation>
  <measurementInformation><measurementID>phantom</measurementID><patientPosition>FFS</patientPosition>
    <protocolName>{protocol}</protocolName></measurementInformation>
  <acquisitionSystemInformation><systemVendor>SIEMENS</systemVendor><systemFieldStrength_T>{field_t}</systemFieldStrength_T>
    <receiverChannels>{channels}</receiverChannels></acquisitionSystemInformation>
  <experimentalConditions><H1resonanceFrequency_Hz>123251815</H1resonanceFrequency_Hz></experimentalConditions>
  <encoding>
    <encodedSpace><matrixSize><x>{encoded[0]}</x><y>{encoded[1]}</y><z>1</z></matrixSize>
      <fieldOfView_mm><x>{fov_encoded[0]}</x><y>{fov_encoded[1]}</y><z>{fov_encoded[2]}</z></fieldOfView_mm></encodedSpace>
    <reconSpace><matrixSize><x>{recon[0]}</x><y>{recon[1]}</y><z>1</z></matrixSize>
      <fieldOfView_mm><x>{fov_recon[0]}</x><y>{fov_recon[1]}</y><z>{fov_recon[2]}</z></fieldOfView_mm></reconSpace>
    <trajectory>cartesian</trajectory>
    <encodingLimits>
      <kspace_encoding_step_1><minimum>{limits[0]}</minimum><maximum>{limits[1]}</maximum><center>{limits[2]}</center></kspace_encoding_step_1>
      <kspace_encoding_step_2><minimum>0</minimum><maximum>0</maximum><center>0</center></kspace_encoding_step_2>
      <average><minimum>0</minimum><maximum>0</maximum><center>0</center></average>
      <slice><minimum>0</minimum><maximum>{slices - 1}</maximum><center>0</center></slice>
      <contrast><minimum>0</minimum><maximum>0</maximum><center>0</center></contrast>
      <phase><minimum>0</minimum><maximum>0</maximum><center>0</center></phase>
      <repetition><minimum>0</minimum><maximum>0</maximum><center>0</center></repetition>
      <set><minimum>0</minimum><maximum>0</maximum><center>0</center></set>
      <segment><minimum>0</minimum><maximum>0</maximum><center>0</center></segment>
    </encodingLimits>
    <parallelImaging><accelerationFactor><kspace_encoding_step_1>1</kspace_encoding_step_1>
      <kspace_encoding_step_2>1</kspace_encoding_step_2></accelerationFactor>
      <calibrationMode>other</calibrationMode></parallelImaging>
    <echoTrainLength>{etl}</echoTrainLength>
  </encoding>
  <sequenceParameters><TR>{tr}</TR><TE>{te}</TE><TI>100</TI><flipAngle_deg>180</flipAngle_deg></sequenceParameters>
</ismrmrdHeader>"""


def noise_sigma(k):
    """Per-coil noise sigma (of re and im) from the outer eighth of k-space along both axes, where noise dominates."""
    ny, nx = k.shape[-2:]
    outer = np.concatenate([k[..., : ny // 16, : nx // 16], k[..., : ny // 16, -(nx // 16):],
                            k[..., -(ny // 16):, : nx // 16], k[..., -(ny // 16):, -(nx // 16):]], axis=-1)
    return np.sqrt((np.abs(outer) ** 2).mean(axis=(-2, -1)) / 2)


def to_fastmri(kspace, padding, oversampling, rng, noise=True):
    """Our k-space [slices, coils, ny, nx] to fastMRI's [slices, coils, oversampling * nx, ny + left + right]."""
    slices, coils, ny, nx = kspace.shape
    left, right = padding
    wide = oversampling * nx
    images = ifft2c(kspace.astype(np.complex128))
    padded = np.zeros((slices, coils, ny, wide), np.complex128)
    x0 = (wide - nx) // 2
    padded[..., x0:x0 + nx] = images
    if noise:
        sigma = noise_sigma(kspace)  # [slices, coils]; orthonormal FFTs keep sigma per sample
        margin = np.ones(wide, bool)
        margin[x0:x0 + nx] = False
        shape = (slices, coils, ny, int(margin.sum()))
        padded[..., margin] = sigma[..., None, None] * (rng.standard_normal(shape) + 1j * rng.standard_normal(shape))
    k = fft2c(padded)  # [slices, coils, ny, wide]
    k = np.pad(k, ((0, 0), (0, 0), (left, right), (0, 0)))  # zero padding along phase-encode
    return np.ascontiguousarray(np.swapaxes(k, -1, -2)).astype(np.complex64)  # fastMRI: [.., H readout, W pe]


def reconstruction_rss(kspace, crop):
    """fastMRI's target: rss of the coil images of the full k-space, centre-cropped."""
    images = ifft2c(kspace.astype(np.complex128))
    return center_crop(np.sqrt((np.abs(images) ** 2).sum(axis=1)), crop).astype(np.float32)


def equispaced_mask(num_cols, acceleration, center_fraction, offset, fraction=True):
    """fastMRI's equispaced masks for one volume: the centre block plus equispaced lines.

    fraction=True: EquispacedMaskFractionFunc, spaced (a non-integer spacing, rounded) so that the whole mask keeps
    about num_cols / acceleration lines; fraction=False: EquispacedMaskFunc, every acceleration-th line from the
    offset (the regular grid that GRAPPA needs)."""
    num_low = int(round(num_cols * center_fraction))
    mask = np.zeros(num_cols, dtype=bool)
    pad = (num_cols - num_low + 1) // 2
    mask[pad:pad + num_low] = True
    if fraction:
        adjusted = (acceleration * (num_low - num_cols)) / (num_low * acceleration - num_cols)
        samples = np.around(np.arange(offset, num_cols - 1, adjusted)).astype(np.uint)
    else:
        samples = np.arange(offset, num_cols, acceleration)
    mask[samples] = True
    return mask, num_low


def write(path, kspace, xml, attrs, rss=None, mask=None, truth=None):
    with h5py.File(path, "w") as f:
        f.create_dataset("kspace", data=kspace)
        f.create_dataset("ismrmrd_header", data=xml.encode())
        if rss is not None:
            f.create_dataset("reconstruction_rss", data=rss)
        if truth is not None:
            f.create_dataset("truth", data=truth)
        if mask is not None:
            f.create_dataset("mask", data=mask)
        for key, value in attrs.items():
            f.attrs[key] = value


def make(kspace, out_prefix, padding=(8, 8), oversampling=2, recon=(320, 320), fov_mm=160.0, thickness_mm=3.0,
         protocol="CORPD_FBK", patient_id="phantom-knee-0042", test_set=True, acceleration=4,
         center_fraction=0.08, offset=None, truth_kspace=None, seed=42, tr=2750.0, etl=4, fraction_mask=True):
    """Writes OUT_PREFIX.h5 (fully sampled) and, with test_set, OUT_PREFIX_test_{bool,uint8,float32}.h5.

    kspace: [slices, coils, ny, nx] in this project's layout; truth_kspace: the noise-free k-space of the same
    slices, or None. Returns the paths written.
    """
    rng = np.random.default_rng(seed)
    slices, coils, ny, nx = kspace.shape
    left, right = padding
    width = ny + left + right
    k = to_fastmri(kspace, padding, oversampling, rng)
    center = ny // 2  # fastMRI: padding_left = width // 2 - center
    assert width // 2 - center == left, "padding must be symmetric enough for fastMRI's padding_left formula"
    xml = header((oversampling * nx, width), recon, (0, ny - 1, center), coils,
                 (oversampling * fov_mm, fov_mm, thickness_mm), (fov_mm, fov_mm, thickness_mm), tr=tr, etl=etl,
                 slices=slices, protocol=protocol)
    rss = reconstruction_rss(k, recon)
    truth = None
    if truth_kspace is not None:
        truth = reconstruction_rss(to_fastmri(truth_kspace, padding, oversampling, rng, noise=False), recon)
    attrs = {"acquisition": protocol, "max": float(rss.max()), "norm": float(np.linalg.norm(rss)),
             "patient_id": patient_id}
    written = [out_prefix + ".h5"]
    write(written[0], k, xml, attrs, rss=rss, truth=truth)
    if test_set:
        if offset is None:
            offset = int(rng.integers(0, round(acceleration)))
        mask, num_low = equispaced_mask(width, acceleration, center_fraction, offset, fraction_mask)
        masked = (k * mask[None, None, None, :]).astype(np.complex64)
        test_attrs = {"acceleration": acceleration, "acquisition": protocol, "num_low_frequency": num_low,
                      "patient_id": patient_id}
        for name, m in (("bool", mask), ("uint8", mask.astype(np.uint8)), ("float32", mask.astype(np.float32))):
            path = f"{out_prefix}_test_{name}.h5"
            write(path, masked, xml, test_attrs, mask=m)
            written.append(path)
    return written


def load_phantom(folder):
    files = sorted(glob.glob(os.path.join(folder, "*.npz")))
    if not files:
        sys.exit(f"{folder}: no .npz slices; write them with the launcher's phantom command (see --help)")
    return np.stack([np.load(f)["kspace"] for f in files]), files


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("phantom", help="folder of the phantom command's .npz slices (consecutive slices of one knee)")
    p.add_argument("-o", "--out", default="knee", help="output prefix (default knee: knee.h5, knee_test_*.h5)")
    p.add_argument("--padding", type=int, nargs=2, default=(8, 8), metavar=("LEFT", "RIGHT"),
                   help="zero lines before and after the encoded phase-encodes (default 8 8: 352 -> 368)")
    p.add_argument("--recon", type=int, nargs=2, default=(320, 320), metavar=("X", "Y"),
                   help="reconSpace matrix, the reconstruction_rss crop (default 320 320)")
    p.add_argument("--fov", type=float, default=160.0, help="field of view in mm (the phantom's: 160)")
    p.add_argument("--acceleration", type=float, default=4, help="test-set acceleration (default 4)")
    p.add_argument("--center-fraction", type=float, default=0.08, help="test-set centre fraction (default 0.08)")
    p.add_argument("--regular-mask", action="store_true", help="test set: every R-th line (fastMRI's "
                   "EquispacedMaskFunc, the grid GRAPPA needs) instead of EquispacedMaskFractionFunc's rounded spacing")
    p.add_argument("--no-test-set", action="store_true", help="write only the fully sampled file")
    p.add_argument("--truth-from", metavar="DIR", help="noise-free phantom slices of the same seed (--snr inf)")
    p.add_argument("--seed", type=int, default=42, help="seed of the added readout-margin noise and mask offset")
    a = p.parse_args()
    kspace, files = load_phantom(a.phantom)
    truth = load_phantom(a.truth_from)[0] if a.truth_from else None
    if truth is not None and truth.shape != kspace.shape:
        sys.exit(f"{a.truth_from}: slices of shape {truth.shape[1:]} do not match {kspace.shape[1:]}")
    acceleration = int(a.acceleration) if a.acceleration == int(a.acceleration) else a.acceleration
    written = make(kspace, a.out, padding=tuple(a.padding), recon=tuple(a.recon), fov_mm=a.fov,
                   test_set=not a.no_test_set, acceleration=acceleration, center_fraction=a.center_fraction,
                   truth_kspace=truth, seed=a.seed, fraction_mask=not a.regular_mask)
    for path in written:
        with h5py.File(path, "r") as f:
            print(f"{path}: kspace {f['kspace'].shape} {f['kspace'].dtype}, "
                  + ", ".join(f"{n} {f[n].shape} {f[n].dtype}" for n in f if n not in ("kspace", "ismrmrd_header"))
                  + "; attrs " + ", ".join(f"{k}={v}" for k, v in f.attrs.items()))


if __name__ == "__main__":
    main()
