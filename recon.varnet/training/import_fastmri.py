"""Converts a published VarNet checkpoint into a model package the Java side runs. One command:

    /usr/bin/python3 import_fastmri.py CHECKPOINT OUT_DIR [--id NAME] [--min-acs N] [--no-check]

Reads, with torch.load on the CPU (weights only are used):
- fastMRI's state dicts (knee_leaderboard_state_dict.pt, brain_leaderboard_state_dict.pt: keys
  sens_net.norm_unet.unet.*, cascades.N.model.unet.*, cascades.N.dc_weight), also with the `cascades.N.zero` buffers
  of checkpoints from before fastMRI dropped them, or behind DataParallel's `module.` prefix;
- fastMRI Lightning checkpoints (VarNetModule: the same keys under checkpoint["state_dict"] with the prefix
  `varnet.`; the SSIM loss buffer and other non-model entries are ignored);
- the seed study's model (Johnson et al., Radiology 2022, fastmri_examples/RadiologyJohnson2022: the default methods
  "12[SoftDC(cunet(18,2)),]IFT(),RSS()" and "MaskCenter(),IFT(),Fm2Batch(cunet(8,2)),dRSS()", weights under
  checkpoint["model"], SoftDC.lambda_ as the data-consistency weight).

What the conversion does:
- renames every U-Net weight to varnet.py's layout and stacks the per-cascade data-consistency weights;
- transposes every 3x3 and 2x2 kernel: fastMRI undersamples along its last image axis W, this project along the
  rows, so its images are ours transposed (1x1 kernels and the rest of the network commute with the transpose);
- keeps each model's conventions and writes them into the manifest: fastMRI normalises the unpadded image before
  padding to a multiple of 16 (the graphs become bare U-Nets, Java normalises: unetNormalisation "before-padding")
  and feeds its sensitivity net the symmetric low-frequency block it derives from the mask (sensitivityInput
  "fastmri-low-frequencies"); Johnson 2022 pads to 16 before normalising and takes the ACS block as given, which is
  this project's own convention (a format version 1 package);
- checks itself (unless --no-check): the written package, read back with export.load_package, must reproduce the
  original architecture (fastmri_reference.py) run on the checkpoint, on a small synthetic acquisition.

The output image is the RSS over coils of the whole k-space matrix, as fastMRI's model returns it; fastMRI crops it
to the header's reconstruction size (e.g. 320 x 320) outside the model, and so does this framework (Dataset
.cropToReference).
Limits: 3x3 kernels only; U-Nets of at most 4 pools (fastMRI pads to 16 whatever the depth); for Johnson 2022 the
legacy FFT shifts equal the centred FFT only for even matrix sizes (all fastMRI knee data is even), Java uses the
centred FFT.
"""
import argparse
import datetime
import hashlib
import json
import os
import re
import sys

import numpy as np
import torch

import export
import fastmri_reference as ref
from varnet import AFTER_PADDING, BEFORE_PADDING, CALIBRATION_BLOCK, FASTMRI_LOW_FREQUENCIES, VarNet

FASTMRI_PADDING = 16
FASTMRI, LIGHTNING, JOHNSON = "fastmri-state-dict", "fastmri-lightning", "johnson2022"


def file_sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_checkpoint(path):
    """(layout, {name: tensor}, notes): the model's tensors under the names of its own codebase."""
    obj = torch.load(path, map_location="cpu")
    notes = []
    if not isinstance(obj, dict):
        raise ValueError(f"{path} holds a {type(obj).__name__}, not a state dict or checkpoint dict")
    if isinstance(obj.get("state_dict"), dict):
        sd = obj["state_dict"]
        state = {k[len("varnet."):]: v for k, v in sd.items() if k.startswith("varnet.")}
        if not state:
            raise ValueError(f"{path} is a Lightning checkpoint without 'varnet.' keys (a VarNetModule): its "
                             f"state_dict starts with {sorted({k.split('.')[0] for k in sd})}")
        others = sorted(k for k in sd if not k.startswith("varnet."))
        if others:
            notes.append(f"ignored {len(others)} non-model entries of the Lightning module: {', '.join(others)}")
        return LIGHTNING, state, notes
    if isinstance(obj.get("model"), dict):
        obj = obj["model"]
    state = {k[len("module."):] if k.startswith("module.") else k: v for k, v in obj.items()}
    if not all(torch.is_tensor(v) for v in state.values()):
        raise ValueError(f"{path} is a dict of {sorted(state)[:5]}..., not a state dict")
    if any(k.startswith("model_sens.") for k in state):
        return JOHNSON, state, notes
    if any(k.startswith("sens_net.") for k in state):
        return FASTMRI, state, notes
    raise ValueError(f"{path}: neither fastMRI's VarNet (sens_net.*, cascades.*) nor Johnson 2022's layout "
                     f"(model_sens.*, model.*); its keys start with {sorted({k.split('.')[0] for k in state})}")


