"""Independent PyTorch references of the two published VarNet codebases, in *their* layout, for the converter's tests.

Written for this project from the published architectures (fastMRI at 91f2df4: fastmri/models/varnet.py, unet.py;
fastmri_examples/RadiologyJohnson2022/RunInference.py); no code is copied. They exist only to (a) produce checkpoints
with the exact parameter names and shapes of the originals (random weights, all flavours) and (b) compute the output
the converted package must reproduce. They are not used for training.

fastMRI's conventions, kept here on purpose (import_fastmri.py and the Java side translate them):
- k-space is real [B, coils, H, W, 2] (complex as the last dimension); fastMRI undersamples along W, the last image
  axis; the mask is bool [B, 1, 1, W, 1]. H is the (often 2x oversampled) readout.
- NormUnet normalises (mean and unbiased std of the real and of the imaginary channel, over the unpadded image),
  *then* zero-pads H and W to a multiple of 16 (floor half before), runs the U-Net, crops, un-normalises.
- The sensitivity net sees the k-space of a symmetric low-frequency block derived from the mask (the run of sampled
  lines left and right of W // 2, width max(2 min(left, right), 1)) unless num_low_frequencies is given.
- Output: RSS over coils of the final coil images [B, H, W]; cropping to the reconstruction size is the caller's.

Johnson et al. 2022 (the seed study's prospective knee model) builds the same network from other modules
(SequentialPlus, SoftDC with `lambda_`, cunet = Complex2Fm + Pad(Norm(U-Net)) + Fm2Complex), pads *before*
normalising, takes the number of low frequencies as an input (MaskCenter) and uses legacy FFTs whose shifts are
fftshift before and after the transform (the same as fastMRI's centred FFT for even sizes only).
"""
import math

import torch
from torch import nn
from torch.nn import functional as F


# ---------------------------------------------------------------------------------------------------------------
# Complex-as-last-dimension helpers
# ---------------------------------------------------------------------------------------------------------------

def _as_complex(x):
    return torch.view_as_complex(x.contiguous())


def fft2c(x):
    """Centred orthonormal 2-D FFT of [..., H, W, 2] over H and W (ifftshift, fft, fftshift)."""
    c = torch.fft.ifftshift(_as_complex(x), dim=(-2, -1))
    c = torch.fft.fftshift(torch.fft.fft2(c, norm="ortho"), dim=(-2, -1))
    return torch.view_as_real(c)


def ifft2c(x):
    c = torch.fft.ifftshift(_as_complex(x), dim=(-2, -1))
    c = torch.fft.fftshift(torch.fft.ifft2(c, norm="ortho"), dim=(-2, -1))
    return torch.view_as_real(c)


def complex_mul(a, b):
    return torch.stack((a[..., 0] * b[..., 0] - a[..., 1] * b[..., 1],
                        a[..., 0] * b[..., 1] + a[..., 1] * b[..., 0]), dim=-1)


def complex_conj(a):
    return torch.stack((a[..., 0], -a[..., 1]), dim=-1)


def rss_complex(x, dim):
    return (x ** 2).sum(dim=-1).sum(dim=dim).sqrt()


def center_crop(image, shape):
    """fastMRI's center_crop of the last two axes: start at (n - m) // 2."""
    h0 = (image.shape[-2] - shape[0]) // 2
    w0 = (image.shape[-1] - shape[1]) // 2
    return image[..., h0:h0 + shape[0], w0:w0 + shape[1]]


# ---------------------------------------------------------------------------------------------------------------
# fastMRI: U-Net, NormUnet, sensitivity model, VarNet (parameter names as in fastMRI's state dicts)
# ---------------------------------------------------------------------------------------------------------------

