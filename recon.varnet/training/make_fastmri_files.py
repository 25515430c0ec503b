"""Writes phantom slices as fastMRI multicoil .h5 files (and, optionally, as ISMRMRD .h5 files) laid out like the
fastMRI knee data, for the converter's parity checks and for testing train.py --data.

    /usr/bin/python3 make_fastmri_files.py --out DIR [--files 1 --slices 1 --matrix 320 --coils 15 --lines 368 \
        --oversampling 2 --padding 2 --seed 11 --format fastmri|ismrmrd|both]

Each slice is a fully sampled phantom slice (launcher `phantom`, matrix x matrix, square field of view) embedded in a
larger encoded matrix as a scanner records a knee: the phase-encode field of view grown to --lines lines (fastMRI
knee: 368 or 372), the readout 2x oversampled (640 samples for 320), fresh white noise over the whole k-space (the
phantom's own level), and the outer --padding lines on each side zero (outside the encoding limits, fastMRI's
padding_left/right). fastMRI layout: kspace [slices, coils, H = readout, W = phase-encode] complex64, ismrmrd_header
(encodedSpace H x W, reconSpace matrix x matrix, encoding limits), reconstruction_rss = RSS of the fully sampled coil
images centre-cropped to reconSpace, the attributes max, norm, acquisition, patient_id, and `truth` (the phantom's
noise-free object, [slices, H, W]; not a fastMRI dataset, train.py uses it as the target when present).
ISMRMRD layout: /dataset/xml and /dataset/data with one acquisition per encoded line and slice plus a noise scan;
the readout is oversampled as in the fastMRI file (the reader removes it).
"""
import argparse
import glob
import os
import shutil
import subprocess
import tempfile

import h5py
import numpy as np

import data

# this checkout's launcher when built, else the main checkout's; $LAUNCHER overrides both
_OWN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "launcher", "target", "launcher.jar")
LAUNCHER = os.environ.get("LAUNCHER") or (os.path.normpath(_OWN) if os.path.exists(_OWN)
                                          else "/work/main/launcher/target/launcher.jar")


def header(enc_x, enc_y, recon_x, recon_y, limits, coils, slices, fov=(280.0, 140.0, 3.0), protocol="CORPD_FBK"):
    """An ISMRMRD XML header as fastMRI's: x along the readout (H), y along phase-encode (W)."""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<ismrmrdHeader xmlns="http://www.ismrm.org/ISMRMRD">
  <measurementInformation><protocolName>{protocol}</protocolName></measurementInformation>
  <acquisitionSystemInformation><systemModel>phantom</systemModel><receiverChannels>{coils}</receiverChannels>
    <systemFieldStrength_T>3.0</systemFieldStrength_T></acquisitionSystemInformation>
  <encoding>
    <encodedSpace><matrixSize><x>{enc_x}</x><y>{enc_y}</y><z>1</z></matrixSize>
      <fieldOfView_mm><x>{fov[0]}</x><y>{fov[1]}</y><z>{fov[2]}</z></fieldOfView_mm></encodedSpace>
    <reconSpace><matrixSize><x>{recon_x}</x><y>{recon_y}</y><z>1</z></matrixSize>
      <fieldOfView_mm><x>{fov[0] * recon_x / enc_x}</x><y>{fov[1]}</y><z>{fov[2]}</z></fieldOfView_mm></reconSpace>
    <encodingLimits>
      <kspace_encoding_step_1><minimum>{limits[0]}</minimum><maximum>{limits[1]}</maximum><center>{limits[2]}</center></kspace_encoding_step_1>
      <slice><minimum>0</minimum><maximum>{slices - 1}</maximum><center>0</center></slice>
    </encodingLimits>
    <trajectory>cartesian</trajectory>
  </encoding>
