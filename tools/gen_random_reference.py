#!/usr/bin/python3
"""Writes the reference outputs of PyTorch's CPU random number generator used by the tests of
org.torch4j.internal.random and of Tensor's random in-place ops (api/src/test/resources/reference/random/*.json).

Run with Debian's PyTorch 1.13:  /usr/bin/python3 tools/gen_random_reference.py
The output is deterministic: rerunning it rewrites the same files. All files but one record the
kernels PyTorch runs on x86 CPUs with AVX2; capability_default.json records those of its DEFAULT CPU
capability (a child interpreter with ATEN_CPU_CAPABILITY=default).

Each file is {"torch": version, "cases": [case, ...]}; a case runs a list of calls on one generator:
  {"name", "seed": int64 (as signed 64-bit) or null for a fresh torch.Generator() (default seed),
   "via": "global" (torch.manual_seed, no generator argument) or "generator" (generator=g),
   "inputs": {name: tensor} (probabilities, named by the calls that use them),
   "calls": [{"op", ...arguments..., "out": tensor}], "state_sha256": of get_rng_state() at the end}
A tensor is {"dtype", "shape", "b64": little-endian raw bytes in base64} ("data": a list of
numbers for int64 and int32), or, for large outputs,
{"dtype", "shape", "sha256": of those bytes, "head": b64 of the first 16 elements}.
"""
import base64
import hashlib
import json
import os
import subprocess
import sys

import torch

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api", "src", "test",
                       "resources", "reference", "random")
BIG = 256  # outputs with more elements are stored as a hash plus a head

DTYPES = {"float32": torch.float32, "float64": torch.float64, "float16": torch.float16,
          "bfloat16": torch.bfloat16, "int64": torch.int64, "int32": torch.int32}


def raw(t):
    t = t.contiguous()
    if t.dtype == torch.bfloat16:  # numpy has no bfloat16: reinterpret the bits
        t = t.view(torch.int16)
    return t.numpy().tobytes()


def enc(t, full=False):
    name = str(t.dtype).replace("torch.", "")
    d = {"dtype": name, "shape": list(t.shape)}
    if t.numel() > BIG and not full:
        d["sha256"] = hashlib.sha256(raw(t)).hexdigest()
        d["head"] = base64.b64encode(raw(t.reshape(-1)[:16])).decode()
    elif t.dtype in (torch.int64, torch.int32):
        d["data"] = t.reshape(-1).tolist()
    else:
        d["b64"] = base64.b64encode(raw(t)).decode()
    return d


def signed64(s):
    return s - (1 << 64) if s >= (1 << 63) else s


