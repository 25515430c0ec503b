"""Exports a trained VarNet as a model package for the Java side, plus the Java-vs-PyTorch test fixture.

    /usr/bin/python3 export.py --config config/varnet-phantom-v6.json \
        --out ../src/main/resources/models/varnet-phantom-v6 --fixture ../src/test/resources/org/mrirecon/varnet/fixture

torch 1.13 cannot export torch.fft, so only the learned parts become ONNX graphs (opset 17, dynamic N/H/W): the
sensitivity NormUnet and one NormUnet per cascade. Everything else - centred FFTs, masks, soft data consistency,
coil expand/reduce, the ACS low-pass, RSS normalisation of the maps, zero padding - is described in manifest.json
and done by the Java code exactly as varnet.py does it.

Format version 1 describes this project's own models. Version 2 adds two fields for models with fastMRI's
conventions (import_fastmri.py): "unetNormalisation" ("in-graph-after-padding": each graph normalises the zero-padded
image itself, version 1's behaviour; "before-padding": the graphs are bare U-Nets and Java normalises the unpadded
image, pads, crops and un-normalises) and "sensitivityInput" ("calibration-block": the ACS block as given, version
1's behaviour; "fastmri-low-frequencies": fastMRI's symmetric block derived from the mask), and "output" ("rss": the
root-sum-of-squares of the final coil images, version 1's behaviour; "sense": the magnitude of the coil-combined image
sum_c conj(S_c) x_c, which the models trained against the noise-free truth use). A package whose
conventions are version 1's is still written as version 1, so that every reader can load it.

The fixture is one small acquisition (60 x 53, 4 coils: sizes that need uneven padding) and this model's PyTorch
output for it; a JUnit test runs the package in Java + ONNX Runtime and compares.
"""
import argparse
import datetime
import hashlib
import json
import os

import numpy as np
import onnx
import torch

import data
from varnet import AFTER_PADDING, BEFORE_PADDING, CALIBRATION_BLOCK, FASTMRI_LOW_FREQUENCIES, VarNet

FORMAT = "org.mrirecon.varnet.package"
FORMAT_VERSION = 1
FORMAT_VERSION_CONVENTIONS = 2
OPSET = 17
INPUT, OUTPUT = "input", "output"
# manifest value <-> VarNet option
UNET_NORMALISATION = {"in-graph-after-padding": AFTER_PADDING, "before-padding": BEFORE_PADDING}
SENSITIVITY_INPUT = {CALIBRATION_BLOCK: CALIBRATION_BLOCK, FASTMRI_LOW_FREQUENCIES: FASTMRI_LOW_FREQUENCIES}


def conventions(model):
    """(formatVersion, manifest fields) for the model's conventions: version 1 and no fields for the defaults."""
    if model.normalisation == AFTER_PADDING and model.sensitivity_input == CALIBRATION_BLOCK and model.output == "rss":
        return FORMAT_VERSION, {}
    norm = {v: k for k, v in UNET_NORMALISATION.items()}[model.normalisation]
    return FORMAT_VERSION_CONVENTIONS, {"unetNormalisation": norm, "sensitivityInput": model.sensitivity_input,
                                        "output": model.output}


def model_options(manifest):
    """The VarNet keyword arguments a package's manifest implies (architecture and conventions)."""
    arch = manifest["architecture"]
    return {"cascades": arch["cascades"], "chans": arch["chans"], "pools": arch["pools"],
            "sens_chans": arch["sensChans"], "sens_pools": arch["sensPools"],
            "normalisation": UNET_NORMALISATION[manifest.get("unetNormalisation", "in-graph-after-padding")],
            "sensitivity_input": SENSITIVITY_INPUT[manifest.get("sensitivityInput", CALIBRATION_BLOCK)],
            "padding_multiple": manifest["paddingMultiple"], "output": manifest.get("output", "rss")}


def graph_module(model, net):
    """What one ONNX graph holds: the NormUnet, or the bare U-Net when Java normalises before padding."""
    return net.unet if model.normalisation == BEFORE_PADDING else net


