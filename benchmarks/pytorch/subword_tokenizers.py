#!/usr/bin/python3
"""The peers of org.torch4j.benchmarks.TokenizerThroughput: the sentencepiece library (which torchtext's
SentencePieceTokenizer wraps) and Hugging Face's Rust tokenizers (BertNormalizer + BertPreTokenizer + WordPiece,
the algorithm torchtext's BERTTokenizer ports), one text at a time on one thread, on the same texts and models.
torchtext's own C++ tokenizers cannot run here (Debian ships its extension as stubs), so CLIP has no peer.

    /tmp/tokvenv/bin/python benchmarks/pytorch/subword_tokenizers.py     # the venv of tools/gen_text_subword_reference.py
"""
import os
import statistics
import sys
import time

os.environ["RAYON_NUM_THREADS"] = "1"
import sentencepiece as spm  # noqa: E402
from tokenizers import Tokenizer, models, normalizers, pre_tokenizers  # noqa: E402

FILES = ["computers", "humorists", "linux", "literature", "people", "science", "wisdom", "work"]
REF = "ecosystem/text/src/test/resources/reference/text"


def main():
    passes = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    texts = []
    for name in FILES:
        with open(os.path.join("/usr/share/games/fortunes", name), encoding="utf-8", errors="replace") as f:
            texts += [r for r in f.read().split("\n%\n") if r.strip()]
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    print("%d texts, %.2f MB" % (len(texts), nbytes / 1e6))
    bert = Tokenizer(models.WordPiece.from_file(REF + "/bert/vocab.txt", unk_token="[UNK]", max_input_chars_per_word=100))
    bert.normalizer = normalizers.BertNormalizer(lowercase=True)
    bert.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    cases = [("sentencepiece unigram (nmt_nfkc)", spm.SentencePieceProcessor(model_file=REF + "/sentencepiece/unigram.model").encode_as_ids),
             ("sentencepiece bpe", spm.SentencePieceProcessor(model_file=REF + "/sentencepiece/bpe.model").encode_as_ids),
             ("BERT WordPiece (uncased, HF tokenizers)", lambda t: bert.encode(t, add_special_tokens=False).ids)]
    for name, encode in cases:
        end = time.perf_counter() + 3
        while time.perf_counter() < end:
            for t in texts:
                encode(t)
        ms = []
        for _ in range(passes):
            t0 = time.perf_counter()
            for t in texts:
                encode(t)
            ms.append((time.perf_counter() - t0) * 1e3)
        med = statistics.median(ms)
        print("peer    %-40s median %8.1f ms  %6.2f MB/s  (min %.1f, max %.1f)" % (name, med, nbytes / 1e3 / med, min(ms), max(ms)))


if __name__ == "__main__":
    main()
