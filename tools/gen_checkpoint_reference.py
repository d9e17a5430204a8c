#!/usr/bin/python3
"""Writes the checkpoint fixtures of org.torch4j.io's tests (api/src/test/resources/reference/io/)
and checks safetensors files written by torch4j.

Run with Debian's PyTorch 1.13:

    /usr/bin/python3 tools/gen_checkpoint_reference.py             # write the fixtures, then self-check
    /usr/bin/python3 tools/gen_checkpoint_reference.py --check F   # check a torch4j-written safetensors file
    /usr/bin/python3 tools/gen_checkpoint_reference.py --check F.pt  # check a torch4j-written torch.save file
    /usr/bin/python3 tools/gen_checkpoint_reference.py --check F_optimizer.pt  # PyTorch's SGD loads its state

The Java test SafeTensorsTest writes the tensors of python.safetensors with torch4j to
backend-cpu/target/torch4j-io/torch4j_written.safetensors; `--check` reads that file with this
script's own strict reader (and with the `safetensors` package when it can be imported), compares
every tensor with expected.json and the bytes with python.safetensors, and exits non-zero on any
difference. TorchSaveWriteTest writes mixed.pt's tensors with torch4j's torch.save to
backend-cpu/target/torch4j-io/torch4j_written.pt; `--check` on it loads that file with PyTorch's own
torch.load and compares it with mixed.pt's dict: keys, dtypes, values, strides, offsets, the views' shared
storage and the Parameter.

Fixtures (all deterministic: rerunning rewrites the same content):
  python.safetensors     several dtypes and shapes, a 0-d and an empty tensor, a non-ASCII name,
                         metadata {"format": "pt"}. Written by the `safetensors` package when it
                         imports (PYTHONPATH may point at a wheel unpacked with pip --target),
                         otherwise by the writer below; the self-check asserts both give the same bytes.
  model_state.pt         torch.save(model.state_dict()) of
                         nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2)) with fixed weights.
  mixed.pt               torch.save of an OrderedDict: every dtype, a 0-d and an empty tensor, views
                         sharing one storage (transposed, a row, a column), an nn.Parameter.
  complex.pt             torch.save of complex64/complex128 tensors, views sharing a storage, a complex Parameter.
  checkpoint.pt          torch.save({"model": state_dict, "epoch": 3, "optimizer": adam.state_dict(), ...}).
  hostile_os_system.pt   a torch.save-shaped zip whose data.pkl calls os.system via GLOBAL + REDUCE
                         (hand-written opcodes; never unpickled here).
  hostile_reduce.pt      the classic exploit: pickle.dumps of an object whose __reduce__ returns
                         (os.system, (cmd,)) (the global is posix.system on Linux).
  expected.json          what the Java tests compare with (tensors as dtype, shape, stride,
                         storage_offset, little-endian raw bytes in base64, and the values).

The safetensors format (https://github.com/huggingface/safetensors): an 8-byte little-endian header
length N, N bytes of JSON {name: {"dtype", "shape", "data_offsets": [begin, end]},
"__metadata__": {str: str}} padded with spaces to a multiple of 8, then the data. The reference
writer orders tensors by decreasing dtype (its enum order) and then by name, and writes compact JSON
without escaping non-ASCII characters.
"""
import base64
import collections
import io
import json
import math
import os
import pickle
import pickletools
import struct
import sys
import zipfile

import torch

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api", "src", "test",
                       "resources", "reference", "io")
MARKER = "/tmp/torch4j_hostile_pickle_ran"  # the hostile pickles would create this file

# safetensors dtype codes, and their position in the reference implementation's Dtype enum
# (tensors are written in decreasing position, then by name)
CODES = {torch.int64: "I64", torch.float64: "F64", torch.float32: "F32", torch.int32: "I32",
         torch.bfloat16: "BF16", torch.float16: "F16", torch.int16: "I16", torch.int8: "I8",
         torch.uint8: "U8", torch.bool: "BOOL"}