class ConvBlock(nn.Module):
    """conv3x3 - instance norm - LeakyReLU(0.2) - Dropout2d, twice (weights at layers.0 and layers.4)."""

    def __init__(self, in_chans, out_chans, drop_prob=0.0):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Conv2d(in_chans, out_chans, 3, padding=1, bias=False), nn.InstanceNorm2d(out_chans),
            nn.LeakyReLU(0.2, inplace=True), nn.Dropout2d(drop_prob),
            nn.Conv2d(out_chans, out_chans, 3, padding=1, bias=False), nn.InstanceNorm2d(out_chans),
            nn.LeakyReLU(0.2, inplace=True), nn.Dropout2d(drop_prob))

    def forward(self, x):
        return self.layers(x)


class TransposeConvBlock(nn.Module):
    def __init__(self, in_chans, out_chans):
        super().__init__()
        self.layers = nn.Sequential(nn.ConvTranspose2d(in_chans, out_chans, 2, stride=2, bias=False),
                                    nn.InstanceNorm2d(out_chans), nn.LeakyReLU(0.2, inplace=True))

    def forward(self, x):
        return self.layers(x)


class Unet(nn.Module):
    def __init__(self, in_chans, out_chans, chans, num_pool_layers, drop_prob=0.0):
        super().__init__()
        self.down_sample_layers = nn.ModuleList([ConvBlock(in_chans, chans, drop_prob)])
        ch = chans
        for _ in range(num_pool_layers - 1):
            self.down_sample_layers.append(ConvBlock(ch, 2 * ch, drop_prob))
            ch *= 2
        self.conv = ConvBlock(ch, 2 * ch, drop_prob)
        self.up_conv = nn.ModuleList()
        self.up_transpose_conv = nn.ModuleList()
        for _ in range(num_pool_layers - 1):
            self.up_transpose_conv.append(TransposeConvBlock(2 * ch, ch))
            self.up_conv.append(ConvBlock(2 * ch, ch, drop_prob))
            ch //= 2
        self.up_transpose_conv.append(TransposeConvBlock(2 * ch, ch))
        self.up_conv.append(nn.Sequential(ConvBlock(2 * ch, ch, drop_prob), nn.Conv2d(ch, out_chans, 1)))

    def forward(self, x):
        skips = []
        for block in self.down_sample_layers:
            x = block(x)
            skips.append(x)
            x = F.avg_pool2d(x, 2, stride=2)
        x = self.conv(x)
        for up, block in zip(self.up_transpose_conv, self.up_conv):
            skip = skips.pop()
            x = up(x)
            # odd sizes: reflect-pad one row/column at the bottom/right, as fastMRI does
            pad = [0, int(x.shape[-1] != skip.shape[-1]), 0, int(x.shape[-2] != skip.shape[-2])]
            if sum(pad):
                x = F.pad(x, pad, "reflect")
            x = block(torch.cat([x, skip], dim=1))
        return x


class NormUnet(nn.Module):
    def __init__(self, chans, num_pools, in_chans=2, out_chans=2, drop_prob=0.0):
        super().__init__()
        self.unet = Unet(in_chans, out_chans, chans, num_pools, drop_prob)

    def forward(self, x):
        b, c, h, w, two = x.shape
        x = x.permute(0, 4, 1, 2, 3).reshape(b, 2 * c, h, w)
        # normalise first: statistics of the unpadded image, per real / imaginary group
        grouped = x.reshape(b, 2, c * h * w)
        mean = grouped.mean(dim=2).reshape(b, 2, 1, 1)
        std = grouped.std(dim=2).reshape(b, 2, 1, 1)
        x = (x - mean) / std
        # then pad to a multiple of 16
        hm, wm = ((h - 1) | 15) + 1, ((w - 1) | 15) + 1
        hp = (math.floor((hm - h) / 2), math.ceil((hm - h) / 2))
        wp = (math.floor((wm - w) / 2), math.ceil((wm - w) / 2))
        x = self.unet(F.pad(x, [wp[0], wp[1], hp[0], hp[1]]))
        x = x[..., hp[0]:hm - hp[1], wp[0]:wm - wp[1]]
        x = x * std + mean
        return x.reshape(b, 2, c, h, w).permute(0, 2, 3, 4, 1).contiguous()