class Runner:
    """Runs calls on the global generator or on a torch.Generator, recording them."""

    def __init__(self, seed, via):
        if seed is None:
            via = "generator"  # the global generator's seed is random at import; a fresh one is fixed
        self.via = via
        if via == "global":
            torch.manual_seed(seed)
            self.g = torch.default_generator
        else:
            self.g = torch.Generator()
            if seed is not None:
                self.g.manual_seed(seed)
        self.calls = []
        self.inputs = {}

    def input(self, t):
        for name, (u, _) in self.inputs.items():
            if u.dtype == t.dtype and u.shape == t.shape and torch.equal(u, t):
                return name
        name = "p%d" % len(self.inputs)
        self.inputs[name] = (t, enc(t, True))
        return name

    def kw(self):
        return {} if self.via == "global" else {"generator": self.g}

    def rec(self, call, out):
        call["out"] = enc(out)
        self.calls.append(call)
        return out

    def rand(self, n, dtype):
        return self.rec({"op": "rand", "n": n, "dtype": dtype}, torch.rand(n, dtype=DTYPES[dtype], **self.kw()))

    def uniform(self, n, dtype, a, b):
        t = torch.empty(n, dtype=DTYPES[dtype]).uniform_(a, b, **self.kw())
        return self.rec({"op": "uniform", "n": n, "dtype": dtype, "from": a, "to": b}, t)

    def randn(self, n, dtype):
        return self.rec({"op": "randn", "n": n, "dtype": dtype}, torch.randn(n, dtype=DTYPES[dtype], **self.kw()))

    def normal(self, n, dtype, mean, std):
        t = torch.empty(n, dtype=DTYPES[dtype]).normal_(mean, std, **self.kw())
        return self.rec({"op": "normal", "n": n, "dtype": dtype, "mean": mean, "std": std}, t)

    def normal_fn(self, n, mean, std):
        """torch.normal(mean, std, size) with scalar mean and std: the same kernel as normal_."""
        t = torch.normal(mean, std, size=(n,), **self.kw())
        return self.rec({"op": "normal", "n": n, "dtype": "float32", "mean": mean, "std": std}, t)

    def randn2d(self, rows, cols, dtype):
        """randn of a 2-D shape: filled as its rows*cols contiguous elements."""
        t = torch.randn(rows, cols, dtype=DTYPES[dtype], **self.kw())
        return self.rec({"op": "randn", "n": rows * cols, "dtype": dtype}, t.reshape(-1))

    def randint(self, low, high, n, dtype):
        t = torch.randint(low, high, (n,), dtype=DTYPES[dtype], **self.kw())
        return self.rec({"op": "randint", "low": low, "high": high, "n": n, "dtype": dtype}, t)

    def random(self, n, dtype):
        t = torch.empty(n, dtype=DTYPES[dtype]).random_(**self.kw())
        return self.rec({"op": "random", "n": n, "dtype": dtype}, t)

    def randperm(self, n):
        return self.rec({"op": "randperm", "n": n}, torch.randperm(n, **self.kw()))

    def bernoulli_p(self, n, dtype, p):
        t = torch.empty(n, dtype=DTYPES[dtype]).bernoulli_(p, **self.kw())
        return self.rec({"op": "bernoulli_p", "n": n, "dtype": dtype, "p": p}, t)

    def bernoulli(self, probs):
        t = torch.bernoulli(probs, **self.kw())
        return self.rec({"op": "bernoulli", "probs": self.input(probs)}, t)

    def exponential(self, n, dtype, lambd):
        t = torch.empty(n, dtype=DTYPES[dtype]).exponential_(lambd, **self.kw())
        return self.rec({"op": "exponential", "n": n, "dtype": dtype, "lambda": lambd}, t)

    def geometric(self, n, dtype, p):
        t = torch.empty(n, dtype=DTYPES[dtype]).geometric_(p, **self.kw())
        return self.rec({"op": "geometric", "n": n, "dtype": dtype, "p": p}, t)

    def cauchy(self, n, dtype, median, sigma):
        t = torch.empty(n, dtype=DTYPES[dtype]).cauchy_(median, sigma, **self.kw())
        return self.rec({"op": "cauchy", "n": n, "dtype": dtype, "median": median, "sigma": sigma}, t)

    def log_normal(self, n, dtype, mean, std):
        t = torch.empty(n, dtype=DTYPES[dtype]).log_normal_(mean, std, **self.kw())
        return self.rec({"op": "log_normal", "n": n, "dtype": dtype, "mean": mean, "std": std}, t)

    def multinomial(self, probs, k, replacement):
        t = torch.multinomial(probs, k, replacement, **self.kw())
        return self.rec({"op": "multinomial", "probs": self.input(probs), "k": k, "replacement": replacement}, t)

    def state(self, full=False):
        """Records get_rng_state() at this point (all 5056 bytes if full, else their hash)."""
        s = self.g.get_state()
        self.calls.append({"op": "state", "out": enc(s, full)})

    def case(self, name, seed):
        return {"name": name, "seed": None if seed is None else signed64(seed), "via": self.via,
                "inputs": {k: v[1] for k, v in self.inputs.items()}, "calls": self.calls, "state_sha256": hashlib.sha256(raw(self.g.get_state())).hexdigest()}


SEEDS = [0, 42, 2 ** 40 + 7, None]  # None: a fresh torch.Generator() (seed 67280421310721)
SIZES = [1, 7, 15, 16, 17, 100, 1000]


def via_for(i):
    return "global" if i % 2 == 0 else "generator"


def probs_tensor(shape, dtype, seed, zeros_every=0):
    """Probabilities drawn from their own generator, so they do not consume the one under test."""
    p = torch.rand(shape, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)
    if zeros_every:
        p.view(-1)[::zeros_every] = 0
    return p.to(DTYPES[dtype])