RANK = {"I64": 18, "F64": 17, "F32": 15, "I32": 13, "BF16": 12, "F16": 11, "I16": 9, "I8": 5,
        "U8": 4, "BOOL": 0}
SIZE = {"I64": 8, "F64": 8, "F32": 4, "I32": 4, "BF16": 2, "F16": 2, "I16": 2, "I8": 1, "U8": 1,
        "BOOL": 1}
BY_CODE = {v: k for k, v in CODES.items()}
MAX_HEADER = 100_000_000


def raw(t):
    """The little-endian bytes of a tensor's elements in row-major order."""
    t = t.detach().contiguous()
    if t.dtype == torch.bfloat16:  # numpy has no bfloat16: reinterpret the bits
        t = t.view(torch.int16)
    b = t.numpy().tobytes()
    assert sys.byteorder == "little"
    return b


def from_raw(code, shape, data):
    dt = BY_CODE[code]
    if dt == torch.bfloat16:
        t = torch.frombuffer(bytearray(data), dtype=torch.int16).view(torch.bfloat16) if data else torch.empty(0, dtype=dt)
    else:
        t = torch.frombuffer(bytearray(data), dtype=dt) if data else torch.empty(0, dtype=dt)
    return t.reshape(shape)


# ---- a safetensors writer and a strict reader, written from the format ------------------------

def st_serialize(tensors, metadata=None):
    items = sorted(tensors.items(), key=lambda kv: (-RANK[CODES[kv[1].dtype]], kv[0]))
    header, blobs, offset = {}, [], 0
    if metadata is not None:
        header["__metadata__"] = dict(metadata)
    for name, t in items:
        b = raw(t)
        header[name] = {"dtype": CODES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(b)]}
        offset += len(b)
        blobs.append(b)
    h = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    h += b" " * ((8 - len(h) % 8) % 8)
    return struct.pack("<Q", len(h)) + h + b"".join(blobs)


class FormatError(Exception):
    pass


def st_deserialize(data):
    """Returns ({name: (code, shape, bytes)} in header order, metadata), validating as the spec says."""
    if len(data) < 8:
        raise FormatError("shorter than the header length")
    n = struct.unpack("<Q", data[:8])[0]
    if n > MAX_HEADER or n > len(data) - 8:
        raise FormatError("bad header length %d" % n)
    text = data[8:8 + n].decode("utf-8")
    if not text.startswith("{"):
        raise FormatError("header does not start with '{'")

    def no_dupes(pairs):
        d = {}
        for k, v in pairs:
            if k in d:
                raise FormatError("duplicate key %r" % k)
            d[k] = v
        return d

    header = json.loads(text, object_pairs_hook=no_dupes)
    meta = header.pop("__metadata__", {})
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in meta.items()):
        raise FormatError("metadata must map strings to strings")
    data_len = len(data) - 8 - n
    spans, out = [], collections.OrderedDict()
    for name, info in header.items():
        code, shape, (b, e) = info["dtype"], info["shape"], info["data_offsets"]
        if code not in SIZE:
            raise FormatError("unknown dtype %r" % code)
        if any((not isinstance(s, int)) or s < 0 for s in shape) or not (0 <= b <= e <= data_len):
            raise FormatError("bad shape or offsets for %r" % name)
        if math.prod(shape) * SIZE[code] != e - b:
            raise FormatError("size mismatch for %r" % name)
        spans.append((b, e, name))
        out[name] = (code, list(shape), data[8 + n + b:8 + n + e])
    end = 0
    for b, e, name in sorted(spans):
        if b != end:
            raise FormatError("tensor %r does not start where the previous one ends" % name)
        end = e
    if end != data_len:
        raise FormatError("the tensors do not cover the data area")
    return out, meta


def try_safetensors():
    try:
        import safetensors.torch as st
        return st
    except ImportError:
        return None


# ---- fixtures -------------------------------------------------------------------------------------