def low_frequency_block(mask, num_low_frequencies=None):
    """fastMRI's get_pad_and_num_low_freqs for batch 1: (start, count) of the centre block along W."""
    if num_low_frequencies:
        n = torch.tensor([num_low_frequencies])
    else:
        m = mask[:, 0, 0, :, 0].to(torch.int8)
        cent = m.shape[1] // 2
        left = torch.argmin(m[:, :cent].flip(1), dim=1)   # first unsampled line left of the centre
        right = torch.argmin(m[:, cent:], dim=1)           # ... and from the centre on
        n = torch.max(2 * torch.min(left, right), torch.ones_like(left))
    start = (mask.shape[-2] - n + 1) // 2
    return int(start[0]), int(n[0])


class SensitivityModel(nn.Module):
    def __init__(self, chans, num_pools, drop_prob=0.0):
        super().__init__()
        self.norm_unet = NormUnet(chans, num_pools, drop_prob=drop_prob)

    def forward(self, masked_kspace, mask, num_low_frequencies=None):
        start, n = low_frequency_block(mask, num_low_frequencies)
        low = torch.zeros_like(masked_kspace)
        low[:, :, :, start:start + n] = masked_kspace[:, :, :, start:start + n]
        images = ifft2c(low)
        b, c, h, w, two = images.shape
        maps = self.norm_unet(images.reshape(b * c, 1, h, w, 2)).reshape(b, c, h, w, 2)
        return maps / rss_complex(maps, dim=1).unsqueeze(-1).unsqueeze(1)


class VarNetBlock(nn.Module):
    def __init__(self, model, zero_buffer=False):
        super().__init__()
        self.model = model
        self.dc_weight = nn.Parameter(torch.ones(1))
        if zero_buffer:  # fastMRI before 0abc8e2 kept this constant as a buffer; checkpoints of that time carry it
            self.register_buffer("zero", torch.zeros(1, 1, 1, 1, 1))

    def forward(self, current, ref, mask, maps):
        zero = torch.zeros(1, 1, 1, 1, 1).to(current)
        soft_dc = torch.where(mask, current - ref, zero) * self.dc_weight
        image = complex_mul(ifft2c(current), complex_conj(maps)).sum(dim=1, keepdim=True)
        model_term = fft2c(complex_mul(self.model(image), maps))
        return current - soft_dc - model_term


class FastMriVarNet(nn.Module):
    """fastMRI's VarNet: state-dict keys sens_net.norm_unet.unet.*, cascades.N.model.unet.*, cascades.N.dc_weight."""

    def __init__(self, num_cascades=12, sens_chans=8, sens_pools=4, chans=18, pools=4, zero_buffers=False):
        super().__init__()
        self.sens_net = SensitivityModel(sens_chans, sens_pools)
        self.cascades = nn.ModuleList([VarNetBlock(NormUnet(chans, pools), zero_buffers)
                                       for _ in range(num_cascades)])

    def forward(self, masked_kspace, mask, num_low_frequencies=None):
        maps = self.sens_net(masked_kspace, mask, num_low_frequencies)
        k = masked_kspace.clone()
        for cascade in self.cascades:
            k = cascade(k, masked_kspace, mask, maps)
        return rss_complex(ifft2c(k), dim=1)


# ---------------------------------------------------------------------------------------------------------------
# Johnson et al. 2022 (RadiologyJohnson2022/RunInference.py): same network, other modules and names
# ---------------------------------------------------------------------------------------------------------------

