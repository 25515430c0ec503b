"""End-to-end variational network (Sriram et al. 2020), after fastMRI's fastmri/models/varnet.py and unet.py.

Layout follows the Java API, not fastMRI: k-space is complex [batch, coils, rows, cols] with rows = phase-encode
(ky), the undersampled axis, and DC at (rows // 2, cols // 2). The learned parts (the U-Nets) are separate modules
so that export.py can write each one as an ONNX graph; the physics (centred FFTs, masks, data consistency, coil
expand/reduce, ACS low-pass, padding) is in plain functions that the Java side re-implements line by line.

One deliberate difference from fastMRI: by default the caller zero-pads the image to the U-Net's multiple *before*
the NormUnet, so the normalisation statistics include the padding. fastMRI pads after normalising; doing it the other
way keeps shape arithmetic out of the ONNX graphs (Java pads, the graph only normalises and convolves).

Models imported from fastMRI (import_fastmri.py) keep fastMRI's conventions, which a VarNet takes as options and a
package records in its manifest (export.py):
- normalisation="before-padding": mean/std normalisation of the unpadded image outside the graph, then zero padding,
  the bare U-Net, crop, un-normalisation (fastMRI's NormUnet); the default "after-padding" is the above.
- sensitivity_input="fastmri-low-frequencies": the sensitivity net sees the symmetric low-frequency block fastMRI
  derives from the mask (fastmri_low_frequencies) instead of the calibration block [acs_start, acs_end) as given.
- padding_multiple: the size the U-Net input is padded to (fastMRI: 16 whatever the pools); default 2 ** pools.
"""
import torch
from torch import nn
from torch.nn import functional as F


def fft2c(x):
    """Centred orthonormal 2-D FFT over the last two axes: Java's Fft2c.forward, fastMRI's fft2c."""
    x = torch.fft.ifftshift(x, dim=(-2, -1))
    x = torch.fft.fft2(x, norm="ortho")
    return torch.fft.fftshift(x, dim=(-2, -1))


def ifft2c(x):
    """Centred orthonormal inverse 2-D FFT: Java's Fft2c.inverse."""
    x = torch.fft.ifftshift(x, dim=(-2, -1))
    x = torch.fft.ifft2(x, norm="ortho")
    return torch.fft.fftshift(x, dim=(-2, -1))


def rss(x, dim=1):
    """Root-sum-of-squares of complex x over dim."""
    return torch.sqrt((x.real ** 2 + x.imag ** 2).sum(dim))


def pad_amounts(size, multiple):
    """fastMRI's split of the padding: floor half before, ceil half after."""
    target = (size + multiple - 1) // multiple * multiple
    return (target - size) // 2, (target - size + 1) // 2


def pad_to_multiple(x, multiple):
    """Zero-pads the last two axes of a real tensor to a multiple; returns the tensor and the crop window."""
    h, w = x.shape[-2:]
    top, bottom = pad_amounts(h, multiple)
    left, right = pad_amounts(w, multiple)
    return F.pad(x, (left, right, top, bottom)), (top, top + h, left, left + w)


def complex_to_channels(x):
    """complex [N, H, W] -> real [N, 2, H, W] (re, im)."""
    return torch.stack((x.real, x.imag), dim=1)


def channels_to_complex(x):
    return torch.complex(x[:, 0], x[:, 1])


class ConvBlock(nn.Module):
    """Two 3x3 convolutions, each followed by instance norm and LeakyReLU(0.2), as fastMRI's ConvBlock."""

    def __init__(self, in_chans, out_chans):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Conv2d(in_chans, out_chans, kernel_size=3, padding=1, bias=False),
            nn.InstanceNorm2d(out_chans),
            nn.LeakyReLU(negative_slope=0.2, inplace=True),
            nn.Conv2d(out_chans, out_chans, kernel_size=3, padding=1, bias=False),
            nn.InstanceNorm2d(out_chans),
            nn.LeakyReLU(negative_slope=0.2, inplace=True),
        )

    def forward(self, x):
        return self.layers(x)


class TransposeConvBlock(nn.Module):
    def __init__(self, in_chans, out_chans):
        super().__init__()
        self.layers = nn.Sequential(
            nn.ConvTranspose2d(in_chans, out_chans, kernel_size=2, stride=2, bias=False),
            nn.InstanceNorm2d(out_chans),
            nn.LeakyReLU(negative_slope=0.2, inplace=True),
        )

    def forward(self, x):
        return self.layers(x)


