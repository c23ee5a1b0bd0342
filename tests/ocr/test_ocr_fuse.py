"""The recogniser's graph with its scale-and-shift steps and hard-swish folded (gaicheck/ocr/fuse.py): what is
folded in the shipped PP-OCRv4 model, that the folded graph computes what the shipped one does, and that the
engine runs it."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("cv2")  # the ocr extra
rapidocr = pytest.importorskip("rapidocr_onnxruntime")

import numpy as np  # noqa: E402
import onnxruntime  # noqa: E402

from gaicheck.ocr import engine, fuse  # noqa: E402

MODEL = Path(rapidocr.__file__).parent / "models" / "ch_PP-OCRv4_rec_infer.onnx"


def _ops(data: bytes) -> dict[str, int]:
    graph = fuse._messages()["ModelProto"].FromString(data).graph
    counts: dict[str, int] = {}
    for node in graph.node:
        counts[node.op_type] = counts.get(node.op_type, 0) + 1
    return counts


def _session(model: str | bytes) -> onnxruntime.InferenceSession:
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    return onnxruntime.InferenceSession(model, sess_options=options, providers=["CPUExecutionProvider"])


def test_shipped_model_folded() -> None:
    before = _ops(MODEL.read_bytes())
    data = fuse.fused_model(str(MODEL))
    assert data is not None
    after = _ops(data)
    # 28 hard-swishes (Add 3, Clip, Mul, Div 6 → HardSigmoid, Mul), 28 `·a + b` into their convolution,
    # 12 `·c + d` into the 1 × 1 convolution after them
    assert (before["Clip"], before["Div"], before["HardSigmoid"]) == (28, 33, 2)
    assert (after.get("Clip", 0), after["Div"], after["HardSigmoid"]) == (0, 5, 30)
    assert (before["Mul"], after["Mul"]) == (107, 107 - 28 - 28 - 12 + 28)
    assert (before["Add"], after["Add"]) == (107, 107 - 28 - 28 - 12)
    assert before["Conv"] == after["Conv"] == 38


def test_folded_graph_computes_the_same() -> None:
    data = fuse.fused_model(str(MODEL))
    assert data is not None
    shipped, fused = _session(str(MODEL)), _session(data)
    name = shipped.get_inputs()[0].name
    batch = np.random.default_rng(7).uniform(-1, 1, (3, 3, 48, 160)).astype(np.float32)
    want, got = shipped.run(None, {name: batch})[0], fused.run(None, {name: batch})[0]
    assert want.shape == got.shape
    assert float(np.abs(want - got).max()) < 1e-4  # float rounding only
    assert (want.argmax(axis=2) == got.argmax(axis=2)).all()


def test_engine_runs_the_folded_graph() -> None:
    session = engine._engine().text_rec.session.session
    shipped = _session(str(MODEL))
    name = shipped.get_inputs()[0].name
    batch = np.random.default_rng(3).uniform(-1, 1, (1, 3, 48, 96)).astype(np.float32)
    want, got = shipped.run(None, {name: batch})[0], session.run(None, {name: batch})[0]
    assert float(np.abs(want - got).max()) < 1e-4
    assert not np.array_equal(want, got)  # (the shipped graph would give the very same floats)


def test_nothing_to_fold(tmp_path: Path) -> None:
    messages = fuse._messages()
    node = messages["NodeProto"](op_type="Relu", input=["x"], output=["y"])
    model = messages["ModelProto"](graph=messages["GraphProto"](node=[node]))
    path = tmp_path / "relu.onnx"
    path.write_bytes(model.SerializeToString())
    assert fuse.fused_model(str(path)) is None


class _Holder:
    """What engine._use_fused is given: RapidOCR's session holder (its session, its options)."""

    def __init__(self) -> None:
        self.session: object = _session(str(MODEL))

    @staticmethod
    def _init_sess_opts(config: dict[str, int]) -> onnxruntime.SessionOptions:
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = config["intra_op_num_threads"]
        return options


@pytest.mark.parametrize("made", [b"not a model", None])
def test_a_graph_not_folded_leaves_the_shipped_model(monkeypatch: pytest.MonkeyPatch, made: bytes | None) -> None:
    monkeypatch.setattr(fuse, "fused_model", lambda path: made)
    holder = _Holder()
    engine._use_fused(holder)
    shipped = _session(str(MODEL))
    name = shipped.get_inputs()[0].name
    batch = np.random.default_rng(5).uniform(-1, 1, (1, 3, 48, 96)).astype(np.float32)
    assert isinstance(holder.session, onnxruntime.InferenceSession)
    assert np.array_equal(shipped.run(None, {name: batch})[0], holder.session.run(None, {name: batch})[0])
