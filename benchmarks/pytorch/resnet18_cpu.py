"""torchvision's ResNet-18 on the CPU in PyTorch, the workloads of org.torch4j.benchmarks.ResNet18Cpu.

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/pytorch/resnet18_cpu.py --threads 2 [--only train] [--profile]

torch.manual_seed(0), resnet18() with 1000 classes; eval-mode inference at batch 1 and 8 (224x224, no_grad), and a
training step at batch 8, 224x224 (forward, cross-entropy, backward, SGD lr 0.01 momentum 0.9). Prints one JSON
object per workload with the median of the timed calls after the warm-up (at least 4 s of calls, as the Java side);
--profile then prints torch.autograd.profiler's table of three more calls, sorted by self CPU time. OpenBLAS gets
the thread count too (see openblas.py); the convolutions run on oneDNN.
"""
import argparse
import json
import time

import torch
import torchvision

from openblas import set_threads


WARM_SECONDS = 4


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--only", default="")
    p.add_argument("--profile", action="store_true")
    args = p.parse_args()
    set_threads(args.threads)
    torch.manual_seed(0)
    model = torchvision.models.resnet18()
    sgd = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

    def infer(x):
        model.eval()
        with torch.no_grad():
            model(x)

    def train_step(x, y):
        model.train()
        loss = torch.nn.functional.cross_entropy(model(x), y)
        sgd.zero_grad()
        loss.backward()
        sgd.step()

    for name in ("resnet18.eval.b1", "resnet18.eval.b8", "resnet18.train.b8"):
        if not (name.startswith(args.only) or name[len("resnet18."):].startswith(args.only)):
            continue
        train = "train" in name
        batch = 1 if name.endswith("b1") else 8
        x = torch.randn(batch, 3, 224, 224)
        y = torch.randint(0, 1000, (batch,))
        call = (lambda: train_step(x, y)) if train else (lambda: infer(x))
        warm, reps = (3, 7) if train else (5, 31 if batch == 1 else 9)
        # as the Java side: at least `warm` calls and WARM_SECONDS of them
        until, i = time.perf_counter() + WARM_SECONDS, 0
        while i < warm or time.perf_counter() < until:
            call()
            i += 1
        ms = []
        for i in range(reps):
            t0 = time.perf_counter()
            call()
            ms.append((time.perf_counter() - t0) * 1e3)
        ms.sort()
        print(json.dumps({"name": name, "threads": args.threads, "value": round(ms[reps // 2], 1), "unit": "ms",
                          "min": round(ms[0], 1), "torch": torch.__version__}), flush=True)
        if args.profile:
            with torch.autograd.profiler.profile() as prof:
                for _ in range(3):
                    call()
            print(prof.key_averages().table(sort_by="self_cpu_time_total", row_limit=25), flush=True)


if __name__ == "__main__":
    main()
