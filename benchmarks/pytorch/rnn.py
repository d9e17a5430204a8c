"""Recurrent networks in PyTorch, the workloads of org.torch4j.benchmarks.RnnStep.

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/pytorch/rnn.py --threads 1 --only a,b,c,d

(a) a 2-layer LSTM, sequence 50, batch 32, input 128, hidden 256; (b) a 1-layer LSTM, sequence 100, batch 1,
input 64, hidden 128 (latency); (c) a GRU of (a)'s sizes; (d) (a) bidirectional. For each, inference (a forward
under no_grad) and a training step (forward, mean(output ** 2) as the loss, backward and an SGD step). Prints one
JSON object per workload, mode and thread count with the median of the timed runs after warm-up runs (at least 10
and 3 s, as the Java side). OpenBLAS gets the thread count too (see gemm.py).
"""
import argparse
import json
import time

import torch

from openblas import set_threads

WORKLOADS = [
    ("a", torch.nn.LSTM, 50, 32, 128, 256, 2, False),
    ("b", torch.nn.LSTM, 100, 1, 64, 128, 1, False),
    ("c", torch.nn.GRU, 50, 32, 128, 256, 2, False),
    ("d", torch.nn.LSTM, 50, 32, 128, 256, 2, True),
]


def timed(runs, step):
    warm_end = time.perf_counter() + 3.0
    i = 0
    while i < 10 or time.perf_counter() < warm_end:
        step()
        i += 1
    ms = []
    for _ in range(runs):
        t0 = time.perf_counter()
        step()
        ms.append((time.perf_counter() - t0) * 1e3)
    ms.sort()
    return (ms[(runs - 1) // 2] + ms[runs // 2]) / 2


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", default="1")
    parser.add_argument("--only", default="a,b,c,d")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    chosen = args.only.split(",")
    for t in (int(v) for v in args.threads.split(",")):
        set_threads(t)
        for name, cls, seq, batch, inp, hidden, layers, bidir in WORKLOADS:
            if name not in chosen:
                continue
            torch.manual_seed(0)
            rnn = cls(inp, hidden, layers, bidirectional=bidir)
            sgd = torch.optim.SGD(rnn.parameters(), 0.01)
            x = torch.randn(seq, batch, inp)

            def infer():
                with torch.no_grad():
                    rnn(x)

            def train():
                loss = rnn(x)[0].pow(2).mean()
                sgd.zero_grad()
                loss.backward()
                sgd.step()

            for mode, step in (("inference", infer), ("train", train)):
                print(json.dumps({"name": "rnn.%s.%s" % (name, mode), "threads": t, "value": round(timed(args.runs, step), 2),
                                  "unit": "ms", "torch": torch.__version__}), flush=True)


if __name__ == "__main__":
    main()
