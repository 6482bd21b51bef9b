#!/usr/bin/python3
"""Writes the tiny ONNX models the Embedding tests run (a few KB each, committed next to this file).

Run with Debian's Python, which has the onnx package once installed:
    apt-get install -y python3-onnx python3-numpy
    /usr/bin/python3 tests/RenderFarm.Embedding.Tests/Models/make_test_models.py
(A pyenv "python3" earlier on PATH lacks onnx, hence the explicit /usr/bin/python3.)

Weights come from a fixed seed so re-running gives byte-identical files. Opset 13 with IR version 7
is old enough for Debian 12's onnx 1.12 to write and still loaded by ONNX Runtime 1.31.
Most models are pure reshapes so the tests can predict every output float by hand.
"""
import json
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
FLOAT = TensorProto.FLOAT


def save(graph, path):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="renderfarm-tests")
    model.ir_version = 7
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(HERE, path))


def value(name, shape, elem=FLOAT):
    return helper.make_tensor_value_info(name, elem, shape)


def const(name, array):
    return numpy_helper.from_array(np.asarray(array), name)


def tiny_clip():
    """Conv 3->8 stride 4, Relu, GlobalAveragePool, Flatten, MatMul 8x8: a CLIP-shaped vision tower."""
    rng = np.random.RandomState(0)
    conv_w = rng.uniform(-0.5, 0.5, size=(8, 3, 4, 4)).astype(np.float32)
    # A positive bias keeps most Relu outputs alive, so no embedding is the zero vector.
    conv_b = rng.uniform(0.5, 1.0, size=(8,)).astype(np.float32)
    proj = rng.uniform(-1.0, 1.0, size=(8, 8)).astype(np.float32)
    nodes = [
        helper.make_node("Conv", ["pixel_values", "conv_w", "conv_b"], ["conv"], strides=[4, 4]),
        helper.make_node("Relu", ["conv"], ["relu"]),
        helper.make_node("GlobalAveragePool", ["relu"], ["pooled"]),
        helper.make_node("Flatten", ["pooled"], ["flat"], axis=1),
        helper.make_node("MatMul", ["flat", "proj"], ["image_embeds"]),
        # Tokens: the 4x4 feature grid as 16 tokens of width 8, like a ViT's last_hidden_state.
        helper.make_node("Reshape", ["relu", "tok_shape"], ["grid"]),
        helper.make_node("Transpose", ["grid"], ["last_hidden_state"], perm=[0, 2, 1]),
    ]
    graph = helper.make_graph(
        nodes, "tiny_clip",
        [value("pixel_values", ["batch", 3, 16, 16])],
        [value("image_embeds", ["batch", 8]), value("last_hidden_state", ["batch", 16, 8])],
        [const("conv_w", conv_w), const("conv_b", conv_b), const("proj", proj),
         const("tok_shape", np.array([0, 8, 16], dtype=np.int64))])
    save(graph, "tiny-clip/tiny-clip.onnx")
    # The same keys (and a few the embedder ignores) as openai/clip-vit-base-patch32's file, scaled down.
    config = {
        "crop_size": {"height": 16, "width": 16},
        "do_center_crop": True,
        "do_convert_rgb": True,
        "do_normalize": True,
        "do_rescale": True,
        "do_resize": True,
        "feature_extractor_type": "CLIPFeatureExtractor",
        "image_mean": [0.48145466, 0.4578275, 0.40821073],
        "image_processor_type": "CLIPImageProcessor",
        "image_std": [0.26862954, 0.26130258, 0.27577711],
        "resample": 3,
        "rescale_factor": 0.00392156862745098,
        "size": {"shortest_edge": 16},
    }
    with open(os.path.join(HERE, "tiny-clip", "preprocessor_config.json"), "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")


def flatten_model(path, input_shape, input_name="input", output_name="output", symbolic_output=False):
    """Input -> Flatten: the output is the prepared tensor itself, in memory order."""
    # A symbolic embedding width makes the embedder find it with a probe run.
    size = "features" if symbolic_output else int(np.prod(input_shape[1:]))
    batch = input_shape[0]
    graph = helper.make_graph(
        [helper.make_node("Flatten", [input_name], [output_name], axis=1)], os.path.splitext(path)[0],
        [value(input_name, input_shape)], [value(output_name, [batch, size])])
    save(graph, path)