def gen_engine():
    cases = []
    for i, seed in enumerate([0, 1, 42, 2 ** 32 + 1, 2 ** 40 + 7, 2 ** 64 - 1, None]):
        r = Runner(seed, via_for(i))
        r.state()
        for n in [623, 1, 1, 1247, 1, 5000]:  # across the 624-word twists
            r.rand(n, "float32")
            if n == 1:
                r.state()
        r.randn(3, "float64")  # leaves a cached normal sample in the state
        r.state(full=i < 2)
        cases.append(r.case("engine seed=%s" % seed, seed))
    # initial_seed() for seeds beyond 32 bits and negative ones
    seeds = []
    for s in [0, 7, 2 ** 32 + 7, 2 ** 63 + 5, -1, -(2 ** 40)]:
        g = torch.Generator().manual_seed(s)
        seeds.append({"seed": signed64(s % (1 << 64)), "initial_seed": signed64(g.initial_seed()),
                      "first": enc(torch.rand(4, generator=g))})
    return {"cases": cases, "seeds": seeds,
            "default_initial_seed": torch.Generator().initial_seed()}


def gen_uniform():
    cases = []
    for i, seed in enumerate(SEEDS):
        for dtype in ["float32", "float64"]:
            r = Runner(seed, via_for(i))
            for n in SIZES:
                r.rand(n, dtype)
            r.uniform(100, dtype, -3.7, 5.1)
            r.uniform(50, dtype, 2.0, 2.5)
            r.uniform(50, dtype, -1e-3, 1e6)
            cases.append(r.case("uniform %s seed=%s" % (dtype, seed), seed))
    for dtype in ["float16", "bfloat16"]:
        r = Runner(3, "generator")
        r.rand(300, dtype)
        r.uniform(300, dtype, -3.7, 5.1)
        r.uniform(300, dtype, 10.0, 1000.0)
        cases.append(r.case("uniform %s" % dtype, 3))
    r = Runner(11, "global")
    r.rand(1 << 20, "float32")
    r.rand(100003, "float64")
    cases.append(r.case("uniform large", 11))
    return {"cases": cases}


def gen_normal():
    cases = []
    for i, seed in enumerate(SEEDS):
        for dtype in ["float32", "float64"]:
            r = Runner(seed, via_for(i))
            for n in SIZES:
                r.randn(n, dtype)
            r.normal(33, dtype, 0.25, 3.5)
            r.normal(5, dtype, -2.0, 0.5)
            r.randn2d(4, 5, dtype)
            cases.append(r.case("normal %s seed=%s" % (dtype, seed), seed))
    # The cached second sample: odd small draws interleaved with large ones, both dtypes
    r = Runner(5, "generator")
    for n, dtype in [(1, "float64"), (1, "float32"), (3, "float32"), (20, "float32"), (1, "float64"),
                     (15, "float64"), (16, "float64"), (1, "float32"), (31, "float32"), (2, "float64")]:
        r.randn(n, dtype)
    r.normal_fn(3, 2.0, 3.0)
    r.normal_fn(40, -1.0, 0.1)
    r.state()
    cases.append(r.case("normal cache", 5))
    r = Runner(9, "global")
    r.randn(1 << 20, "float32")
    r.randn(100003, "float32")
    r.randn(100003, "float64")
    r.normal(20011, "float64", 1.5, 0.75)
    r.normal(20011, "float32", 1.5, 0.75)
    cases.append(r.case("normal large", 9))
    return {"cases": cases}


