"""Builds the tiny whole-graph test model: fastMRI's VarNet interface around a zero-filled RSS made of ONNX DFTs.

    /usr/bin/python3 make_wholegraph_test_model.py ../src/test/resources/org/mrirecon/varnet/zero-filled-rss.onnx

Inputs and output are those of fastMRI's VarNet (masked_kspace [1, C, H, W, 2], mask [1, 1, 1, W, 1] ->
[1, H, W]), so the Java side treats it like an exported VarNet, yet its output is known exactly: the RSS of the
centred inverse FFT of the masked k-space. For even H and W the centring shifts reduce to multiplying k-space by
(-1)^(ky + kx) before an ordinary inverse DFT (the remaining image-side factor has modulus 1 and drops out of the
RSS); the ONNX inverse DFT divides by N, the orthonormal one by sqrt(N), hence the final factor sqrt(H W).
"""
import sys

import onnx
from onnx import TensorProto, helper


def const(name, value, dtype=TensorProto.INT64):
    return helper.make_node("Constant", [], [name], value=helper.make_tensor(name, dtype, [len(value)], value))


def scalar(name, value, dtype=TensorProto.INT64):
    return helper.make_node("Constant", [], [name], value=helper.make_tensor(name, dtype, [], [value]))


def alternating_sign(out, shape_name, tag):
    """(-1)^i for i in range(n) as float, reshaped to broadcast along one axis of [1, C, H, W, 2]."""
    return [
        helper.make_node("Gather", ["shape", f"axis_{tag}"], [f"n_{tag}"], axis=0),
        helper.make_node("Range", ["zero", f"n_{tag}", "one"], [f"i_{tag}"]),
        helper.make_node("Mod", [f"i_{tag}", "two"], [f"parity_{tag}"]),
        helper.make_node("Cast", [f"parity_{tag}"], [f"parity_f_{tag}"], to=TensorProto.FLOAT),
        helper.make_node("Mul", [f"parity_f_{tag}", "minus_two_f"], [f"m_{tag}"]),
        helper.make_node("Add", [f"m_{tag}", "one_f"], [f"sign_{tag}"]),
        helper.make_node("Reshape", [f"sign_{tag}", shape_name], [out]),
    ]


def build():
    nodes = [
        scalar("zero", 0), scalar("one", 1), scalar("two", 2), scalar("axis_h", 2), scalar("axis_w", 3),
        scalar("one_f", 1.0, TensorProto.FLOAT), scalar("minus_two_f", -2.0, TensorProto.FLOAT),
        const("shape_h", [1, 1, -1, 1, 1]), const("shape_w", [1, 1, 1, -1, 1]), const("sum_axes", [1, 4]),
        helper.make_node("Shape", ["masked_kspace"], ["shape"]),
        helper.make_node("Mul", ["masked_kspace", "mask"], ["k"]),
    ]
    nodes += alternating_sign("sign_h5", "shape_h", "h")
    nodes += alternating_sign("sign_w5", "shape_w", "w")
    nodes += [
        helper.make_node("Mul", ["k", "sign_h5"], ["k_h"]),
        helper.make_node("Mul", ["k_h", "sign_w5"], ["k_hw"]),
        helper.make_node("DFT", ["k_hw"], ["x_h"], axis=2, inverse=1, onesided=0),
        helper.make_node("DFT", ["x_h"], ["x"], axis=3, inverse=1, onesided=0),
        helper.make_node("Mul", ["x", "x"], ["x2"]),
        helper.make_node("ReduceSum", ["x2", "sum_axes"], ["power"], keepdims=0),
        helper.make_node("Sqrt", ["power"], ["rss"]),
        helper.make_node("Mul", ["n_h", "n_w"], ["hw"]),
        helper.make_node("Cast", ["hw"], ["hw_f"], to=TensorProto.FLOAT),
        helper.make_node("Sqrt", ["hw_f"], ["scale"]),
        helper.make_node("Mul", ["rss", "scale"], ["output"]),
    ]
    graph = helper.make_graph(
        nodes, "zero_filled_rss",
        [helper.make_tensor_value_info("masked_kspace", TensorProto.FLOAT, [1, "coils", "h", "w", 2]),
         helper.make_tensor_value_info("mask", TensorProto.FLOAT, [1, 1, 1, "w", 1])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, "h", "w"])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)],
                              producer_name="recon.varnet make_wholegraph_test_model.py")
    onnx.checker.check_model(model, full_check=True)
    return model


if __name__ == "__main__":
    onnx.save(build(), sys.argv[1])
