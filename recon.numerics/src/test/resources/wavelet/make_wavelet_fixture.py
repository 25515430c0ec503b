#!/usr/bin/python3
"""PyWavelets reference coefficients for WaveletTransformTest.

Run once from this folder with Debian's interpreter (/usr/bin/python3, packages python3-pywt and python3-numpy); the
outputs are committed:
  input_32x48.f32            complex64 test image, interleaved re/im, row-major [y][x]
  <wavelet>_32x48_L3.f32     pywt.wavedec2(image, <wavelet>, mode='periodization', level=3), in the in-place layout
                             WaveletTransform uses (see place())
  fixture.json               sizes, wavelets, pywt and numpy versions
"""
import json

import numpy as np
import pywt

ROWS, COLS, LEVELS = 32, 48, 3
WAVELETS = ["haar", "db2", "db4", "db8"]


def write_complex(name, z):
    inter = np.empty(z.shape + (2,), dtype=np.float32)
    inter[..., 0] = z.real
    inter[..., 1] = z.imag
    inter.astype("<f4").tofile(name)


def place(coeffs, shape):
    """wavedec2 output -> one array: cA top-left; at each level, with (h, w) the size of the band being split, the
    detail along y ('da', pywt's cH) at [h/2:h, 0:w/2], along x ('ad', cV) at [0:h/2, w/2:w], both ('dd', cD) at
    [h/2:h, w/2:w]."""
    out = np.zeros(shape, dtype=np.complex128)
    ca = coeffs[0]
    out[: ca.shape[0], : ca.shape[1]] = ca
    for ch, cv, cd in coeffs[1:]:
        h2, w2 = ch.shape
        out[h2: 2 * h2, :w2] = ch
        out[:h2, w2: 2 * w2] = cv
        out[h2: 2 * h2, w2: 2 * w2] = cd
    return out


rng = np.random.RandomState(20261125)
yy, xx = np.mgrid[0:ROWS, 0:COLS]
# smooth structure plus noise, so that both coarse and fine bands carry energy
image = (np.exp(-((yy - 12) ** 2 + (xx - 30) ** 2) / 40.0) + 0.3 * (xx > 20)
         + 0.1 * (rng.standard_normal((ROWS, COLS)) + 1j * rng.standard_normal((ROWS, COLS))))
image = image.astype(np.complex64)
write_complex(f"input_{ROWS}x{COLS}.f32", image)
for name in WAVELETS:
    coeffs = pywt.wavedec2(image.astype(np.complex128), name, mode="periodization", level=LEVELS)
    write_complex(f"{name}_{ROWS}x{COLS}_L{LEVELS}.f32", place(coeffs, (ROWS, COLS)))

with open("fixture.json", "w") as f:
    json.dump({"rows": ROWS, "cols": COLS, "levels": LEVELS, "wavelets": WAVELETS, "pywt": pywt.__version__,
               "numpy": np.__version__}, f, indent=2)
    f.write("\n")