def feature_map():
    """[b,3,4,4] reshaped to [b,12,2,2]: a CNN-style map whose pooled value is the mean of 4 inputs."""
    graph = helper.make_graph(
        [helper.make_node("Reshape", ["input", "shape"], ["features"])], "feature_map",
        [value("input", ["batch", 3, 4, 4])], [value("features", ["batch", 12, 2, 2])],
        [const("shape", np.array([0, 12, 2, 2], dtype=np.int64))])
    save(graph, "feature-map.onnx")


def tokens():
    """[b,3,2,2] -> [b,4,3]: token t is pixel t's three channels, so token 0 is the top-left pixel."""
    nodes = [
        helper.make_node("Reshape", ["input", "shape"], ["grid"]),
        helper.make_node("Transpose", ["grid"], ["tokens"], perm=[0, 2, 1]),
    ]
    graph = helper.make_graph(
        nodes, "tokens", [value("input", ["batch", 3, 2, 2])], [value("tokens", ["batch", 4, 3])],
        [const("shape", np.array([0, 3, 4], dtype=np.int64))])
    save(graph, "tokens.onnx")


def dynamic_size():
    """Spatial dims left symbolic: the embedder must take the size from config or overrides."""
    nodes = [
        helper.make_node("GlobalAveragePool", ["input"], ["pooled"]),
        helper.make_node("Flatten", ["pooled"], ["output"], axis=1),
    ]
    graph = helper.make_graph(
        nodes, "dynamic_size", [value("input", ["batch", 3, "height", "width"])], [value("output", ["batch", 3])])
    save(graph, "dynamic-size.onnx")


def bad_rank():
    graph = helper.make_graph(
        [helper.make_node("Identity", ["input"], ["output"])], "bad_rank",
        [value("input", ["batch", 10])], [value("output", ["batch", 10])])
    save(graph, "bad-rank.onnx")


def two_inputs():
    """What a full CLIP export looks like from the outside: pixels plus token ids."""
    nodes = [
        helper.make_node("Flatten", ["pixel_values"], ["image_embeds"], axis=1),
        helper.make_node("Cast", ["input_ids"], ["text_embeds"], to=FLOAT),
    ]
    graph = helper.make_graph(
        nodes, "two_inputs",
        [value("pixel_values", ["batch", 3, 4, 4]), value("input_ids", ["batch", 7], TensorProto.INT64)],
        [value("image_embeds", ["batch", 48]), value("text_embeds", ["batch", 7])])
    save(graph, "two-inputs.onnx")


def ambiguous_outputs():
    """Three outputs, none 2-D nor image_embeds: the embedder must ask which one to use."""
    nodes = [
        helper.make_node("Reshape", ["input", "shape_a"], ["a"]),
        helper.make_node("Transpose", ["a"], ["b"], perm=[0, 2, 1]),
        helper.make_node("Reshape", ["input", "shape_c"], ["c"]),
    ]
    graph = helper.make_graph(
        nodes, "ambiguous_outputs", [value("input", ["batch", 3, 4, 4])],
        [value("a", ["batch", 3, 16]), value("b", ["batch", 16, 3]), value("c", ["batch", 3, 4, 4, 1])],
        [const("shape_a", np.array([0, 3, 16], dtype=np.int64)),
         const("shape_c", np.array([0, 3, 4, 4, 1], dtype=np.int64))])
    save(graph, "ambiguous-outputs.onnx")


def main():
    tiny_clip()
    flatten_model("identity-flatten.onnx", ["batch", 3, 4, 4])
    flatten_model("nhwc.onnx", ["batch", 8, 8, 3])
    flatten_model("gray.onnx", ["batch", 1, 4, 4])
    flatten_model("static-batch.onnx", [1, 3, 4, 4])
    flatten_model("bad-channels.onnx", ["batch", 5, 4, 4])
    flatten_model("dynamic-dim.onnx", ["batch", 3, 4, 4], symbolic_output=True)
    feature_map()
    tokens()
    dynamic_size()
    bad_rank()
    two_inputs()
    ambiguous_outputs()


if __name__ == "__main__":
    main()
