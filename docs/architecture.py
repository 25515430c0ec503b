"""Draws docs/architecture.png, the one picture of docs/architecture.md (run: /usr/bin/python3 docs/architecture.py)."""
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

BOXES = {
    # name: (x, y, w, h, colour, text)
    "api": (0.5, 0.3, 9.0, 0.9, "#dbe9f6", "recon.api 2.0  -  KSpace, SamplingPattern, Acquisition, Reconstructor (SPI), "
                                          "MethodDescriptor, ReconstructedImage, ReconContext"),
    "num": (0.5, 1.5, 9.0, 1.4, "#e3f1df", "recon.numerics  -  kernels & centred FFT over axes -> operators with shapes "
                                          "(S over map sets, M, F, SENSE + fast normal, finite differences, wavelet)\n"
                                          "-> solvers (CG, FISTA, ADMM, power iteration, prox operators); coil images / RSS / "
                                          "data consistency, ESPIRiT maps, masks, fastMRI metrics"),
    "methods": (0.5, 3.2, 4.3, 1.3, "#fdebd0", "method bundles (each holds only its own idea)\n"
                                               "recon.zerofilled  recon.grappa  recon.cs\nrecon.varnet (+ONNX Runtime)  "
                                               "third-party bundles"),
    "data": (5.2, 3.2, 4.3, 1.3, "#f2e4f7", "recon.data  -  Dataset (k-space, sampling,\nreference, truth, notes), "
                                            "ScanHeader\n<- recon.io readers   <- recon.phantom (knows its truth)"),
    "eval": (0.5, 4.8, 9.0, 1.0, "#fff4c2", "recon.evaluation  -  trials (method, sampling, parameters) -> Evaluation.run "
                                            "-> one scoring convention,\nyardsticks (reference, truth), regions, metric "
                                            "registry -> TrialResult -> Comparison (paired statistics)"),
    "report": (0.5, 6.1, 4.3, 0.8, "#e8e8e8", "recon.report  -  HTML, CSV, JSON, PNG"),
    "cli": (5.2, 6.1, 4.3, 0.8, "#e8e8e8", "recon.cli  -  commands, MethodRegistry\n(OSGi service registry, never class names)"),
    "launcher": (0.5, 7.2, 9.0, 0.7, "#d0d0d0", "launcher  -  Felix 7, Declarative Services, ConfigAdmin, File Install, "
                                                "Gogo; testing harness: recon.testing (Pax Exam)"),
}


def main():
    fig, ax = plt.subplots(figsize=(11, 8.6))
    for x, y, w, h, colour, text in BOXES.values():
        ax.add_patch(FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0.05", fc=colour, ec="#555"))
        ax.text(x + w / 2, y + h / 2, text, ha="center", va="center", fontsize=8.6, wrap=True)
    arrows = [((2.6, 3.2), (2.6, 2.9), "import"), ((2.6, 2.9), (2.6, 1.2), ""),
              ((7.3, 4.5), (7.3, 4.8), "Dataset"), ((2.6, 4.5), (2.6, 4.8), "Reconstructor services"),
              ((5.0, 5.8), (2.6, 6.1), "Comparison"), ((5.0, 5.8), (7.3, 6.1), "")]
    for (x0, y0), (x1, y1), label in arrows:
        ax.add_patch(FancyArrowPatch((x0, y0), (x1, y1), arrowstyle="-|>", mutation_scale=12, color="#333"))
        if label:
            ax.text((x0 + x1) / 2 + 0.1, (y0 + y1) / 2, label, fontsize=7.5, color="#333")
    ax.text(5.0, 8.25, "Layers (bottom: depended on; top: depends) and the one-way data flow", ha="center",
            fontsize=11, weight="bold")
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 8.5)
    ax.axis("off")
    fig.tight_layout()
    fig.savefig(os.path.join(os.path.dirname(os.path.abspath(__file__)), "architecture.png"), dpi=90)


if __name__ == "__main__":
    main()