# ------------------------------------------------------------------------------------------------------------
# Name maps: source key -> varnet.py key, for one U-Net
# ------------------------------------------------------------------------------------------------------------

def fastmri_unet_names(src, dst, pools):
    """fastMRI's Unet (ConvBlock weights at layers.0 and layers.4, a Dropout2d at 3) onto varnet.Unet (0 and 3)."""
    names = {}
    for i in range(pools):
        for s, d in ((0, 0), (4, 3)):
            names[f"{src}down_sample_layers.{i}.layers.{s}.weight"] = f"{dst}down.{i}.layers.{d}.weight"
    for s, d in ((0, 0), (4, 3)):
        names[f"{src}conv.layers.{s}.weight"] = f"{dst}bottom.layers.{d}.weight"
    for i in range(pools):
        names[f"{src}up_transpose_conv.{i}.layers.0.weight"] = f"{dst}up_transpose.{i}.layers.0.weight"
        block = f"up_conv.{i}." + ("0." if i == pools - 1 else "")
        for s, d in ((0, 0), (4, 3)):
            names[f"{src}{block}layers.{s}.weight"] = f"{dst}{block}layers.{d}.weight"
    for p in ("weight", "bias"):
        names[f"{src}up_conv.{pools - 1}.1.{p}"] = f"{dst}up_conv.{pools - 1}.1.{p}"
    return names


def johnson_unet_names(src, dst):
    """Johnson 2022's flat 4-level SequentialPlus (conv, norm, LeakyReLU triples; Push/Pop/AvgPool between) onto
    varnet.Unet: down convolutions at 8L and 8L + 3, bottom at 32 and 35, per up step j a transposed convolution
    at 38 + 10j and convolutions at 42 + 10j and 45 + 10j, the final 1x1 convolution at 78."""
    names = {}
    for level in range(4):
        names[f"{src}{8 * level}.weight"] = f"{dst}down.{level}.layers.0.weight"
        names[f"{src}{8 * level + 3}.weight"] = f"{dst}down.{level}.layers.3.weight"
    names[f"{src}32.weight"] = f"{dst}bottom.layers.0.weight"
    names[f"{src}35.weight"] = f"{dst}bottom.layers.3.weight"
    for j in range(4):
        block = f"up_conv.{j}." + ("0." if j == 3 else "")
        names[f"{src}{38 + 10 * j}.weight"] = f"{dst}up_transpose.{j}.layers.0.weight"
        names[f"{src}{42 + 10 * j}.weight"] = f"{dst}{block}layers.0.weight"
        names[f"{src}{45 + 10 * j}.weight"] = f"{dst}{block}layers.3.weight"
    names[f"{src}78.weight"] = f"{dst}up_conv.3.1.weight"
    names[f"{src}78.bias"] = f"{dst}up_conv.3.1.bias"
    return names


def count_indices(state, pattern):
    return len({int(m.group(1)) for k in state for m in [re.match(pattern, k)] if m})


