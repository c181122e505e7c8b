"""The voice's decoder as two-dimensional convolutions, so ONNX Runtime runs it in its fast layout.

Piper's models are exported with one-dimensional convolutions. ONNX Runtime computes those by
copying every window into a matrix first (im2col); only four-dimensional ones get its blocked
"NCHWc" kernels, which read the input in place. The decoder (the part that turns frames into
samples, ~70 % of the work) is a chain of convolutions, additions and activations, so giving
every tensor in it a height of 1 (N, C, T -> N, C, 1, T) and every kernel a height of 1 changes
no value computed, only how: the audio is the same to float rounding (audio/tests), and a story
costs 4–11 % less CPU (docs/benchmarks.md).

The rewrite runs when a worker loads the voice, in a child process (`rewritten_copy`) that
writes a temporary copy: the worker then never holds the parsed model or the onnx library,
~50-70 MB it would keep. The model file in its package is never changed. A model whose decoder
is not laid out as Piper's (another exporter) is left as it is, node by node: whatever cannot be
lifted keeps its one-dimensional form.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

# Piper's exporter names every decoder node under this scope.
DECODER_SCOPE = "/dec/"
# Element-wise operations that work the same on (N, C, 1, T) as on (N, C, T).
UNARY = {"LeakyRelu", "Relu", "Tanh", "Sigmoid"}
BINARY = {"Add", "Mul", "Sub", "Div"}
LIFTED_AXIS = "masthead_time_axis"  # the initialiser naming the new axis (2) for Unsqueeze/Squeeze


class RewriteFailed(Exception):
    pass


def rewritten_copy(model_path: Path, directory: Path) -> Path | None:
    """The rewritten model written into `directory` by a child process; None if nothing in it
    could be lifted. Raises RewriteFailed with the child's last error line."""
    copy = directory / model_path.name
    child = subprocess.run(
        [sys.executable, "-m", "audio.voice_graph", str(model_path), str(copy)],
        cwd=Path(__file__).resolve().parent.parent,  # so `-m audio.voice_graph` finds this package
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if child.returncode != 0:
        lines = child.stderr.strip().splitlines()
        raise RewriteFailed(lines[-1] if lines else f"the rewrite exited with status {child.returncode}")
    return copy if int(child.stdout.strip() or 0) else None


def decoder_in_two_dimensions(model_path: Path) -> tuple[bytes, int]:
    """The model with its decoder lifted to (N, C, 1, T), serialised; and how many nodes were lifted."""
    import onnx

    model = onnx.load(str(model_path))
    lifted = lift_decoder(model)
    return model.SerializeToString(), lifted


def lift_decoder(model: Any) -> int:
    """Rewrite `model` in place; return how many decoder nodes now compute in four dimensions."""
    import numpy as np
    from onnx import helper, numpy_helper

    graph = model.graph
    initialisers = {tensor.name: tensor for tensor in graph.initializer}
    uses = Counter(name for node in graph.node for name in node.input)
    constants = {node.output[0]: node for node in graph.node if node.op_type == "Constant"}

    def is_scalar(name: str) -> bool:
        if name in initialisers:
            return int(np.prod(initialisers[name].dims)) == 1
        if name in constants and constants[name].attribute and constants[name].attribute[0].name == "value":
            return int(np.prod(constants[name].attribute[0].t.dims)) == 1
        return False

    graph.initializer.append(numpy_helper.from_array(np.array([2], dtype=np.int64), LIFTED_AXIS))
    four_d: dict[str, str] = {}  # tensor name -> its (N, C, 1, T) twin
    only_four_d: set[str] = set()  # tensors that exist only as the twin until a consumer needs them
    nodes: list[Any] = []
    lifted = 0

    def as_four_d(name: str) -> str:
        if name not in four_d:
            four_d[name] = f"{name}__2d"
            nodes.append(helper.make_node("Unsqueeze", [name, LIFTED_AXIS], [four_d[name]]))
        return four_d[name]

    def as_three_d(name: str) -> None:
        if name in only_four_d:
            nodes.append(helper.make_node("Squeeze", [four_d[name], LIFTED_AXIS], [name]))
            only_four_d.discard(name)

    def produce_four_d(name: str) -> str:
        four_d[name] = f"{name}__2d"
        only_four_d.add(name)
        return four_d[name]

    for node in graph.node:
        in_decoder = node.name.startswith(DECODER_SCOPE)
        attributes = {attribute.name: helper.get_attribute_value(attribute) for attribute in node.attribute}
        if in_decoder and _liftable_convolution(node, attributes, initialisers, uses):
            weight = initialisers[node.input[1]]
            weight.CopyFrom(numpy_helper.from_array(numpy_helper.to_array(weight)[:, :, None, :], weight.name))
            attributes.setdefault("kernel_shape", list(weight.dims[2:]))
            for name in ("kernel_shape", "strides", "dilations", "output_padding"):
                if name in attributes and len(attributes[name]) == 1:
                    attributes[name] = [1 if name != "output_padding" else 0, *attributes[name]]
            if "pads" in attributes:
                begin, end = attributes["pads"]
                attributes["pads"] = [0, begin, 0, end]
            inputs = [as_four_d(node.input[0]), *node.input[1:]]
            nodes.append(
                helper.make_node(node.op_type, inputs, [produce_four_d(node.output[0])], name=node.name, **attributes)
            )
            lifted += 1
        elif in_decoder and node.op_type in UNARY and node.input[0] in four_d:
            twin = helper.make_node(
                node.op_type, [four_d[node.input[0]]], [produce_four_d(node.output[0])], name=node.name
            )
            twin.attribute.extend(node.attribute)
            nodes.append(twin)
            lifted += 1
        elif (
            in_decoder
            and node.op_type in BINARY
            and any(name in four_d for name in node.input)
            and all(name in four_d or is_scalar(name) for name in node.input)
        ):
            inputs = [four_d.get(name, name) for name in node.input]
            nodes.append(helper.make_node(node.op_type, inputs, [produce_four_d(node.output[0])], name=node.name))
            lifted += 1
        else:
            for name in node.input:
                as_three_d(name)
            nodes.append(node)
    for output in graph.output:
        as_three_d(output.name)
    if not lifted:
        graph.initializer.pop()
        return 0
    del graph.node[:]
    graph.node.extend(nodes)
    return lifted


def _liftable_convolution(
    node: Any, attributes: dict[str, Any], initialisers: dict[str, Any], uses: Counter[str]
) -> bool:
    if node.op_type not in ("Conv", "ConvTranspose") or len(node.input) < 2:
        return False
    weight = initialisers.get(node.input[1])
    # The weight is reshaped in place, so a weight another node also reads stays as it is.
    if weight is None or len(weight.dims) != 3 or uses[weight.name] != 1:
        return False
    # Explicit pads only: automatic padding or a fixed output shape would need their own arithmetic.
    return attributes.get("auto_pad", b"NOTSET") in (b"NOTSET", "NOTSET") and "output_shape" not in attributes


def main(arguments: list[str]) -> int:
    """`python -m audio.voice_graph MODEL COPY`: write the rewritten model; print how many nodes."""
    source, destination = (Path(argument) for argument in arguments)
    data, lifted = decoder_in_two_dimensions(source)
    if lifted:
        destination.write_bytes(data)
    print(lifted)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