def enc(t, **extra):
    d = {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape), "b64": base64.b64encode(raw(t)).decode()}
    v = t.detach().reshape(-1)
    if t.is_complex():
        d["data"] = torch.view_as_real(v).reshape(-1).tolist()  # interleaved (re, im)
    elif t.dtype == torch.bool:
        d["data"] = [int(x) for x in v.tolist()]
    elif t.is_floating_point():
        d["data"] = [float(x) for x in v.float().tolist()] if t.dtype in (torch.float16, torch.bfloat16) else v.tolist()
    else:
        d["data"] = v.tolist()
    d.update(extra)
    return d


def safetensors_tensors():
    t = collections.OrderedDict()
    t["f32"] = torch.tensor([[1.5, -2.25, 0.0], [-0.0, float("inf"), float("nan")]], dtype=torch.float32)
    t["f64"] = torch.tensor([1.0 / 3.0, -1e300, 5e-324], dtype=torch.float64)
    t["f16"] = torch.tensor([[0.5, -65504.0], [6.1e-05, 1.0009765625]], dtype=torch.float16)
    t["bf16"] = torch.tensor([1.0, -3.140625, 1e30, 0.0078125], dtype=torch.bfloat16)
    t["i64"] = torch.tensor([-(2 ** 63), 2 ** 62 + 1, -1], dtype=torch.int64)
    t["i32"] = torch.tensor([-(2 ** 31), 2 ** 31 - 1], dtype=torch.int32)
    t["i16"] = torch.tensor([-32768, 12345], dtype=torch.int16)
    t["i8"] = torch.tensor([-128, 0, 127], dtype=torch.int8)
    t["u8"] = torch.tensor([0, 128, 255], dtype=torch.uint8)
    t["flags"] = torch.tensor([[True, False], [False, True]])
    t["scalar"] = torch.tensor(3.5, dtype=torch.float32)
    t["scalar_i64"] = torch.tensor(-7, dtype=torch.int64)
    t["empty"] = torch.zeros(0, 4, dtype=torch.float32)
    t["layer.\u00e9\u00fc.weight"] = torch.tensor([0.25], dtype=torch.float32)
    return t


SAFETENSORS_METADATA = {"format": "pt"}


def fixed_model():
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.ReLU(), torch.nn.Linear(3, 2))
    with torch.no_grad():
        model[0].weight.copy_(torch.arange(12, dtype=torch.float32).reshape(3, 4) / 10 - 0.5)
        model[0].bias.copy_(torch.tensor([0.1, -0.2, 0.3]))
        model[2].weight.copy_(torch.tensor([[0.5, -1.0, 0.25], [1.5, 0.75, -0.5]]))
        model[2].bias.copy_(torch.tensor([0.05, -0.05]))
    return model


def mixed_dict():
    base = torch.arange(12, dtype=torch.float32).reshape(3, 4) * 0.5
    d = collections.OrderedDict()
    d["base"] = base
    d["base_t"] = base.t()             # shares base's storage, strides (1, 4)
    d["base_row"] = base[1]            # offset 4
    d["base_col"] = base[:, 2]         # offset 2, stride 4
    d["f64"] = torch.tensor([[1.0 / 3.0, -2.5]], dtype=torch.float64)
    d["f16"] = torch.tensor([0.5, -1.25, 65504.0], dtype=torch.float16)
    d["bf16"] = torch.tensor([1.0, -3.140625], dtype=torch.bfloat16)
    d["i64"] = torch.tensor([-(2 ** 63), 2 ** 62 + 1], dtype=torch.int64)
    d["i32"] = torch.tensor([[-5], [7]], dtype=torch.int32)
    d["i16"] = torch.tensor([-32768, 32767], dtype=torch.int16)
    d["i8"] = torch.tensor([-128, 127], dtype=torch.int8)
    d["u8"] = torch.tensor([0, 200, 255], dtype=torch.uint8)
    d["flags"] = torch.tensor([True, False, True])
    d["scalar"] = torch.tensor(2.75)
    d["empty"] = torch.zeros(2, 0, dtype=torch.float32)
    d["param"] = torch.nn.Parameter(torch.tensor([1.0, -1.0]))
    return d