def architecture(layout, state):
    """VarNet options, name map (source -> ours), DC-weight keys and the buffers to drop, from the tensors."""
    if layout == JOHNSON:
        cascades = count_indices(state, r"model\.(\d+)\.lambda_$")
        sens_src, casc_src = "model_sens.2.model.1.model.model.", "model.{t}.net.1.model.model."
        chans = state[casc_src.format(t=0) + "0.weight"].shape[0]
        sens_chans = state[sens_src + "0.weight"].shape[0]
        pools = sens_pools = 4
        names = johnson_unet_names(sens_src, "sens_net.unet.")
        for t in range(cascades):
            names.update(johnson_unet_names(casc_src.format(t=t), f"cascades.{t}.unet."))
        dc = [f"model.{t}.lambda_" for t in range(cascades)]
        drop = [f"model.{t}.zero" for t in range(cascades)]
        options = {"normalisation": AFTER_PADDING, "sensitivity_input": CALIBRATION_BLOCK}
    else:
        cascades = count_indices(state, r"cascades\.(\d+)\.dc_weight$")
        sens_src, casc_src = "sens_net.norm_unet.unet.", "cascades.{t}.model.unet."
        pools = count_indices(state, r"cascades\.0\.model\.unet\.down_sample_layers\.(\d+)\.")
        sens_pools = count_indices(state, r"sens_net\.norm_unet\.unet\.down_sample_layers\.(\d+)\.")
        chans = state[casc_src.format(t=0) + "down_sample_layers.0.layers.0.weight"].shape[0]
        sens_chans = state[sens_src + "down_sample_layers.0.layers.0.weight"].shape[0]
        names = fastmri_unet_names(sens_src, "sens_net.unet.", sens_pools)
        for t in range(cascades):
            names.update(fastmri_unet_names(casc_src.format(t=t), f"cascades.{t}.unet.", pools))
        dc = [f"cascades.{t}.dc_weight" for t in range(cascades)]
        drop = [f"cascades.{t}.zero" for t in range(cascades)]
        options = {"normalisation": BEFORE_PADDING, "sensitivity_input": FASTMRI_LOW_FREQUENCIES}
    if cascades == 0:
        raise ValueError("the checkpoint has no cascades")
    if max(pools, sens_pools) > 4:
        raise ValueError(f"U-Nets of {max(pools, sens_pools)} pools: fastMRI pads to 16 and lets deeper U-Nets "
                         "reflect-pad odd sizes inside, which the exported graphs do not; at most 4 pools")
    arch = {"cascades": cascades, "chans": int(chans), "pools": pools, "sens_chans": int(sens_chans),
            "sens_pools": sens_pools}
    return arch, options, names, dc, drop


def convert(path):
    """(VarNet with the checkpoint's weights, its architecture, the manifest's source record)."""
    layout, state, notes = read_checkpoint(path)
    arch, options, names, dc, drop = architecture(layout, state)
    dropped = [k for k in drop if k in state]
    if dropped:
        notes.append(f"dropped {len(dropped)} constant buffers ({dropped[0]}, ...), as later fastMRI versions did")
    unknown = sorted(set(state) - set(names) - set(dc) - set(dropped))
    if unknown:
        raise ValueError(f"{len(unknown)} tensors of the checkpoint have no place in the model (another "
                         f"architecture?): {unknown[:6]}")
    missing = sorted((set(names) | set(dc)) - set(state))
    if missing:
        raise ValueError(f"the checkpoint lacks {len(missing)} tensors of the architecture {arch}: {missing[:6]}")
    model = VarNet(**arch, **options, padding_multiple=FASTMRI_PADDING)
    target = model.state_dict()
    if set(target) != set(names.values()) | {"dc_weights"}:
        raise AssertionError(f"name map and model disagree: {sorted(set(target) ^ set(names.values()))[:6]}")
    for src, dst in names.items():
        value = state[src].detach().float()
        if value.dim() == 4:
            if value.shape[-1] not in (1, 2, 3) or value.shape[-1] != value.shape[-2]:
                raise ValueError(f"{src} has a {value.shape[-2]}x{value.shape[-1]} kernel; only 3x3 convolutions, "
                                 "2x2 transposed convolutions and the final 1x1 are supported")
            value = value.transpose(-1, -2)  # W (fastMRI's undersampled axis) <-> H: ours are rows
        if value.shape != target[dst].shape:
            raise ValueError(f"{src} has shape {list(value.shape)}, {dst} expects {list(target[dst].shape)}")
        target[dst] = value.contiguous()
    target["dc_weights"] = torch.cat([state[k].detach().float().reshape(1) for k in dc])
    model.load_state_dict(target)
    model.eval()
    source = {"checkpoint": os.path.basename(path), "sha256": file_sha256(path), "layout": layout,
              "tensors": len(state), "parameters": int(sum(state[k].numel() for k in set(names) | set(dc))),
              "notes": notes + ["every 3x3 and 2x2 kernel transposed: fastMRI undersamples along its last image "
                                "axis W, this project along the rows"]}
    return model, arch, options, source