class Unet(nn.Module):
    """fastMRI's U-Net. Inputs are padded to a multiple of 2**pools, so no odd-size branch is needed."""

    def __init__(self, in_chans, out_chans, chans, num_pools):
        super().__init__()
        self.down = nn.ModuleList([ConvBlock(in_chans, chans)])
        ch = chans
        for _ in range(num_pools - 1):
            self.down.append(ConvBlock(ch, ch * 2))
            ch *= 2
        self.bottom = ConvBlock(ch, ch * 2)
        self.up_transpose = nn.ModuleList()
        self.up_conv = nn.ModuleList()
        for _ in range(num_pools - 1):
            self.up_transpose.append(TransposeConvBlock(ch * 2, ch))
            self.up_conv.append(ConvBlock(ch * 2, ch))
            ch //= 2
        self.up_transpose.append(TransposeConvBlock(ch * 2, ch))
        self.up_conv.append(nn.Sequential(ConvBlock(ch * 2, ch), nn.Conv2d(ch, out_chans, kernel_size=1)))

    def forward(self, x):
        stack = []
        for layer in self.down:
            x = layer(x)
            stack.append(x)
            x = F.avg_pool2d(x, kernel_size=2, stride=2)
        x = self.bottom(x)
        for transpose, conv in zip(self.up_transpose, self.up_conv):
            x = conv(torch.cat([transpose(x), stack.pop()], dim=1))
        return x


class NormUnet(nn.Module):
    """U-Net on a complex image as 2 channels, normalised per image and channel by mean and (unbiased) std.

    This whole module is what one ONNX graph holds: input [N, 2, H, W] -> output [N, 2, H, W], H and W already
    padded to a multiple of 2**pools by the caller.
    """

    def __init__(self, chans, num_pools):
        super().__init__()
        self.unet = Unet(2, 2, chans, num_pools)

    def forward(self, x):
        n, c, h, w = x.shape
        flat = x.reshape(n, c, h * w)
        mean = flat.mean(dim=2).reshape(n, c, 1, 1)
        std = flat.std(dim=2).reshape(n, c, 1, 1)
        return self.unet((x - mean) / std) * std + mean


AFTER_PADDING, BEFORE_PADDING = "after-padding", "before-padding"
CALIBRATION_BLOCK, FASTMRI_LOW_FREQUENCIES = "calibration-block", "fastmri-low-frequencies"


def normalise(x):
    """Per image and channel: (x - mean) / unbiased std of real x [N, 2, H, W]; returns it, mean and std."""
    n, c, h, w = x.shape
    flat = x.reshape(n, c, h * w)
    mean = flat.mean(dim=2).reshape(n, c, 1, 1)
    std = flat.std(dim=2).reshape(n, c, 1, 1)
    return (x - mean) / std, mean, std


def fastmri_low_frequencies(mask):
    """fastMRI's sensitivity-net input block along the undersampled axis, from the sampling mask [rows] (1 =
    acquired): with left / right the number of consecutive acquired lines below rows // 2 and from it on, the block
    of max(2 min(left, right), 1) lines starting at (rows - width + 1) // 2. As fastMRI finds the first unacquired
    line with argmin, a run that reaches the edge of k-space counts as 0. Returns [start, end)."""
    m = [bool(v) for v in (mask.tolist() if hasattr(mask, "tolist") else mask)]
    rows, cent = len(m), len(m) // 2
    left = 0
    while left < cent and m[cent - 1 - left]:
        left += 1
    if left == cent:
        left = 0
    right = 0
    while cent + right < rows and m[cent + right]:
        right += 1
    if cent + right == rows:
        right = 0
    width = max(2 * min(left, right), 1)
    start = (rows - width + 1) // 2
    return start, start + width


def acs_lowpass(kspace, acs_start, acs_end):
    """Keeps only the calibration rows [acs_start, acs_end) of k-space [B, C, H, W]."""
    keep = torch.zeros(kspace.shape[-2], 1, dtype=kspace.real.dtype, device=kspace.device)
    keep[acs_start:acs_end] = 1
    return kspace * keep


