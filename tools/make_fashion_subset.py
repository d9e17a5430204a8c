"""Writes the Fashion-MNIST subset embedded in the vision bundle, for `torch4j demo` on a machine without the dataset.

    /usr/bin/python3 tools/make_fashion_subset.py [--src /usr/share/datasets/fashion-mnist] [--train 1000] [--test 200]

Reads Debian's dataset-fashion-mnist (the four original gzipped IDX files), takes --train images per class from the
training set and --test per class from the test set (class-balanced; a fixed NumPy seed picks them; the picked
images keep their original order) and writes them as gzipped IDX files with the original names into
ecosystem/vision/src/main/resources/org/torch4j/vision/data/fashion-mnist-subset/. The gzip header carries no name
and no time, so the output is byte-identical on every run. Fashion-MNIST is MIT-licensed (Zalando SE); the
licence notice sits next to the files.
"""
import argparse
import gzip
import os

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "ecosystem", "vision", "src", "main", "resources", "org", "torch4j", "vision", "data",
                   "fashion-mnist-subset")


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    if data[0] != 0 or data[1] != 0 or data[2] != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    rank = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(shape)


def write_idx(path, array):
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(int(d).to_bytes(4, "big") for d in array.shape)
    with open(path, "wb") as raw:
        # filename="" and mtime=0: no name and no time in the gzip header, so the bytes are reproducible
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as f:
            f.write(header + np.ascontiguousarray(array, dtype=np.uint8).tobytes())


def balanced(labels, per_class, rng):
    picked = []
    for c in range(10):
        idx = np.flatnonzero(labels == c)
        if len(idx) < per_class:
            raise ValueError(f"class {c} has {len(idx)} images, fewer than {per_class}")
        picked.append(rng.choice(idx, per_class, replace=False))
    return np.sort(np.concatenate(picked))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--src", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--train", type=int, default=1000, help="training images per class")
    p.add_argument("--test", type=int, default=200, help="test images per class")
    args = p.parse_args()
    rng = np.random.RandomState(0)
    os.makedirs(OUT, exist_ok=True)
    for prefix, per_class in (("train", args.train), ("t10k", args.test)):
        images = read_idx(os.path.join(args.src, prefix + "-images-idx3-ubyte.gz"))
        labels = read_idx(os.path.join(args.src, prefix + "-labels-idx1-ubyte.gz"))
        keep = balanced(labels, per_class, rng)
        write_idx(os.path.join(OUT, prefix + "-images-idx3-ubyte.gz"), images[keep])
        write_idx(os.path.join(OUT, prefix + "-labels-idx1-ubyte.gz"), labels[keep])
        print(f"{prefix}: {len(keep)} images, {np.bincount(labels[keep], minlength=10).tolist()} per class")


if __name__ == "__main__":
    main()