def complex_dict():
    z = torch.complex(torch.arange(6, dtype=torch.float32).reshape(2, 3) - 2.5, torch.tensor([[0.5, -1.0, 2.0], [0.0, -0.0, 1e-3]]))
    d = collections.OrderedDict()
    d["c64"] = z
    d["c64_t"] = z.t()                 # shares z's storage, strides (1, 3) in complex elements
    d["c64_row"] = z[1]                # offset 3 complex elements
    d["c128"] = torch.tensor([1 / 3 - 2j, float("inf") + float("nan") * 1j], dtype=torch.complex128)
    d["c128_scalar"] = torch.tensor(0.25 + 4j, dtype=torch.complex128)
    d["c_param"] = torch.nn.Parameter(torch.tensor([1 - 1j, 2 + 0.5j]))
    return d


def tensor_entry(t, all_items):
    shares = [k for k, o in all_items if o is not t and o.untyped_storage().data_ptr() == t.untyped_storage().data_ptr()
              and t.numel() > 0 and o.numel() > 0] if hasattr(t, "untyped_storage") else \
        [k for k, o in all_items if o is not t and o.storage().data_ptr() == t.storage().data_ptr() and t.numel() > 0 and o.numel() > 0]
    return enc(t, stride=list(t.stride()), storage_offset=t.storage_offset(), requires_grad=bool(t.requires_grad),
               shares_storage_with=shares)


def hostile_zip(path, pkl):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        for name, data in (("archive/data.pkl", pkl), ("archive/version", b"3\n")):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            z.writestr(info, data)


def hostile_os_system_pickle():
    cmd = ("touch " + MARKER).encode()
    return (b"\x80\x02" + b"}" + b"X" + struct.pack("<I", 5) + b"model"
            + b"cos\nsystem\n" + b"X" + struct.pack("<I", len(cmd)) + cmd + b"\x85" + b"R" + b"s" + b".")


class _Exploit:
    def __reduce__(self):
        return (os.system, ("touch " + MARKER,))


def globals_of(pkl):
    return [arg for op, arg, _ in pickletools.genops(pkl) if op.name == "GLOBAL"]