def export_graphs(model, out):
    """Writes sensitivity.onnx and cascade-NN.onnx (old .onnx files in `out` are removed); returns their entries."""
    os.makedirs(out, exist_ok=True)
    for name in os.listdir(out):
        if name.endswith(".onnx"):
            os.remove(os.path.join(out, name))
    model.eval()
    sens = export_graph(graph_module(model, model.sens_net), os.path.join(out, "sensitivity.onnx"), batch=4)
    cascades = [export_graph(graph_module(model, net), os.path.join(out, f"cascade-{t + 1:02d}.onnx"), batch=1)
                for t, net in enumerate(model.cascades)]
    return sens, cascades


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def export_graph(net, path, batch):
    dummy = torch.randn(batch, 2, 32, 48)
    axes = {0: "n", 2: "h", 3: "w"}
    torch.onnx.export(net, dummy, path, opset_version=OPSET, input_names=[INPUT], output_names=[OUTPUT],
                      dynamic_axes={INPUT: axes, OUTPUT: axes}, do_constant_folding=True)
    onnx.checker.check_model(onnx.load(path))
    return {"file": os.path.basename(path), "sha256": sha256(path), "input": INPUT, "output": OUTPUT}


def write_package(model, cfg, out, validation):
    sens, cascades = export_graphs(model, out)
    m = cfg["model"]
    version, fields = conventions(model)
    manifest = {
        "format": FORMAT,
        "formatVersion": version,
        "id": cfg["name"],
        "description": "End-to-end VarNet (Sriram et al. 2020, fastMRI) trained on "
                       + (f"the fastMRI / ISMRMRD files under {cfg['data']['dir']}" if "dir" in cfg["data"]
                          else "the project's randomised knee phantom") + "; learned U-Nets as ONNX, physics in Java.",
        "created": datetime.date.today().isoformat(),
        "opset": OPSET,
        "architecture": {"type": "e2e-varnet", "cascades": m["cascades"], "chans": m["chans"], "pools": m["pools"],
                         "sensChans": m["sens_chans"], "sensPools": m["sens_pools"],
                         "parameters": sum(p.numel() for p in model.parameters())},
        "paddingMultiple": model.multiple,
        "dcWeights": [float(w) for w in model.dc_weights.detach()],
        "minimumCalibrationLines": cfg["masks"]["min_acs"],
        "normalisation": "Each graph normalises its input per image and channel by mean and unbiased std and undoes "
                         "it on the output (fastMRI NormUnet), over the zero-padded image. No global scaling: the "
                         "network is scale-equivariant. Coil maps are divided by their root-sum-of-squares.",
        "inputs": {
            "kspace": "centred multi-coil k-space [coils][phaseEncode][readout], DC at (rows/2, cols/2), "
                      "undersampled along phase-encode rows; zero on rows not acquired",
            "sensitivity": "ifft2c of k-space keeping only the ACS rows [calibrationStart, calibrationEnd), per coil "
                           "as [coils, 2 (re, im), H, W], zero-padded to paddingMultiple (floor half before)",
            "cascade": "sum over coils of conj(maps) * ifft2c(k) as [1, 2, H, W], zero-padded likewise",
        },
        **fields,
        "graphs": {"sensitivity": sens, "cascades": cascades},
        "training": cfg,
        "validation": validation,
    }
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
    return manifest


