"""The voice's decoder rewritten to two-dimensional convolutions computes the same audio."""

from __future__ import annotations

import logging

import numpy as np
import onnx
import onnxruntime
import pytest
from django.conf import settings
from onnx import TensorProto, helper, numpy_helper
from piper.config import SynthesisConfig

from audio import voice_graph
from audio.synthesis import load_voice, session_options, voice_files, voice_session

# The same sentences through both models; no noise, so the shipped model is deterministic too.
SILENT_NOISE = SynthesisConfig(noise_scale=0.0, noise_w_scale=0.0)
TEXT = "The night ferry sailed again on Tuesday. About 40 people were on board, the harbour master said."


def _run(session, inputs: dict[str, np.ndarray]) -> np.ndarray:
    return session.run(None, inputs)[0]


def _session(model) -> onnxruntime.InferenceSession:
    source = model if isinstance(model, str) else model.SerializeToString()
    return onnxruntime.InferenceSession(source, sess_options=session_options(), providers=["CPUExecutionProvider"])


def test_the_shipped_voice_speaks_the_same_audio_through_the_rewritten_decoder():
    voice = load_voice(settings.NARRATION_VOICE)
    shipped = _session(str(voice_files(settings.NARRATION_VOICE).model))
    ids = [voice.phonemes_to_ids(phonemes) for phonemes in voice.phonemize(TEXT) if phonemes]
    assert len(ids) == 2
    for sentence in ids:
        rewritten_audio = voice.phoneme_ids_to_audio(sentence, SILENT_NOISE)  # load_voice's session
        original = voice.session
        voice.session = shipped
        try:
            shipped_audio = voice.phoneme_ids_to_audio(sentence, SILENT_NOISE)
        finally:
            voice.session = original
        assert rewritten_audio.shape == shipped_audio.shape
        assert rewritten_audio.size > 10_000  # speech, not an empty array
        # Float rounding only: a different kernel adds in another order. 1e-4 is -80 dB full scale.
        assert np.max(np.abs(rewritten_audio - shipped_audio)) < 1e-4


def test_the_whole_decoder_of_the_shipped_voice_stays_in_two_dimensions():
    model = onnx.load(str(voice_files(settings.NARRATION_VOICE).model))
    decoder_convolutions = [
        node for node in model.graph.node if node.name.startswith("/dec/") and node.op_type.startswith("Conv")
    ]
    lifted = voice_graph.lift_decoder(model)
    weights = {tensor.name: tensor for tensor in model.graph.initializer}
    rewritten = [node for node in model.graph.node if node.name.startswith("/dec/") and node.op_type.startswith("Conv")]
    assert len(rewritten) == len(decoder_convolutions) == 23
    assert all(len(weights[node.input[1]].dims) == 4 for node in rewritten)
    assert lifted > len(rewritten)  # the additions and activations between them too
    # One way in and one way out: nothing between two convolutions drops back to one dimension,
    # which would cost a copy each time (ONNX Runtime's layout changes).
    reshapes = [node.op_type for node in model.graph.node if voice_graph.LIFTED_AXIS in node.input]
    assert reshapes == ["Unsqueeze", "Squeeze"]


def _small_decoder() -> onnx.ModelProto:
    """A decoder of every kind the rewrite meets, with a consumer outside it in the middle."""
    rng = np.random.default_rng(7)

    def weight(name: str, *shape: int) -> TensorProto:
        return numpy_helper.from_array((0.2 * rng.standard_normal(shape)).astype(np.float32), name)

    nodes = [
        helper.make_node("Conv", ["x", "w_pre", "b_pre"], ["pre"], name="/dec/conv_pre/Conv", pads=[2, 4]),
        helper.make_node("LeakyRelu", ["pre"], ["act"], name="/dec/LeakyRelu", alpha=0.1),
        helper.make_node(
            "ConvTranspose",
            ["act", "w_up"],
            ["up"],
            name="/dec/ups.0/ConvTranspose",
            strides=[4],
            pads=[2, 2],
            output_padding=[1],
        ),
        helper.make_node("Conv", ["up", "w_res"], ["res"], name="/dec/res/Conv", dilations=[3], pads=[3, 3]),
        helper.make_node("Add", ["res", "up"], ["sum"], name="/dec/res/Add"),
        helper.make_node("Constant", [], ["two"], name="/dec/Constant", value=numpy_helper.from_array(np.float32(2.0))),
        helper.make_node("Div", ["sum", "two"], ["half"], name="/dec/Div"),
        # Outside the decoder's rules: needs the one-dimensional tensor back, mid-graph.
        helper.make_node("Transpose", ["half"], ["side"], name="/side/Transpose", perm=[0, 2, 1]),
        helper.make_node("Conv", ["half", "w_post"], ["post"], name="/dec/conv_post/Conv", pads=[1, 1]),
        helper.make_node("Tanh", ["post"], ["y"], name="/dec/Tanh"),
    ]
    graph = helper.make_graph(
        nodes,
        "small",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 16, None])],
        [
            helper.make_tensor_value_info("y", TensorProto.FLOAT, None),
            helper.make_tensor_value_info("side", TensorProto.FLOAT, None),
        ],
        [
            weight("w_pre", 32, 16, 7),
            weight("b_pre", 32),
            weight("w_up", 32, 16, 8),
            weight("w_res", 16, 16, 3),
            weight("w_post", 1, 16, 3),
        ],
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 15)])