def write(model, arch, options, source, out, model_id, min_acs):
    sens, cascades = export.export_graphs(model, out)
    version, fields = export.conventions(model)
    johnson = source["layout"] == JOHNSON
    manifest = {
        "format": export.FORMAT,
        "formatVersion": version,
        "id": model_id,
        "description": ("Johnson et al. 2022 (fastMRI prospective knee VarNet)" if johnson else
                        "fastMRI end-to-end VarNet (Sriram et al. 2020)") + f", imported from {source['checkpoint']} "
                       "by recon.varnet/training/import_fastmri.py; learned U-Nets as ONNX, physics in Java.",
        "created": datetime.date.today().isoformat(),
        "opset": export.OPSET,
        "architecture": {"type": "e2e-varnet", "cascades": arch["cascades"], "chans": arch["chans"],
                         "pools": arch["pools"], "sensChans": arch["sens_chans"], "sensPools": arch["sens_pools"],
                         "parameters": sum(p.numel() for p in model.parameters())},
        "paddingMultiple": model.multiple,
        "dcWeights": [float(w) for w in model.dc_weights.detach()],
        "minimumCalibrationLines": min_acs,
        **fields,
        "normalisation": ("Each graph normalises the zero-padded image per channel by mean and unbiased std and "
                          "undoes it (Johnson 2022's Pad(Norm(...)))." if johnson else
                          "Graphs are bare U-Nets: Java normalises each unpadded image per channel (re, im) by mean "
                          "and unbiased std, zero-pads to paddingMultiple, crops the output and undoes the "
                          "normalisation (fastMRI's NormUnet).") + " Coil maps are divided by their RSS.",
        "inputs": {
            "kspace": "centred multi-coil k-space [coils][phaseEncode][readout] (fastMRI's [coils][H][W] "
                      "transposed), zero on rows not acquired; readout oversampling kept, as fastMRI trains",
            "sensitivity": ("ifft2c of the calibration rows [calibrationStart, calibrationEnd) as given (Johnson "
                            "2022: MaskCenter with the number of low frequencies)" if johnson else
                            "ifft2c of fastMRI's symmetric low-frequency block derived from the mask"),
            "output": "RSS of the final coil images over the whole matrix; crop to the header's reconstruction "
                      "size (fastMRI: 320 x 320) outside the model",
        },
        "graphs": {"sensitivity": sens, "cascades": cascades},
        "source": source,
    }
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
    return manifest


# ------------------------------------------------------------------------------------------------------------
# The self-check: original architecture on the checkpoint vs the package read back
# ------------------------------------------------------------------------------------------------------------

def synthetic_kspace(coils, h, w, seed=0):
    """Smooth object times smooth coil maps plus noise, fastMRI layout: complex [coils, H (readout), W]."""
    rng = np.random.default_rng(seed)
    y, x = np.meshgrid(np.linspace(-1, 1, h), np.linspace(-1, 1, w), indexing="ij")
    obj = (((x / 0.7) ** 2 + (y / 0.5) ** 2) < 1) * (1 + 0.5 * np.cos(6 * x) * np.sin(4 * y))
    obj = obj + 0.6 * ((((x - 0.2) / 0.2) ** 2 + ((y + 0.1) / 0.25) ** 2) < 1)
    images = []
    for c in range(coils):
        a = 2 * np.pi * c / coils
        sens = np.exp(-((x - np.cos(a)) ** 2 + (y - np.sin(a)) ** 2)) * np.exp(1j * (a + 0.3 * x))
        images.append(obj * sens)
    k = np.fft.fftshift(np.fft.fft2(np.fft.ifftshift(np.array(images), axes=(-2, -1)), norm="ortho"), axes=(-2, -1))
    k += 0.002 * (rng.standard_normal(k.shape) + 1j * rng.standard_normal(k.shape))
    return k.astype(np.complex64)


def johnson_mask(w, acceleration, num_lf, offset=0):
    """RunInference.py's mask along W: every R-th line from offset and the num_lf centre lines at (w - n + 1) // 2."""
    mask = np.zeros(w, np.float32)
    mask[offset::acceleration] = 1
    start = (w - num_lf + 1) // 2
    mask[start:start + num_lf] = 1
    return mask, start, start + num_lf


def reference_model(layout, path, arch):
    """The original architecture (fastmri_reference.py) with the checkpoint loaded strictly, in eval mode."""
    obj = torch.load(path, map_location="cpu")
    if layout == JOHNSON:
        net = ref.Johnson2022VarNet(arch["cascades"], arch["chans"], arch["sens_chans"])
        state = obj["model"] if isinstance(obj.get("model"), dict) else obj
    else:
        state = obj["state_dict"] if layout == LIGHTNING else obj
        state = {k[len("varnet."):] if layout == LIGHTNING else k: v for k, v in state.items()
                 if layout != LIGHTNING or k.startswith("varnet.")}
        net = ref.FastMriVarNet(arch["cascades"], arch["sens_chans"], arch["sens_pools"], arch["chans"],
                                arch["pools"], zero_buffers=any(k.endswith(".zero") for k in state))
    state = {k[len("module."):] if k.startswith("module.") else k: v for k, v in state.items()}
    net.load_state_dict(state)
    return net.eval()