def gen_integers():
    cases = []
    for i, seed in enumerate(SEEDS):
        r = Runner(seed, via_for(i))
        for n in SIZES:
            r.randint(0, 10, n, "int64")
        r.randint(-5, 2 ** 33, 100, "int64")
        r.randint(0, 10, 100, "float32")
        r.randint(-5, 2 ** 33, 100, "float32")
        r.randint(-5, 2 ** 33, 100, "float64")
        r.randint(-(2 ** 31), 2 ** 31, 100, "int32")
        r.randint(-(2 ** 63), 2 ** 63 - 1, 50, "int64")
        r.randint(0, 2 ** 32, 50, "int64")
        r.randint(0, 2 ** 32 - 1, 50, "int64")
        r.randint(3, 2 ** 24 + 5, 50, "float32")
        r.randint(-(2 ** 25) - 3, 5, 50, "float32")
        r.randint(-(2 ** 54) - 3, 2 ** 54 + 3, 50, "float64")
        r.random(50, "int64")
        r.random(50, "float32")
        r.random(50, "float64")
        cases.append(r.case("randint seed=%s" % seed, seed))
    for i, seed in enumerate(SEEDS):
        r = Runner(seed, via_for(i + 1))
        for n in [0, 1, 2, 5, 100, 1000]:
            r.randperm(n)
        cases.append(r.case("randperm seed=%s" % seed, seed))
    r = Runner(13, "global")
    for n in [30000, 100000, 1 << 20]:
        r.randperm(n)
    r.randint(0, 1000, 100000, "int64")
    cases.append(r.case("integers large", 13))
    return {"cases": cases}


def gen_bernoulli():
    cases = []
    for i, seed in enumerate(SEEDS):
        r = Runner(seed, via_for(i))
        r.bernoulli_p(100, "float32", 0.3)
        r.bernoulli_p(100, "float64", 0.7)
        r.bernoulli_p(100, "int64", 0.5)
        r.bernoulli_p(20, "float32", 0.0)
        r.bernoulli_p(20, "float32", 1.0)
        if i % 2 == 0:
            r.bernoulli(probs_tensor([100], "float32", 100 + i))
            r.bernoulli(probs_tensor([5, 12], "float64", 200 + i))
        cases.append(r.case("bernoulli seed=%s" % seed, seed))
    for i, seed in enumerate(SEEDS):
        r = Runner(seed, via_for(i + 1))
        r.exponential(100, "float32", 1.0)
        r.exponential(100, "float64", 1.5)
        r.exponential(10, "float32", 0.25)
        cases.append(r.case("exponential seed=%s" % seed, seed))
    return {"cases": cases}


def gen_transforms():
    """exponential_, geometric_, cauchy_ and log_normal_: one double draw (two for log_normal_'s
    Box-Muller, whose second normal is cached in the generator) per element, in every size."""
    cases = []
    for i, seed in enumerate(SEEDS):
        r = Runner(seed, via_for(i))
        for n in [1, 7, 16, 17, 100]:
            r.exponential(n, "float32", 1.0)
            r.exponential(n, "float64", 0.5)
        r.exponential(20, "float64", 0.0)
        for dtype, p in [("float32", 0.3), ("float64", 0.05), ("int64", 0.5), ("int32", 0.9), ("float64", 1e-6)]:
            r.geometric(50, dtype, p)
        for dtype, median, sigma in [("float32", 0.0, 1.0), ("float64", 1.5, 0.25), ("float64", -2.0, 3.0)]:
            r.cauchy(50, dtype, median, sigma)
        for n in [1, 3, 16, 33]:
            r.log_normal(n, "float32", 1.0, 2.0)
            r.log_normal(n, "float64", -0.5, 0.75)
        # after an odd number of log-normal draws a normal is cached: the next scalar normal takes it
        r.log_normal(3, "float64", 0.0, 1.0)
        r.randn(5, "float64")
        r.state()
        cases.append(r.case("transforms seed=%s" % seed, seed))
    return {"cases": cases}


def gen_multinomial():
    cases = []
    for i, seed in enumerate(SEEDS):
        for dtype in ["float32", "float64"]:
            r = Runner(seed, via_for(i))
            p1 = probs_tensor([30], dtype, 300 + i, zeros_every=7)
            p2 = probs_tensor([4, 20], dtype, 400 + i, zeros_every=5)
            for p in [p1, p2]:
                r.multinomial(p, 1, False)
                r.multinomial(p, 1, True)
                r.multinomial(p, 5, False)
                r.multinomial(p, 20, True)
            r.multinomial(torch.tensor([0.1, 0.2, 0.3, 0.4], dtype=DTYPES[dtype]), 4, False)
            r.multinomial(torch.tensor([1.0, 2.0, 3.0], dtype=DTYPES[dtype]), 100, True)
            if i == 0:
                r.multinomial(probs_tensor([1000], dtype, 500 + i), 50, False)
            cases.append(r.case("multinomial %s seed=%s" % (dtype, seed), seed))
    return {"cases": cases}