def _legacy_shift(x):
    """Their fftshift over the image axes of [..., H, W, 2]: roll by n // 2 (used before *and* after the FFT)."""
    return torch.roll(x, shifts=(x.shape[-3] // 2, x.shape[-2] // 2), dims=(-3, -2))


def legacy_ft(x):
    return _legacy_shift(torch.view_as_real(torch.fft.fft2(_as_complex(_legacy_shift(x)), norm="ortho")))


def legacy_ift(x):
    return _legacy_shift(torch.view_as_real(torch.fft.ifft2(_as_complex(_legacy_shift(x)), norm="ortho")))


class Push(nn.Module):
    pass


class Pop(nn.Module):
    pass


class SequentialPlus(nn.Sequential):
    """Sequential whose Push/Pop modules keep U-Net skips and whose k-space modules also see the input dict."""

    def forward(self, input):
        stack = []
        x = input["kspace"].clone() if isinstance(input, dict) else input
        for module in self:
            if isinstance(module, Push):
                stack.append(x)
            elif isinstance(module, Pop):
                x = torch.cat((x, stack.pop()), 1)
            elif isinstance(module, (MaskCenter, SoftDC)):
                x = module(x, input)
            else:
                x = module(x)
        return x


class Norm(nn.Module):
    """Group norm over the two (re, im) groups, unbiased std, of the already padded image."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        b, c, h, w = x.shape
        g = x.reshape(b, 2, c // 2 * h * w)
        mean = g.mean(dim=2).reshape(b, 2, 1, 1, 1).expand(b, 2, c // 2, 1, 1).reshape(b, c, 1, 1)
        std = g.std(dim=2).reshape(b, 2, 1, 1, 1).expand(b, 2, c // 2, 1, 1).reshape(b, c, 1, 1)
        return self.model((x - mean) / std) * std + mean


class Pad(nn.Module):
    """Zero-pads to a multiple of 16 (floor half before) around the wrapped module: padding comes first."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        h, w = x.shape[-2:]
        hm, wm = ((h - 1) | 15) + 1, ((w - 1) | 15) + 1
        hp = (math.floor((hm - h) / 2), math.ceil((hm - h) / 2))
        wp = (math.floor((wm - w) / 2), math.ceil((wm - w) / 2))
        x = self.model(F.pad(x, [wp[0], wp[1], hp[0], hp[1]]))
        return x[..., hp[0]:hm - hp[1], wp[0]:wm - wp[1]]


class Complex2Fm(nn.Module):
    def forward(self, x):
        b, c, h, w, two = x.shape
        return x.permute(0, 4, 1, 2, 3).reshape(b, 2 * c, h, w)


class Fm2Complex(nn.Module):
    def forward(self, x):
        b, c2, h, w = x.shape
        return x.reshape(b, 2, c2 // 2, h, w).permute(0, 2, 3, 4, 1)


def _conv(cin, cout, transpose=False):
    first = nn.ConvTranspose2d(cin, cout, 2, 2, bias=False) if transpose else nn.Conv2d(cin, cout, 3, 1, 1, bias=False)
    return [first, nn.InstanceNorm2d(cout), nn.LeakyReLU(0.2, True)]


def johnson_unet(f, fm_in=2, fm_out=2):
    """Their 4-level U-Net as one flat SequentialPlus (weights at indices 0, 3, 8, 11, ..., 78)."""
    layers = []
    ch_in = fm_in
    for level in range(4):
        layers += _conv(ch_in, f << level) + _conv(f << level, f << level) + [Push(), nn.AvgPool2d(2, 2)]
        ch_in = f << level
    layers += _conv(8 * f, 16 * f) + _conv(16 * f, 16 * f)
    for level in (3, 2, 1, 0):
        layers += _conv(2 * f << level, f << level, transpose=True) + [Pop()]
        layers += _conv(2 * f << level, f << level) + _conv(f << level, f << level)
    layers.append(nn.Conv2d(f, fm_out, 1))
    return SequentialPlus(*layers)


def cunet(f):
    return nn.Sequential(Complex2Fm(), Pad(Norm(johnson_unet(f))), Fm2Complex())


class MaskCenter(nn.Module):
    def forward(self, x, input):
        n = int(input["num_lf"])
        start = (x.shape[-2] - n + 1) // 2
        y = torch.zeros_like(x)
        y[:, :, :, start:start + n] = x[:, :, :, start:start + n]
        return y


class IFT(nn.Module):
    def forward(self, x):
        return legacy_ift(x)


class Fm2Batch(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        b, c, *other = x.shape
        return self.model(x.reshape(b * c, 1, *other)).reshape(b, c, *other)


class DividedRSS(nn.Module):
    def forward(self, x):
        return x / (x ** 2).sum(-1).sum(1, keepdim=True).sqrt().unsqueeze(-1)


class RSS(nn.Module):
    def forward(self, x):
        return (x ** 2).sum(-1).sum(1, keepdim=True).sqrt()


class SoftDC(nn.Module):
    """k-space, parallel mode: x - lambda_ * where(mask, x - k0, 0) - F S net(S^H F^-1 x)."""

    def __init__(self, net):
        super().__init__()
        self.net = net
        self.lambda_ = nn.Parameter(torch.ones(1))
        self.register_buffer("zero", torch.zeros(1, 1, 1, 1, 1))

    def forward(self, x, input):
        maps = input["sens_maps"]
        dc = self.lambda_ * torch.where(input["mask"], x - input["kspace"], self.zero)
        image = complex_mul(legacy_ift(x), complex_conj(maps)).sum(dim=1, keepdim=True)
        return x - dc - legacy_ft(complex_mul(self.net(image), maps))


class Johnson2022VarNet(nn.Module):
    """Their SensModel with the default methods "12[SoftDC(cunet(18,2)),]IFT(),RSS()" and
    "MaskCenter(),IFT(),Fm2Batch(cunet(8,2)),dRSS()": keys model_sens.2.model.1.model.model.I.weight,
    model.T.net.1.model.model.I.weight, model.T.lambda_, model.T.zero."""

    def __init__(self, cascades=12, chans=18, sens_chans=8):
        super().__init__()
        self.model_sens = SequentialPlus(MaskCenter(), IFT(), Fm2Batch(cunet(sens_chans)), DividedRSS())
        self.model = SequentialPlus(*[SoftDC(cunet(chans)) for _ in range(cascades)], IFT(), RSS())

    def forward(self, kspace, mask, num_lf):
        """kspace [1, C, H, W, 2] (zero where not sampled), mask bool [1, 1, 1, W, 1]; returns [1, 1, H, W]."""
        input = {"kspace": kspace, "mask": mask, "num_lf": num_lf}
        input["sens_maps"] = self.model_sens(input)
        return self.model(input)


# ---------------------------------------------------------------------------------------------------------------
# Random-weight checkpoints in the published file layouts
# ---------------------------------------------------------------------------------------------------------------

def randomise(model, seed):
    """Random weights as the originals start training: every layer's own (PyTorch default) initialisation, drawn
    from `seed`; the data-consistency weights, which both codebases start at 1, drawn from [0.5, 1.5] so that a
    cascade mix-up cannot go unnoticed. (He-scaled weights with random biases were tried first: such a network is so
    ill-conditioned that float32 PyTorch itself misses its float64 output by 2e-3, which no parity test survives.)"""
    torch.manual_seed(seed)
    for m in model.modules():
        if hasattr(m, "reset_parameters"):
            m.reset_parameters()
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("dc_weight") or name.endswith("lambda_"):
                p.copy_(0.5 + torch.rand(p.shape, generator=g))
    return model


def save_checkpoint(model, path, flavour):
    """flavour: 'state_dict' (fastMRI's published *_state_dict.pt), 'lightning' (a VarNetModule checkpoint: keys
    under state_dict with the prefix varnet., plus the SSIM loss buffer), 'johnson2022' ({'epoch', 'model',
    'optimizer'} as RunInference.py saves and loads it)."""
    state = model.state_dict()
    if flavour == "state_dict":
        torch.save(state, path)
    elif flavour == "lightning":
        sd = {"varnet." + k: v for k, v in state.items()}
        sd["loss.w"] = torch.ones(1, 1, 7, 7) / 49
        torch.save({"epoch": 49, "global_step": 1000, "pytorch-lightning_version": "1.9.0", "state_dict": sd,
                    "hyper_parameters": {"num_cascades": len(model.cascades), "lr": 3e-4}}, path)
    elif flavour == "johnson2022":
        torch.save({"epoch": 100, "model": state, "optimizer": {"state": {}, "param_groups": []}}, path)
    else:
        raise ValueError(flavour)