def run_reference(net, layout, kspace, mask, num_lf=None):
    """Original model on fastMRI-layout complex k-space [coils, H, W] and mask [W]: image [H, W]."""
    masked = kspace * mask[None, None, :]
    k = torch.view_as_real(torch.from_numpy(masked.astype(np.complex64)))[None]
    m = torch.from_numpy(mask.astype(bool)).reshape(1, 1, 1, -1, 1)
    with torch.no_grad():
        if layout == JOHNSON:
            return net(k, m, num_lf)[0, 0].numpy()
        return net(k, m)[0].numpy()


def run_package_model(model, kspace, mask, acs_start, acs_end):
    """Our-layout model on the same data (transposed: rows = fastMRI's W): image transposed back to [H, W]."""
    ours = np.ascontiguousarray((kspace * mask[None, None, :]).transpose(0, 2, 1)).astype(np.complex64)
    with torch.no_grad():
        out = model(torch.from_numpy(ours)[None], torch.from_numpy(mask.astype(np.float32)), acs_start, acs_end)
    return out[0].numpy().T


def relative_errors(got, want):
    d = np.abs(got.astype(np.float64) - want)
    return float(d.max() / np.abs(want).max()), float(np.linalg.norm(d) / np.linalg.norm(want))


def self_check(path, out, layout, arch):
    """Runs the original architecture and the written package (read back) on a 4-coil synthetic acquisition whose
    sizes are not multiples of 16; returns (max |diff| / max, ||diff|| / ||ref||)."""
    with open(os.path.join(out, "manifest.json")) as f:
        manifest = json.load(f)
    model = VarNet(**export.model_options(manifest))
    export.load_package(model, out)
    model.eval()
    h, w = (52, 44) if layout == JOHNSON else (52, 45)  # Johnson's legacy FFT shifts need even sizes
    kspace = synthetic_kspace(4, h, w)
    mask, start, end = johnson_mask(w, 4, 10, offset=1)
    want = run_reference(reference_model(layout, path, arch), layout, kspace, mask, num_lf=end - start)
    got = run_package_model(model, kspace, mask, start, end)
    return relative_errors(got, want)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("checkpoint")
    p.add_argument("out", help="model package folder to write")
    p.add_argument("--id", help="model id (default: the checkpoint's file name)")
    p.add_argument("--min-acs", type=int, default=8, help="fewest calibration lines the package accepts (default 8)")
    p.add_argument("--no-check", action="store_true", help="skip the self-check against the original architecture")
    a = p.parse_args()
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "2")))
    model_id = a.id or os.path.splitext(os.path.basename(a.checkpoint))[0].replace("_", "-")
    model, arch, options, source = convert(a.checkpoint)
    manifest = write(model, arch, options, source, a.out, model_id, a.min_acs)
    print(f"{a.checkpoint}: {source['layout']}, {source['tensors']} tensors, {source['parameters']:,} parameters, "
          f"{arch['cascades']} cascades (chans {arch['chans']}, pools {arch['pools']}; sensitivity net "
          f"{arch['sens_chans']}/{arch['sens_pools']})")
    for note in source["notes"]:
        print("  " + note)
    print(f"wrote {a.out}: formatVersion {manifest['formatVersion']}, unetNormalisation "
          f"{manifest.get('unetNormalisation', 'in-graph-after-padding')}, sensitivityInput "
          f"{manifest.get('sensitivityInput', CALIBRATION_BLOCK)}, paddingMultiple {manifest['paddingMultiple']}")
    if not a.no_check:
        worst, l2 = self_check(a.checkpoint, a.out, source["layout"], arch)
        print(f"self-check (package read back vs the original architecture, 4 coils, synthetic): max |diff| / max "
              f"= {worst:.2e}, ||diff|| / ||ref|| = {l2:.2e}")
        if worst > 1e-4:
            sys.exit("self-check failed: the package does not reproduce the checkpoint's model")


if __name__ == "__main__":
    main()