def gen_mixed():
    cases = []
    for i, seed in enumerate(SEEDS):
        r = Runner(seed, via_for(i))
        r.rand(5, "float32")
        r.randn(3, "float32")
        r.randint(0, 10, 4, "int64")
        r.randn(5, "float64")
        r.randn(17, "float32")
        r.randn(1, "float32")
        r.randperm(10)
        r.rand(3, "float64")
        r.bernoulli_p(7, "float32", 0.5)
        r.randn(16, "float64")
        r.randn(2, "float64")
        r.multinomial(torch.tensor([0.2, 0.3, 0.5]), 2, False)
        r.randn(1, "float32")
        r.state()
        cases.append(r.case("mixed seed=%s" % seed, seed))
    return {"cases": cases}


def gen_default_capability():
    """The kernels of PyTorch's DEFAULT CPU capability (run in a child with ATEN_CPU_CAPABILITY=default)."""
    assert "NO AVX" in torch.__config__.show(), "not running the DEFAULT kernels"
    cases = []
    for i, seed in enumerate([0, 42]):
        r = Runner(seed, via_for(i))
        for dtype in ["float32", "float64"]:
            r.uniform(100, dtype, -3.7, 5.1)
            for n in [7, 16, 17, 100]:
                r.randn(n, dtype)
            r.normal(33, dtype, 0.25, 3.5)
            r.normal(5, dtype, -2.0, 0.5)
        r.uniform(100, "float16", -3.7, 5.1)
        r.uniform(100, "bfloat16", -3.7, 5.1)
        r.cauchy(50, "float64", -2.0, 3.0)
        r.log_normal(17, "float64", -0.5, 0.75)
        cases.append(r.case("default capability seed=%s" % seed, seed))
    r = Runner(9, "global")
    r.randn(100003, "float32")
    r.normal(20011, "float32", 1.5, 0.75)
    r.normal(20011, "float64", 1.5, 0.75)
    cases.append(r.case("default capability large", 9))
    return {"capability": "default", "cases": cases}


def dump(data):
    """Compact JSON with one call per line, so that diffs stay readable."""
    c = lambda v: json.dumps(v, separators=(",", ":"))
    top = ",\n".join("%s:%s" % (c(k), c(v)) for k, v in data.items() if k != "cases")
    cases = []
    for case in data.get("cases", []):
        head = ",".join("%s:%s" % (c(k), c(v)) for k, v in case.items() if k != "calls")
        calls = ",\n  ".join(c(call) for call in case["calls"])
        cases.append("{%s,\n \"calls\":[\n  %s]}" % (head, calls))
    return "{%s,\n\"cases\":[\n%s]}\n" % (top, ",\n".join(cases))


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    torch.set_num_threads(1)
    child = "--default-capability" in sys.argv
    if child:
        files = {"capability_default.json": gen_default_capability}
    else:
        files = {"engine.json": gen_engine, "uniform.json": gen_uniform, "normal.json": gen_normal,
                 "integers.json": gen_integers, "bernoulli.json": gen_bernoulli,
                 "multinomial.json": gen_multinomial, "mixed.json": gen_mixed,
                 "transforms.json": gen_transforms}
    for name, fn in files.items():
        data = {"torch": torch.__version__}
        data.update(fn())
        path = os.path.join(OUT_DIR, name)
        with open(path, "w") as f:
            f.write(dump(data))
        print("%-24s %7d bytes" % (name, os.path.getsize(path)), file=sys.stderr)
    if not child:
        # PyTorch chooses its kernels at start-up: the DEFAULT ones need a fresh interpreter.
        env = dict(os.environ, ATEN_CPU_CAPABILITY="default")
        subprocess.run([sys.executable, os.path.abspath(__file__), "--default-capability"], env=env, check=True)


if __name__ == "__main__":
    main()