def test_every_kind_of_decoder_node_computes_the_same_values_after_the_rewrite():
    x = np.random.default_rng(3).standard_normal((1, 16, 50)).astype(np.float32)
    before = _session(_small_decoder()).run(None, {"x": x})
    model = _small_decoder()
    assert voice_graph.lift_decoder(model) == 8  # 4 convolutions, LeakyRelu, Add, Div, Tanh
    after = _session(model).run(None, {"x": x})
    for expected, got in zip(before, after, strict=True):
        assert got.shape == expected.shape
        assert np.allclose(got, expected, rtol=1e-5, atol=1e-5)
    assert [node.op_type for node in model.graph.node].count("Squeeze") == 2  # for Transpose and for y


def test_a_model_without_piper_s_decoder_is_left_as_it_is():
    model = _small_decoder()
    for node in model.graph.node:
        node.name = node.name.replace("/dec/", "/vocoder/")
    expected = model.SerializeToString()
    assert voice_graph.lift_decoder(model) == 0
    assert model.SerializeToString() == expected


def test_the_rewrite_runs_in_a_child_process_and_reports_its_error(tmp_path):
    missing = tmp_path / "gone.onnx"
    with pytest.raises(voice_graph.RewriteFailed, match=r"gone\.onnx"):
        voice_graph.rewritten_copy(missing, tmp_path)
    source = tmp_path / "voice.onnx"
    onnx.save(_small_decoder(), str(source))
    out = tmp_path / "copy"
    out.mkdir()
    copy = voice_graph.rewritten_copy(source, out)
    assert copy is not None
    assert [len(t.dims) for t in onnx.load(str(copy)).graph.initializer if t.name == "w_res"] == [4]


def test_a_model_the_rewrite_cannot_handle_is_run_as_shipped(tmp_path, monkeypatch, caplog):
    path = tmp_path / "voice.onnx"
    onnx.save(_small_decoder(), str(path))

    def broken(_path, _directory):
        raise voice_graph.RewriteFailed("an exporter we have not met")

    monkeypatch.setattr(voice_graph, "rewritten_copy", broken)
    x = np.ones((1, 16, 20), dtype=np.float32)
    with caplog.at_level(logging.WARNING, logger="audio.synthesis"):
        session = voice_session(path)
    assert "running it as shipped" in caplog.text
    expected = _session(str(path)).run(None, {"x": x})[0]
    assert np.array_equal(_run(session, {"x": x}), expected)


def test_a_weight_two_convolutions_share_is_left_as_it_is_and_both_still_compute():
    weight = numpy_helper.from_array(np.random.default_rng(5).standard_normal((4, 4, 3)).astype(np.float32), "w")
    graph = helper.make_graph(
        [
            helper.make_node("Conv", ["x", "w"], ["a"], name="/dec/a/Conv", pads=[1, 1]),
            helper.make_node("Conv", ["a", "w"], ["y"], name="/dec/b/Conv", pads=[1, 1]),
        ],
        "shared",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4, None])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
        [weight],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 15)])
    x = np.random.default_rng(6).standard_normal((1, 4, 30)).astype(np.float32)
    expected = _run(_session(model), {"x": x})
    assert voice_graph.lift_decoder(model) == 0
    assert np.array_equal(_run(_session(model), {"x": x}), expected)


@pytest.mark.parametrize("auto_pad", ["SAME_UPPER", "VALID"])
def test_a_convolution_with_automatic_padding_keeps_one_dimension(auto_pad):
    conv = helper.make_node("Conv", ["x", "w"], ["y"], name="/dec/Conv", auto_pad=auto_pad)
    graph = helper.make_graph(
        [conv],
        "auto",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4, None])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
        [numpy_helper.from_array(np.ones((4, 4, 3), dtype=np.float32), "w")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 15)])
    assert voice_graph.lift_decoder(model) == 0
    assert len(model.graph.initializer[0].dims) == 3
