"""Runs the torch4j JMH benchmarks and the same workloads in PyTorch on this machine, and prints a
markdown table of medians and ratios (for BENCHMARKS.md).

    /usr/bin/python3 benchmarks/compare.py [--threads 1,2] [--only elementwise|tiny|gemm|onnx]

Needs the benchmarks jar (mvn -B -pl benchmarks -am package -DskipTests) and Debian's python3-torch
with libopenblas0-pthread (without OpenBLAS PyTorch's GEMM is far slower and the comparison unfair).
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "benchmarks", "target", "benchmarks.jar")
N = 16 * 1024 * 1024

# workload -> (JMH benchmark regexp, converter from JMH median to the workload's unit, unit, higher is better)
WORKLOADS = {
    "elementwise.add": ("ElementwiseBenchmark.add$", lambda ms, p: 12 * N / (ms * 1e-3) / 1e9, "GB/s", True),
    "elementwise.relu": ("ElementwiseBenchmark.relu$", lambda ms, p: 8 * N / (ms * 1e-3) / 1e9, "GB/s", True),
    "elementwise.exp": ("ElementwiseBenchmark.exp$", lambda ms, p: 8 * N / (ms * 1e-3) / 1e9, "GB/s", True),
    "elementwise.sin": ("ElementwiseBenchmark.sin$", lambda ms, p: 8 * N / (ms * 1e-3) / 1e9, "GB/s", True),
    "elementwise.cos": ("ElementwiseBenchmark.cos$", lambda ms, p: 8 * N / (ms * 1e-3) / 1e9, "GB/s", True),
    "tiny.forward": ("TinyOpBenchmark.forwardChain$", lambda us, p: us, "us/op", False),
    "tiny.backward": ("TinyOpBenchmark.backwardChain$", lambda us, p: us, "us/node", False),
}
for size in (256, 512, 1024, 2048):
    WORKLOADS["gemm.%d" % size] = ("GemmBenchmark.sgemm$", lambda ms, p, s=size: 2 * s ** 3 / (ms * 1e-3) / 1e9,
                                   "GFLOP/s", True)


def java():
    for home in (os.environ.get("JAVA_HOME", ""), "/usr/lib/jvm/temurin-25-jdk-amd64"):
        exe = os.path.join(home, "bin", "java")
        if home and os.path.exists(exe):
            return exe
    return "java"


def run_jmh(pattern, threads, params):
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        out = f.name
    cmd = [java(), "--add-modules=jdk.incubator.vector", "-jar", JAR, pattern, "-rf", "json", "-rff", out,
           "-p", "threads=%d" % threads]
    for k, v in params.items():
        cmd += ["-p", "%s=%s" % (k, v)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(out) as f:
        results = json.load(f)
    os.unlink(out)
    medians = {}
    for r in results:
        raw = [x for fork in r["primaryMetric"]["rawData"] for x in fork]
        medians[(r["benchmark"].rsplit(".", 1)[-1], json.dumps(r.get("params", {}), sort_keys=True))] = statistics.median(raw)
    return results, medians


def torch4j(name, threads):
    pattern, convert, unit, _ = WORKLOADS[name]
    params = {}
    if name.startswith("gemm."):
        params["n"] = name.split(".")[1]
    results, _ = run_jmh(pattern, threads, params)
    raw = [x for fork in results[0]["primaryMetric"]["rawData"] for x in fork]
    return convert(statistics.median(raw), params)


def pytorch(threads, only):
    env = dict(os.environ)
    if threads > 1:
        env["OMP_WAIT_POLICY"] = "PASSIVE"
    cmd = ["/usr/bin/python3", os.path.join(ROOT, "benchmarks", "pytorch", "workloads.py"), "--threads", str(threads)]
    if only:
        cmd += ["--only", only]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    return {d["name"]: d["value"] for d in map(json.loads, out.strip().splitlines())}


def onnx_table(threads):
    """Imported ResNet-18: torch4j and ONNX Runtime Java (JMH, one JVM) beside PyTorch on the same model."""
    model = os.path.join(ROOT, "benchmarks", "target", "resnet18.onnx")
    out = subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "benchmarks", "pytorch", "resnet18_onnx.py"), model,
                          "--threads", ",".join(map(str, threads))], check=True, capture_output=True, text=True).stdout
    ref = {(d["name"], d["threads"]): d["value"] for d in map(json.loads, out.strip().splitlines())}
    print()
    print("| imported ResNet-18, 224x224 | threads | torch4j | ONNX Runtime Java 1.29 | PyTorch 1.13 eager | "
          "ORT / torch4j time | PyTorch / torch4j time |")
    print("|---|---|---|---|---|---|---|")
    for t in threads:
        _, medians = run_jmh("OnnxImportBenchmark", t, {})
        for batch in (1, 8):
            key = json.dumps({"batch": str(batch), "threads": str(t)}, sort_keys=True)
            ours, ort = medians[("torch4j", key)], medians[("onnxRuntime", key)]
            torch_ms = ref[("resnet18.b%d" % batch, t)]
            print("| batch %d | %d | %.1f ms | %.1f ms | %.1f ms | %.2f | %.2f |"
                  % (batch, t, ours, ort, torch_ms, ort / ours, torch_ms / ours), flush=True)


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    flags = open("/proc/cpuinfo").read()
                    simd = "AVX-512" if "avx512f" in flags else "AVX2" if "avx2" in flags else "SSE"
                    return "%s, %s, %d cores" % (line.split(":", 1)[1].strip(), simd, os.cpu_count())
    except OSError:
        pass
    return platform.processor()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", default="1,2")
    p.add_argument("--only", default="")
    args = p.parse_args()
    if not os.path.exists(JAR):
        sys.exit("build the benchmarks first: mvn -B -pl benchmarks -am package -DskipTests")
    print("CPU: %s" % cpu_model())
    print()
    print("| workload | threads | torch4j | PyTorch 1.13 | torch4j / PyTorch (higher is better) |")
    print("|---|---|---|---|---|")
    threads = [int(x) for x in args.threads.split(",")]
    if args.only == "onnx":
        onnx_table(threads)
        return
    for t in threads:
        ref = pytorch(t, args.only)
        for name, (_, _, unit, higher) in WORKLOADS.items():
            if args.only and not name.startswith(args.only):
                continue
            if name not in ref:
                continue
            ours = torch4j(name, t)
            ratio = ours / ref[name] if higher else ref[name] / ours
            print("| %s | %d | %.2f %s | %.2f %s | %.2f |" % (name, t, ours, unit, ref[name], unit, ratio), flush=True)


if __name__ == "__main__":
    main()