def generate():
    os.makedirs(OUT_DIR, exist_ok=True)
    expected = {"torch": torch.__version__, "marker": MARKER}

    # safetensors
    tensors = safetensors_tensors()
    ours = st_serialize(tensors, SAFETENSORS_METADATA)
    st = try_safetensors()
    data = st.save(dict(tensors), metadata=SAFETENSORS_METADATA) if st else ours
    with open(os.path.join(OUT_DIR, "python.safetensors"), "wb") as f:
        f.write(data)
    expected["safetensors"] = {"written_by": "safetensors " + __import__("safetensors").__version__ if st else "gen_checkpoint_reference.py",
                               "metadata": SAFETENSORS_METADATA,
                               "order": list(st_deserialize(data)[0].keys()),
                               "tensors": {k: enc(v) for k, v in tensors.items()}}

    # torch.save of a model's state dict
    model = fixed_model()
    torch.save(model.state_dict(), os.path.join(OUT_DIR, "model_state.pt"))
    x = torch.arange(8, dtype=torch.float32).reshape(2, 4) / 4 - 1
    expected["model_state"] = {"keys": list(model.state_dict().keys()), "input": enc(x), "output": enc(model(x)),
                               "tensors": {k: enc(v) for k, v in model.state_dict().items()}}

    # views, dtypes, a parameter
    mixed = mixed_dict()
    torch.save(mixed, os.path.join(OUT_DIR, "mixed.pt"))
    items = list(mixed.items())
    expected["mixed"] = {"keys": list(mixed.keys()), "tensors": {k: tensor_entry(v, items) for k, v in items}}

    # complex tensors (ComplexFloatStorage, ComplexDoubleStorage), views sharing one storage, a complex parameter
    complexes = complex_dict()
    torch.save(complexes, os.path.join(OUT_DIR, "complex.pt"))
    items = list(complexes.items())
    expected["complex"] = {"keys": list(complexes.keys()), "tensors": {k: tensor_entry(v, items) for k, v in items}}

    # a training checkpoint: nested dicts, numbers, strings, tuples, an optimizer state dict
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    model(x).sum().backward()
    opt.step()
    ckpt = {"model": model.state_dict(), "epoch": 3, "lr": 0.01, "name": "run-1", "history": [1.5, None, True],
            "betas": (0.9, 0.999), "big": 2 ** 70, "neg": -1234567890123, "optimizer": opt.state_dict()}
    torch.save(ckpt, os.path.join(OUT_DIR, "checkpoint.pt"))
    osd = opt.state_dict()
    expected["checkpoint"] = {"keys": list(ckpt.keys()), "epoch": 3, "lr": 0.01, "name": "run-1", "big": str(2 ** 70),
                              "neg": -1234567890123, "model_keys": list(ckpt["model"].keys()),
                              "model_tensors": {k: enc(v) for k, v in ckpt["model"].items()},
                              "optimizer": {"state_keys": [str(k) for k in osd["state"].keys()],
                                            "exp_avg_0": enc(osd["state"][0]["exp_avg"]),
                                            "step_0": enc(osd["state"][0]["step"]),
                                            "param_groups": [{k: (list(v) if isinstance(v, tuple) else v) for k, v in g.items()}
                                                             for g in osd["param_groups"]]}}

    # hostile pickles: written as bytes, never loaded
    hostile_zip(os.path.join(OUT_DIR, "hostile_os_system.pt"), hostile_os_system_pickle())
    hostile_zip(os.path.join(OUT_DIR, "hostile_reduce.pt"), pickle.dumps(_Exploit(), protocol=2))
    expected["hostile"] = {"hostile_os_system.pt": "os.system", "hostile_reduce.pt": globals_of(pickle.dumps(_Exploit(), protocol=2))[0].replace(" ", ".")}

    with open(os.path.join(OUT_DIR, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=False)
        f.write("\n")
    return expected


# ---- checks -----------------------------------------------------------------------------------------

def same(t, d):
    assert str(t.dtype).replace("torch.", "") == d["dtype"], (t.dtype, d["dtype"])
    assert list(t.shape) == d["shape"], (list(t.shape), d["shape"])
    assert raw(t) == base64.b64decode(d["b64"])


def self_check(expected):
    """Reads every fixture back (the torch.save ones with torch.load: they are ours and trusted)."""
    st = try_safetensors()
    path = os.path.join(OUT_DIR, "python.safetensors")
    data = open(path, "rb").read()
    tensors = safetensors_tensors()
    parsed, meta = st_deserialize(data)
    assert meta == SAFETENSORS_METADATA
    for name, (code, shape, b) in parsed.items():
        same(from_raw(code, shape, b), expected["safetensors"]["tensors"][name])
    assert data == st_serialize(tensors, SAFETENSORS_METADATA), "the hand writer must match the fixture byte for byte"
    if st:
        assert st.save(dict(tensors), metadata=SAFETENSORS_METADATA) == data
        for name, t in st.load(data).items():
            same(t, expected["safetensors"]["tensors"][name])
        print("safetensors package %s: writes the same bytes as the hand writer" % __import__("safetensors").__version__)
    else:
        print("safetensors package not importable: checked with the hand-written reader only")

    sd = torch.load(os.path.join(OUT_DIR, "model_state.pt"))
    for k, v in sd.items():
        same(v, expected["model_state"]["tensors"][k])
    mixed = torch.load(os.path.join(OUT_DIR, "mixed.pt"))
    for k, v in mixed.items():
        e = expected["mixed"]["tensors"][k]
        same(v, e)
        assert list(v.stride()) == e["stride"] and v.storage_offset() == e["storage_offset"]
    assert mixed["base_t"].storage().data_ptr() == mixed["base"].storage().data_ptr()
    ckpt = torch.load(os.path.join(OUT_DIR, "checkpoint.pt"))
    assert ckpt["epoch"] == 3 and ckpt["big"] == 2 ** 70

    for name, glob in expected["hostile"].items():
        with zipfile.ZipFile(os.path.join(OUT_DIR, name)) as z:
            found = globals_of(z.read("archive/data.pkl"))
        assert [g.replace(" ", ".") for g in found] == [glob], found
    assert not os.path.exists(MARKER) or print("note: %s exists (left by something else)" % MARKER) is None
    print("self-check passed: %d fixtures in %s" % (len(os.listdir(OUT_DIR)), os.path.normpath(OUT_DIR)))


def check_torch4j_file(path):
    """Checks a safetensors file written by torch4j (SafeTensorsTest writes the fixture's tensors)."""
    expected = json.load(open(os.path.join(OUT_DIR, "expected.json")))["safetensors"]
    data = open(path, "rb").read()
    parsed, meta = st_deserialize(data)
    assert meta == expected["metadata"], meta
    assert sorted(parsed) == sorted(expected["tensors"]), sorted(parsed)
    for name, (code, shape, b) in parsed.items():
        same(from_raw(code, shape, b), expected["tensors"][name])
    st = try_safetensors()
    if st:
        loaded = st.load(data)
        for name, t in loaded.items():
            same(t, expected["tensors"][name])
        print("read with the safetensors package too")
    reference = open(os.path.join(OUT_DIR, "python.safetensors"), "rb").read()
    assert data == reference, "torch4j's bytes differ from python.safetensors"
    print("OK: %s holds the %d expected tensors and is byte-identical to python.safetensors" % (path, len(parsed)))


def check_torch4j_pt(path):
    """Checks a torch.save file written by torch4j (TorchSaveWriteTest re-saves mixed.pt's tensors)."""
    got = torch.load(path)
    want = mixed_dict()
    assert type(got) is collections.OrderedDict, type(got)
    assert list(got) == list(want), list(got)
    for k, w in want.items():
        g = got[k]
        assert type(g) is type(w), (k, type(g))
        assert g.dtype == w.dtype and g.shape == w.shape and g.stride() == w.stride(), k
        assert g.storage_offset() == w.storage_offset() and g.requires_grad == w.requires_grad, k
        assert raw(g) == raw(w), k
    shared = {got[k].storage().data_ptr() for k in ("base", "base_t", "base_row", "base_col")}
    assert len(shared) == 1, "the views do not share one storage"
    print("OK: torch.load reads %s as mixed.pt's %d tensors (views share one storage)" % (path, len(got)))


def check_torch4j_optimizer_pt(path):
    """Checks the training checkpoint TorchSaveWriteTest writes: a Linear(2, 2) and its SGD (momentum 0.9) after
    one step; PyTorch's own SGD must take the momentum buffers (state keyed by ints) from it."""
    ckpt = torch.load(path)
    model = torch.nn.Linear(2, 2)
    model.load_state_dict(ckpt["model"])
    sgd = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    sgd.load_state_dict(ckpt["optimizer"])
    assert list(ckpt["optimizer"]["state"]) == [0, 1], list(ckpt["optimizer"]["state"])
    for p in model.parameters():
        assert "momentum_buffer" in sgd.state[p], "PyTorch's SGD did not take the momentum buffer"
    # the step taken was on ones(3, 2): the momentum buffers are that step's gradients
    assert torch.equal(sgd.state[model.weight]["momentum_buffer"], torch.full((2, 2), 3.0))
    assert torch.equal(sgd.state[model.bias]["momentum_buffer"], torch.full((2,), 3.0))
    print("OK: PyTorch's SGD loads %s's optimizer state (momentum buffers of both parameters)" % path)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--check" and sys.argv[2].endswith("_optimizer.pt"):
        check_torch4j_optimizer_pt(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "--check" and sys.argv[2].endswith(".pt"):
        check_torch4j_pt(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "--check":
        check_torch4j_file(sys.argv[2])
    elif len(sys.argv) == 1:
        self_check(generate())
    else:
        sys.exit(__doc__)