def load_package(model, folder):
    """Loads a model package's weights into a VarNet of the same architecture: every U-Net parameter from its graph's
    ONNX initialisers (export keeps PyTorch's parameter names), the soft data-consistency weights from the manifest,
    each graph checked against its SHA-256 first. Lets a shipped model be fine-tuned without its checkpoint. The
    model must have the package's conventions (build it with VarNet(**model_options(manifest)))."""
    from onnx import numpy_helper
    with open(os.path.join(folder, "manifest.json")) as f:
        manifest = json.load(f)
    wanted = model_options(manifest)
    for option in ("normalisation", "sensitivity_input"):
        if getattr(model, option) != wanted[option]:
            raise ValueError(f"{folder} has {option} {wanted[option]}, the model {getattr(model, option)}")
    if model.multiple != wanted["padding_multiple"]:
        raise ValueError(f"{folder} pads to a multiple of {wanted['padding_multiple']}, the model {model.multiple}")
    # a bare U-Net graph names its parameters without the NormUnet's "unet." prefix
    inner = ".unet" if model.normalisation == BEFORE_PADDING else ""
    graphs = [("sens_net" + inner, manifest["graphs"]["sensitivity"])]
    graphs += [(f"cascades.{t}" + inner, g) for t, g in enumerate(manifest["graphs"]["cascades"])]
    if len(graphs) - 1 != len(model.cascades):
        raise ValueError(f"{folder} has {len(graphs) - 1} cascades, the model {len(model.cascades)}")
    state = model.state_dict()
    loaded = set()
    for prefix, graph in graphs:
        path = os.path.join(folder, graph["file"])
        if sha256(path) != graph["sha256"]:
            raise ValueError(f"{path}: SHA-256 differs from the manifest")
        for init in onnx.load(path).graph.initializer:
            name = f"{prefix}.{init.name}"
            if name in state:
                value = torch.from_numpy(numpy_helper.to_array(init).copy())
                if value.shape != state[name].shape:
                    raise ValueError(f"{path}: {init.name} has shape {list(value.shape)}, the model "
                                     f"{list(state[name].shape)}")
                state[name] = value
                loaded.add(name)
    state["dc_weights"] = torch.tensor(manifest["dcWeights"], dtype=state["dc_weights"].dtype)
    loaded.add("dc_weights")
    missing = sorted(set(state) - loaded)
    if missing:
        raise ValueError(f"{folder} lacks {len(missing)} parameters of the model, e.g. {missing[:3]}")
    model.load_state_dict(state)
    return manifest


def write_fixture(model, cfg, folder, rows=60, cols=53, coils=4, acceleration=4, acs=8):
    """A low-resolution copy of a validation slice (central k-space), 4x equispaced, and the model's output."""
    kspace = data.load_kspace(data.slice_files(cfg["data"]["val"])[0])
    c, h, w = kspace.shape
    top, left = h // 2 - rows // 2, w // 2 - cols // 2
    small = np.ascontiguousarray(kspace[:coils, top:top + rows, left:left + cols])
    mask, acs_start, acs_end = data.equispaced_mask(rows, acceleration, acs)
    masked = (small * mask[None, :, None]).astype(np.complex64)
    with torch.no_grad():
        out = model(torch.from_numpy(masked)[None], torch.from_numpy(mask), acs_start, acs_end)[0].numpy()
    os.makedirs(folder, exist_ok=True)
    masked.view(np.float32).astype("<f4").tofile(os.path.join(folder, "kspace.f32"))
    out.astype("<f4").tofile(os.path.join(folder, "expected.f32"))
    meta = {"model": cfg["name"], "coils": coils, "rows": rows, "cols": cols, "acsStart": acs_start,
            "acsEnd": acs_end, "mask": [int(v) for v in mask],
            "layout": "kspace.f32: little-endian float32 [coil][row][col][re, im]; expected.f32: [row][col]"}
    with open(os.path.join(folder, "fixture.json"), "w") as f:
        json.dump(meta, f, indent=1)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--config", required=True)
    p.add_argument("--run-dir")
    p.add_argument("--out", required=True, help="model package folder")
    p.add_argument("--fixture", help="folder for the Java test fixture (phantom-trained models; none with --data)")
    a = p.parse_args()
    with open(a.config) as f:
        cfg = json.load(f)
    run_dir = a.run_dir or os.path.join("/work/varnet-data/runs", cfg["name"])
    torch.manual_seed(cfg["seed"])
    model = VarNet(**cfg["model"])
    model.load_state_dict(torch.load(os.path.join(run_dir, "model.pt"), map_location="cpu"))
    with open(os.path.join(run_dir, "validation.json")) as f:
        validation = json.load(f)
    split = os.path.join(run_dir, "split.json")
    if os.path.exists(split):  # trained with train.py --data: record the data folder and the split
        with open(split) as f:
            record = json.load(f)
        cfg["data"] = {**cfg.get("data", {}), "dir": record["data"], "train_files": len(record["train"]),
                       "val_files": len(record["val"])}
    manifest = write_package(model, cfg, a.out, validation)
    if a.fixture:
        write_fixture(model, cfg, a.fixture)
    size = sum(os.path.getsize(os.path.join(a.out, n)) for n in os.listdir(a.out))
    print(f"wrote {a.out} ({size / 1e6:.1f} MB, {len(manifest['graphs']['cascades'])} cascades)"
          + (f" and {a.fixture}" if a.fixture else ""))


if __name__ == "__main__":
    main()