class VarNet(nn.Module):
    def __init__(self, cascades=8, chans=12, pools=4, sens_chans=6, sens_pools=4, output="rss",
                 normalisation=AFTER_PADDING, sensitivity_input=CALIBRATION_BLOCK, padding_multiple=None):
        super().__init__()
        if output not in ("rss", "sense"):
            raise ValueError(f"output must be rss or sense, not {output}")
        if normalisation not in (AFTER_PADDING, BEFORE_PADDING):
            raise ValueError(f"normalisation must be {AFTER_PADDING} or {BEFORE_PADDING}, not {normalisation}")
        if sensitivity_input not in (CALIBRATION_BLOCK, FASTMRI_LOW_FREQUENCIES):
            raise ValueError(f"sensitivity_input must be {CALIBRATION_BLOCK} or {FASTMRI_LOW_FREQUENCIES}, "
                             f"not {sensitivity_input}")
        # rss: fastMRI's root-sum-of-squares of the final coil images. sense: the magnitude of the coil-combined
        # image sum_c conj(S_c) x_c. The combination drops the coil noise orthogonal to the maps, which no cascade
        # can touch (the regulariser acts through S only) and which RSS adds to every pixel as a noise floor: a model
        # trained against the noise-free truth needs it to reach a clean background.
        self.output = output
        self.normalisation = normalisation
        self.sensitivity_input = sensitivity_input
        self.multiple = padding_multiple or 2 ** max(pools, sens_pools)
        if self.multiple % 2 ** max(pools, sens_pools):
            raise ValueError(f"padding multiple {self.multiple} is not a multiple of 2 ** pools")
        self.sens_net = NormUnet(sens_chans, sens_pools)
        self.cascades = nn.ModuleList([NormUnet(chans, pools) for _ in range(cascades)])
        # Warm start (fastMRI keeps PyTorch's default initialisation): with the last 1x1 convolution zero, a cascade
        # only subtracts its input's mean, so training starts near the zero-filled image instead of from noise.
        # Together with the sensitivity net's warm start (train.py) this doubled the SSIM gained over zero-filled
        # after 200 iterations on this CPU budget.
        for net in self.cascades:
            last = net.unet.up_conv[-1][1]
            nn.init.zeros_(last.weight)
            nn.init.zeros_(last.bias)
        # fastMRI initialises every soft data-consistency weight to 1.
        self.dc_weights = nn.Parameter(torch.ones(cascades))

    def padded(self, net, x):
        """Runs a NormUnet on complex images [N, H, W] with the zero padding (and, before padding, the
        normalisation) Java applies."""
        if self.normalisation == BEFORE_PADDING:
            normalised, mean, std = normalise(complex_to_channels(x))
            padded, (t, b, l, r) = pad_to_multiple(normalised, self.multiple)
            return channels_to_complex(net.unet(padded)[..., t:b, l:r] * std + mean)
        padded, (t, b, l, r) = pad_to_multiple(complex_to_channels(x), self.multiple)
        return channels_to_complex(net(padded)[..., t:b, l:r])

    def sensitivities(self, masked_kspace, acs_start, acs_end):
        """Coil maps [B, C, H, W] from the ACS low-pass coil images, normalised to unit RSS."""
        images = ifft2c(acs_lowpass(masked_kspace, acs_start, acs_end))
        b, c, h, w = images.shape
        maps = self.padded(self.sens_net, images.reshape(b * c, h, w)).reshape(b, c, h, w)
        return maps / rss(maps).unsqueeze(1)

    def forward(self, masked_kspace, mask, acs_start, acs_end):
        """masked_kspace complex [B, C, H, W]; mask float [H] (1 = acquired row); returns RSS [B, H, W]. The
        calibration block [acs_start, acs_end) feeds the sensitivity net unless the model derives its block from the
        mask (sensitivity_input)."""
        if self.sensitivity_input == FASTMRI_LOW_FREQUENCIES:
            acs_start, acs_end = fastmri_low_frequencies(mask)
        maps = self.sensitivities(masked_kspace, acs_start, acs_end)
        m = mask.reshape(1, 1, -1, 1)
        k = masked_kspace
        for t, net in enumerate(self.cascades):
            image = (ifft2c(k) * maps.conj()).sum(dim=1)
            regulariser = fft2c(maps * self.padded(net, image).unsqueeze(1))
            k = k - self.dc_weights[t] * m * (k - masked_kspace) - regulariser
        if self.output == "sense":
            return (ifft2c(k) * maps.conj()).sum(dim=1).abs()
        return rss(ifft2c(k))
