#!/usr/bin/python3
"""Out-of-domain test data for the VarNet model card: multi-coil k-space that is not the knee phantom.

    /usr/bin/python3 tools/make_ood_data.py OUT_DIR

Writes, each fully sampled, 8 coils, 256 x 256, with complex Gaussian noise whose standard deviation in the coil
images is 2 % of the root-sum-of-squares image's maximum (about the knee phantom's SNR 35):
  bart-shepp-logan.cfl/.hdr  `bart phantom -k -s 8 -x 256` (analytic k-space, BART's coil maps)
  bart-tubes.cfl/.hdr        `bart phantom -T -k -s 8 -x 256`
  bart-geometric.cfl/.hdr    `bart phantom -G -k -s 8 -x 256`
  ismrmrd-shepp-logan.h5     `ismrmrd_generate_cartesian_shepp_logan -m 256 -c 8` (2x readout oversampling; its own
                             noise option -n is used instead of ours)
Seeded: the same files every run. Needs the Debian packages bart and ismrmrd-tools.
"""
import os
import subprocess
import sys

import numpy as np

SIZE, COILS, NOISE = 256, 8, 0.02


def read_cfl(base):
    with open(base + ".hdr") as f:
        dims = [int(d) for d in f.read().split("\n")[1].split()]
    data = np.fromfile(base + ".cfl", dtype=np.complex64)
    return data.reshape(dims, order="F")


def write_cfl(base, array):
    with open(base + ".hdr", "w") as f:
        f.write("# Dimensions\n" + " ".join(str(d) for d in array.shape) + "\n")
    np.asarray(array, dtype=np.complex64).ravel(order="F").tofile(base + ".cfl")


def noisy(kspace, rng):
    """Adds noise of NOISE x the RSS image's maximum per coil image (unitary centred FFT: the same std in k-space)."""
    images = np.fft.fftshift(np.fft.ifft2(np.fft.ifftshift(kspace, axes=(0, 1)), axes=(0, 1), norm="ortho"),
                             axes=(0, 1))
    rss = np.sqrt((np.abs(images) ** 2).sum(axis=-1))
    sigma = NOISE * rss.max()
    noise = rng.normal(0, sigma / np.sqrt(2), kspace.shape) + 1j * rng.normal(0, sigma / np.sqrt(2), kspace.shape)
    return (kspace + noise).astype(np.complex64)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(20261202)
    for name, flags in (("bart-shepp-logan", []), ("bart-tubes", ["-T"]), ("bart-geometric", ["-G"])):
        base = os.path.join(out, name)
        subprocess.run(["bart", "phantom", *flags, "-k", "-s", str(COILS), "-x", str(SIZE), base + "-clean"],
                       check=True)
        k = read_cfl(base + "-clean")  # [x, y, 1, coils]
        write_cfl(base, noisy(k[:, :, 0, :], rng).reshape(SIZE, SIZE, 1, COILS))
        for ext in (".cfl", ".hdr"):
            os.remove(base + "-clean" + ext)
    h5 = os.path.join(out, "ismrmrd-shepp-logan.h5")
    if os.path.exists(h5):
        os.remove(h5)
    subprocess.run(["ismrmrd_generate_cartesian_shepp_logan", "-m", str(SIZE), "-c", str(COILS), "-n", "0.02",
                    "-o", h5], check=True, stdout=subprocess.DEVNULL)
    print("wrote", sorted(os.listdir(out)))


if __name__ == "__main__":
    main()