</ismrmrdHeader>"""


def phantom_slices(count, matrix, coils, seed, launcher):
    """(kspace [coils, matrix, matrix], truth, contrast) of `count` phantom slices (the launcher's default volume
    with this seed: its central slices)."""
    out = tempfile.mkdtemp(prefix="phantom-")
    try:
        subprocess.run(["java", "-jar", launcher, "phantom", "--count", str(count), "--matrix", str(matrix),
                        "--coils", str(coils), "--seed", str(seed), "--out", out], check=True,
                       stdout=subprocess.DEVNULL)
        slices = []
        for path in sorted(glob.glob(os.path.join(out, "*.npz"))):
            with np.load(path) as d:
                slices.append((d["kspace"].astype(np.complex64), d["truth"].astype(np.float32),
                               os.path.basename(path).split("_")[2]))
        return slices
    finally:
        shutil.rmtree(out, ignore_errors=True)


def knee_layout(kspace, truth, lines, oversampling, padding, rng):
    """Our layout [coils, rows, cols] -> (encoded k-space [coils, lines, oversampling * cols] with zero padding
    lines, truth on the same grid)."""
    coils, rows, cols = kspace.shape
    sigma = data.noise_sigma(kspace)
    images = data.ifft2c(kspace)
    big = np.zeros((coils, lines, oversampling * cols), np.complex64)
    r0, c0 = (lines - rows) // 2, (oversampling * cols - cols) // 2
    big[:, r0:r0 + rows, c0:c0 + cols] = images
    t = np.zeros(big.shape[1:], np.float32)
    t[r0:r0 + rows, c0:c0 + cols] = truth
    k = data.fft2c(big)
    k = k + sigma * (rng.standard_normal(k.shape) + 1j * rng.standard_normal(k.shape))
    k[:, :padding] = 0
    k[:, lines - padding:] = 0
    return k.astype(np.complex64), t


def write_fastmri(path, kspaces, truths, matrix, padding, contrast):
    """kspaces: list of our-layout [coils, lines, readout]; written transposed as fastMRI's [coils, H, W]."""
    k = np.stack([x.transpose(0, 2, 1) for x in kspaces])
    slices, coils, h, w = k.shape
    images = data.ifft2c(k.astype(np.complex128))
    rss = np.sqrt((np.abs(images) ** 2).sum(axis=1))
    h0, w0 = (h - matrix) // 2, (w - matrix) // 2
    rss = rss[:, h0:h0 + matrix, w0:w0 + matrix].astype(np.float32)
    limits = (0, w - 2 * padding - 1, w // 2 - padding)
    with h5py.File(path, "w") as f:
        f.create_dataset("kspace", data=k)
        f.create_dataset("ismrmrd_header", data=header(h, w, matrix, matrix, limits, coils, slices,
                                                       protocol=contrast).encode())
        f.create_dataset("reconstruction_rss", data=rss)
        f.create_dataset("truth", data=np.stack([t.T for t in truths]))
        f.attrs["max"] = float(rss.max())
        f.attrs["norm"] = float(np.linalg.norm(rss))
        f.attrs["acquisition"] = "CORPD_FBK"
        f.attrs["patient_id"] = os.path.splitext(os.path.basename(path))[0]


def ismrmrd_dtype():
    """The AcquisitionHeader compound of ISMRMRD's HDF5 files (as ismrmrd 1.x writes it) with vlen traj / data."""
    idx = np.dtype([("kspace_encode_step_1", "<u2"), ("kspace_encode_step_2", "<u2"), ("average", "<u2"),
                    ("slice", "<u2"), ("contrast", "<u2"), ("phase", "<u2"), ("repetition", "<u2"), ("set", "<u2"),
                    ("segment", "<u2"), ("user", "<u2", (8,))])
    head = np.dtype([("version", "<u2"), ("flags", "<u8"), ("measurement_uid", "<u4"), ("scan_counter", "<u4"),
                     ("acquisition_time_stamp", "<u4"), ("physiology_time_stamp", "<u4", (3,)),
                     ("number_of_samples", "<u2"), ("available_channels", "<u2"), ("active_channels", "<u2"),
                     ("channel_mask", "<u8", (16,)), ("discard_pre", "<u2"), ("discard_post", "<u2"),
                     ("center_sample", "<u2"), ("encoding_space_ref", "<u2"), ("trajectory_dimensions", "<u2"),
                     ("sample_time_us", "<f4"), ("position", "<f4", (3,)), ("read_dir", "<f4", (3,)),
                     ("phase_dir", "<f4", (3,)), ("slice_dir", "<f4", (3,)), ("patient_table_position", "<f4", (3,)),
                     ("idx", idx), ("user_int", "<i4", (8,)), ("user_float", "<f4", (8,))])
    vlen = h5py.vlen_dtype(np.dtype("<f4"))
    return np.dtype([("head", head), ("traj", vlen), ("data", vlen)])


def write_ismrmrd(path, kspaces, matrix, padding, contrast, rng):
    """One acquisition per encoded line and slice (a noise scan first), readout oversampled as given."""
    coils, lines, readout = kspaces[0].shape
    limits = (0, lines - 2 * padding - 1, lines // 2 - padding)
    sigma = data.noise_sigma(kspaces[0])
    lines_kept = range(padding, lines - padding)
    table = np.zeros(1 + len(kspaces) * len(lines_kept), ismrmrd_dtype())
    h = table["head"]
    h["version"], h["number_of_samples"], h["available_channels"], h["active_channels"] = 1, readout, coils, coils
    h["center_sample"], h["sample_time_us"] = readout // 2, 5.0
    h["read_dir"], h["phase_dir"], h["slice_dir"] = (1, 0, 0), (0, 1, 0), (0, 0, 1)
    h["scan_counter"] = np.arange(len(table))
    h["flags"][0] = np.uint64(1) << np.uint64(18)  # ACQ_IS_NOISE_MEASUREMENT
    samples = [sigma * (rng.standard_normal((coils, readout)) + 1j * rng.standard_normal((coils, readout)))]
    for s, k in enumerate(kspaces):
        for row in lines_kept:
            i = len(samples)
            h["idx"]["kspace_encode_step_1"][i], h["idx"]["slice"][i] = row - padding, s
            samples.append(k[:, row, :])
    table["head"] = h
    for i, x in enumerate(samples):
        table["traj"][i] = np.zeros(0, np.float32)
        table["data"][i] = np.ascontiguousarray(x.astype(np.complex64)).view(np.float32).ravel()
    with h5py.File(path, "w") as f:
        f.create_dataset("dataset/xml", data=[header(readout, lines, matrix, matrix, limits, coils, len(kspaces),
                                                     protocol=contrast).encode()], dtype=h5py.string_dtype())
        f.create_dataset("dataset/data", data=table, maxshape=(None,), chunks=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True)
    p.add_argument("--files", type=int, default=1)
    p.add_argument("--slices", type=int, default=1, help="slices per file")
    p.add_argument("--matrix", type=int, default=320, help="phantom matrix = reconstruction size")
    p.add_argument("--coils", type=int, default=15)
    p.add_argument("--lines", type=int, default=368, help="encoded phase-encode lines (fastMRI's W)")
    p.add_argument("--oversampling", type=int, default=2, help="readout oversampling (fastMRI knee: 2)")
    p.add_argument("--padding", type=int, default=2, help="zero lines outside the encoding limits, each side")
    p.add_argument("--seed", type=int, default=11)
    p.add_argument("--format", choices=("fastmri", "ismrmrd", "both"), default="fastmri")
    p.add_argument("--launcher", default=LAUNCHER)
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    rng = np.random.default_rng(a.seed)
    slices = phantom_slices(a.files * a.slices, a.matrix, a.coils, a.seed, a.launcher)
    for i in range(a.files):
        chunk = slices[i * a.slices:(i + 1) * a.slices]
        laid = [knee_layout(k, t, a.lines, a.oversampling, a.padding, rng) for k, t, _ in chunk]
        name = f"phantom_{a.seed}_{i:03d}"
        if a.format in ("fastmri", "both"):
            write_fastmri(os.path.join(a.out, name + ".h5"), [k for k, _ in laid], [t for _, t in laid], a.matrix,
                          a.padding, chunk[0][2])
        if a.format in ("ismrmrd", "both"):
            write_ismrmrd(os.path.join(a.out, name + "_mrd.h5"), [k for k, _ in laid], a.matrix, a.padding,
                          chunk[0][2], rng)
    print(f"wrote {a.files} file(s) x {a.slices} slice(s) ({a.format}): {a.coils} coils, {a.lines} x "
          f"{a.oversampling * a.matrix} (phase-encode x readout), reconstruction {a.matrix} x {a.matrix} -> {a.out}")


if __name__ == "__main__":
    main()
