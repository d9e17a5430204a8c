#!/usr/bin/python3
"""Reference values for the torch4j text bundle (ecosystem/text), from torchtext 0.14 on torch 1.13.

Run with Debian's /usr/bin/python3 (python3-torchtext, python3-torch):

    /usr/bin/python3 tools/gen_text_reference.py

Writes ecosystem/text/src/test/resources/reference/text/text.json; deterministic (no randomness,
sorted keys).

Debian's python3-torchtext 0.14.1 ships its C++ extension (_torchtext*.so, libtorchtext*.so) as
empty stubs without PyInit__torchtext, so ``import torchtext`` fails. The pure-Python parts of
torchtext (get_tokenizer, ngrams_iterator, build_vocab_from_iterator / vocab ordering, the
torchtext.vocab.Vocab wrapper, torchtext.transforms and torchtext.functional) are run unchanged;
only the two C++ classes they call are replaced here by line-for-line Python renderings of
torchtext 0.14's torchtext/csrc/vocab.cpp (Vocab, its TORCH_CHECK messages) and
torchtext/csrc/regex_tokenizer.cpp (RE2 GlobalReplace in order, optional ASCII tolower, split on
' '; RE2 is stood in for by Python's re with re.ASCII, as RE2's \\w \\s \\d classes are ASCII-only;
the patterns used here behave alike in both).
"""
import json
import os
import re
import sys
import types
from collections import OrderedDict

import torch


class _CppVocab:
    """torchtext/csrc/vocab.cpp (0.14)."""

    def __init__(self, tokens, default_index):
        self.itos_ = []
        self.stoi_ = {}
        self.default_index_ = default_index
        for t in tokens:
            if t in self.stoi_:
                raise RuntimeError("Duplicate token found in tokens list: " + t)
            self.stoi_[t] = len(self.itos_)
            self.itos_.append(t)

    def __len__(self):
        return len(self.itos_)

    def __contains__(self, token):
        return token in self.stoi_

    def __getitem__(self, token):
        if token in self.stoi_:
            return self.stoi_[token]
        if self.default_index_ is None:
            raise RuntimeError("Token " + token + " not found and default index is not set")
        return self.default_index_

    def set_default_index(self, index):
        self.default_index_ = index

    def get_default_index(self):
        return self.default_index_

    def append_token(self, token):
        if token in self.stoi_:
            raise RuntimeError("Token " + token + " already exists in the Vocab with index: " + str(self.stoi_[token]))
        self.stoi_[token] = len(self.itos_)
        self.itos_.append(token)

    def insert_token(self, token, index):
        if not (0 <= index <= len(self.itos_)):
            raise RuntimeError("Specified index " + str(index) + " is out of bounds for vocab of size " + str(len(self.itos_)))
        if token in self.stoi_:
            raise RuntimeError("Token " + token + " not found in Vocab")
        for i in range(index, len(self.itos_)):
            self.stoi_[self.itos_[i]] = i + 1
        self.stoi_[token] = index
        self.itos_.insert(index, token)

    def lookup_token(self, index):
        if not (0 <= index < len(self.itos_)):
            raise RuntimeError("Specified index " + str(index) + " is out of bounds for vocab of size " + str(len(self.itos_)))
        return self.itos_[index]

    def lookup_tokens(self, indices):
        for i, index in enumerate(indices):
            if not (0 <= index < len(self.itos_)):
                raise RuntimeError("Specified index " + str(index) + " at position " + str(i)
                                   + " is out of bounds for vocab of size " + str(len(self.itos_)))
        return [self.itos_[i] for i in indices]

    def lookup_indices(self, tokens):
        return [self[t] for t in tokens]

    def get_stoi(self):
        return dict(self.stoi_)

    def get_itos(self):
        return list(self.itos_)


class _CppRegexTokenizer:
    """torchtext/csrc/regex_tokenizer.cpp (0.14)."""

    def __init__(self, patterns, replacements, to_lower):
        if len(patterns) != len(replacements):
            raise RuntimeError("Expected `patterns` and `replacements` to have same size!")
        self.patterns_, self.replacements_, self.to_lower_ = patterns, replacements, to_lower
        self.compiled = [re.compile(p, re.ASCII) for p in patterns]  # RE2's \w, \s, \d are ASCII-only

    def forward(self, s):
        if self.to_lower_:
            s = "".join(c.lower() if "A" <= c <= "Z" else c for c in s)
        for p, r in zip(self.compiled, self.replacements_):
            s = p.sub(r, s)
        return [t for t in s.split(" ") if t]


def _install_stubs():
    ext = types.ModuleType("torchtext._extension")
    cpp = types.ModuleType("torchtext._torchtext")
    cpp.Vocab = _CppVocab
    cpp.RegexTokenizer = _CppRegexTokenizer
    for name in ["CLIPEncoder", "GPT2BPEEncoder", "BERTEncoder", "SentencePiece", "Vectors"]:
        setattr(cpp, name, type(name, (), {}))
    sys.modules["torchtext._extension"] = ext
    sys.modules["torchtext._torchtext"] = cpp
    # LabelToIndex builds its vocab through torch.classes.torchtext.Vocab
    torch.classes.__dict__["torchtext"] = types.SimpleNamespace(Vocab=_CppVocab)


_install_stubs()
import torchtext  # noqa: E402
import torchtext.functional as TF  # noqa: E402
import torchtext.transforms as T  # noqa: E402
from torchtext.data.utils import get_tokenizer, ngrams_iterator  # noqa: E402
from torchtext.vocab import build_vocab_from_iterator, vocab  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ecosystem", "text", "src", "test", "resources",
                   "reference", "text", "text.json")

TEXTS = [
    "You can now install TorchText using pip!<br />It's \"great\"; really: (yes), ok?",
    "  Multiple   spaces\tand\ttabs\nnew lines\r\nand... dots. 3.14, 1,000!",
    "Ünïcödé ÇAFÉ naïve résumé — “quotes” ‘single’ ΣΊΣΥΦΟΣ İstanbul straße",
    "no\u00a0break\u2003em\u3000ideo\u2028line\u0085nel\x1cfs\x1fus\u200bzwsp",
    "emoji 😀 test: 𝒜𝓁𝓅𝒽𝒶, mixed-case CamelCase snake_case kebab-case",
    "(nested (parens)) [brackets] {braces} <tags> a/b\\c #hash @at $5 100% x&y",
    "",
    "   ",
    "don't won't y'all ''quoted'' \"\"double\"\"",
]


def errors(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        return {"type": type(e).__name__, "message": str(e)}
    return None


# GPT-2 byte-level BPE. torchtext's GPT2BPETokenizer is C++ and needs GPT-2's encoder.json / vocab.bpe
# (not available offline), so this is a small Python rendering of GPT-2's encoder.py (openai/gpt-2:
# bytes_to_unicode from torchtext.transforms, the pre-tokenisation pattern, bpe()) plus a plain BPE
# trainer with a stated tie rule, which the Java GPT2BPETokenizer.train must match.
GPT2_PATTERN = r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"""

BPE_CORPUS = [
    "The quick brown fox jumps over the lazy dog. The dog sleeps; the fox runs!",
    "Byte pair encoding merges the most frequent pair of symbols, again and again, until the vocabulary is full.",
    "It's what they're doing: we've seen it, I'm sure, you'll see, he'd know.",
    "Numbers 12345 and 2026, prices $3.50, 100% sure -- emails a@b.c, paths /usr/share/games.",
    "Ünïcödé text: café, naïve, résumé, straße, Σίσυφος, 東京, 😀😀 emoji.",
    "the the the then there these those this that than thin thing things thinking",
    "    indented   spaces\tand\ttabs\nnew lines\n\n",
]


def _get_pairs(word):
    return set(zip(word, word[1:]))


def _bpe(token, ranks):
    word = tuple(token)
    pairs = _get_pairs(word)
    if not pairs:
        return list(word)
    while True:
        bigram = min(pairs, key=lambda pair: ranks.get(pair, float("inf")))
        if bigram not in ranks:
            break
        first, second = bigram
        new_word = []
        i = 0
        while i < len(word):
            try:
                j = word.index(first, i)
                new_word.extend(word[i:j])
                i = j
            except ValueError:
                new_word.extend(word[i:])
                break
            if word[i] == first and i < len(word) - 1 and word[i + 1] == second:
                new_word.append(first + second)
                i += 2
            else:
                new_word.append(word[i])
                i += 1
        word = tuple(new_word)
        if len(word) == 1:
            break
        pairs = _get_pairs(word)
    return list(word)


def _merge(word, a, b):
    out, i = [], 0
    while i < len(word):
        if i + 1 < len(word) and word[i] == a and word[i + 1] == b:
            out.append(a + b)
            i += 2
        else:
            out.append(word[i])
            i += 1
    return out


def bpe_reference():
    import regex
    byte_encoder = T.bytes_to_unicode()
    pat = regex.compile(GPT2_PATTERN)

    def pieces(text):
        return ["".join(byte_encoder[b] for b in p.encode("utf-8")) for p in pat.findall(text)]

    counts = {}
    for t in BPE_CORPUS:
        for p in pieces(t):
            counts[p] = counts.get(p, 0) + 1
    words = [list(w) for w in counts]
    freqs = list(counts.values())
    encoder = {}
    for b in byte_encoder:  # insertion order of bytes_to_unicode: printable bytes first
        encoder[byte_encoder[b]] = len(encoder)
    merges = []
    vocab_size, min_frequency = 400, 2
    while len(encoder) < vocab_size:
        pairs = {}
        for w, f in zip(words, freqs):
            for pr in zip(w, w[1:]):
                pairs[pr] = pairs.get(pr, 0) + f
        if not pairs:
            break
        best = min(pairs, key=lambda pr: (-pairs[pr], [ord(c) for c in pr[0]], [ord(c) for c in pr[1]]))
        if pairs[best] < min_frequency:
            break
        a, b = best
        merges.append(a + " " + b)
        if a + b not in encoder:
            encoder[a + b] = len(encoder)
        words = [_merge(w, a, b) for w in words]
    ranks = {tuple(m.split(" ")): i for i, m in enumerate(merges)}
    texts = TEXTS + ["the thinnest things", "unseen wörds like zyzzyva 98765"]
    tokens = [[t for p in pieces(x) for t in _bpe(p, ranks)] for x in texts]
    return {"corpus": BPE_CORPUS, "vocab_size": vocab_size, "min_frequency": min_frequency, "merges": merges,
            "encoder": [[k, v] for k, v in encoder.items()], "texts": texts,
            # the encoder as GPT-2's encoder.py writes encoder.json (json.dump, ASCII with \\u escapes)
            "encoder_json": json.dumps(encoder),
            "pre_tokens": [pat.findall(x) for x in texts], "tokens": tokens,
            "ids": [[str(encoder[t]) for t in ts] for ts in tokens],
            "byte_encoder": [[b, c] for b, c in byte_encoder.items()]}


def main():
    ref = {"torchtext": torchtext.__version__, "torch": torch.__version__.split("+")[0]}
    basic = get_tokenizer("basic_english")
    split = get_tokenizer(None)
    ref["texts"] = TEXTS
    ref["basic_english"] = [basic(t) for t in TEXTS]
    ref["split"] = [split(t) for t in TEXTS]
    ref["chars"] = [list(t) for t in TEXTS]
    regex_cases = [
        [[r"\'", " '  "], [r"\"", ""]],
        [[r"[,._+ ]+", " "]],
        [[r"(\w+)@(\w+)", r"\2 at \1"], [r"\s+", " "]],
        [[r"[^a-zA-Z0-9]+", " "]],
    ]
    regex_texts = TEXTS + ["Basic.Regex,Tokenization_for+a..Line,,of  Text", "alice@example bob@host"]
    ref["regex"] = [{"patterns": c, "outputs": [T.RegexTokenizer([tuple(p) for p in c])(t) for t in regex_texts]}
                    for c in regex_cases]
    ref["regex_texts"] = regex_texts
    ref["ngrams"] = [{"tokens": toks, "n": n, "out": list(ngrams_iterator(toks, n))}
                     for toks in [["here", "we", "are"], ["a", "b", "c", "d"], [], ["x"]] for n in [1, 2, 3, 5]]

    # vocabularies
    corpus = [basic(t) for t in TEXTS] + [["the", "cat", "sat"], ["the", "dog", "sat"], ["a", "cat"], ["b", "B", "é", "e", "z"],
                                          ["😀", "𝒜", "ｚ", "z", "Z"], ["<unk>", "the", "<pad>"]]
    ref["corpus"] = corpus
    builds = []
    for min_freq in [1, 2]:
        for specials in [[], ["<unk>"], ["<unk>", "<pad>", "<bos>"], ["the"]]:
            for special_first in [True, False]:
                for max_tokens in [None, 5, 12]:
                    if max_tokens is not None and len(specials) >= max_tokens:
                        continue
                    v = build_vocab_from_iterator(iter(corpus), min_freq=min_freq, specials=specials,
                                                  special_first=special_first, max_tokens=max_tokens)
                    builds.append({"min_freq": min_freq, "specials": specials, "special_first": special_first,
                                   "max_tokens": max_tokens, "itos": v.get_itos()})
    ref["build_vocab"] = builds
    od_items = [["x", 3], ["a", 1], ["y", 5], ["<pad>", 7], ["b", 2]]
    ref["ordered_dict"] = od_items
    ref["vocab_factory"] = [
        {"min_freq": m, "specials": s, "special_first": f,
         "itos": vocab(OrderedDict(od_items), min_freq=m, specials=s, special_first=f).get_itos()}
        for m in [1, 2] for s in [[], ["<unk>", "<pad>"]] for f in [True, False]]

    v = build_vocab_from_iterator(iter(corpus), specials=["<unk>", "<pad>"])
    ops = {"itos": v.get_itos(), "len": len(v), "contains": {t: (t in v) for t in ["the", "zebra", "<pad>", ""]}}
    ops["getitem"] = {t: v[t] for t in ["the", "cat", "<pad>"]}
    ops["lookup_indices"] = v.lookup_indices(["the", "cat", "sat"])
    ops["lookup_tokens"] = v.lookup_tokens([3, 0, 2])
    ops["lookup_token"] = v.lookup_token(4)
    ops["default_index_unset"] = v.get_default_index()
    ops["error_unknown"] = errors(lambda: v["zebra"])
    ops["error_lookup_token"] = errors(lambda: v.lookup_token(len(v)))
    ops["error_lookup_token_negative"] = errors(lambda: v.lookup_token(-1))
    ops["error_lookup_tokens"] = errors(lambda: v.lookup_tokens([0, 1, 999]))
    ops["error_append"] = errors(lambda: v.append_token("the"))
    ops["error_insert_existing"] = errors(lambda: v.insert_token("the", 0))
    ops["error_insert_index"] = errors(lambda: v.insert_token("new", len(v) + 1))
    ops["error_duplicate"] = errors(lambda: vocab(OrderedDict([("a", 1)]), specials=["b", "b"]))
    v.set_default_index(0)
    ops["default_index"] = v.get_default_index()
    ops["lookup_indices_default"] = v.lookup_indices(["the", "zebra", "cat"])
    v.insert_token("<bos>", 1)
    v.append_token("<eos>")
    ops["after_insert_append_itos"] = v.get_itos()
    ops["after_insert_append_stoi"] = v.get_stoi()
    ops["after_insert_getitem"] = {t: v[t] for t in ["<unk>", "<bos>", "<pad>", "the", "<eos>", "zebra"]}
    ref["vocab_ops"] = ops

    # transforms
    tv = vocab(OrderedDict([("a", 1), ("b", 1), ("c", 1)]))
    tv.set_default_index(1)
    vt = T.VocabTransform(tv)
    tr = {"vocab_itos": tv.get_itos(), "vocab_default": 1}
    tr["vocab_single"] = vt(["a", "c", "zz"])
    tr["vocab_batch"] = vt([["a", "b"], ["a", "b", "c"], []])
    tr["vocab_error"] = errors(lambda: vt("abc"))
    tr["truncate_single_int"] = T.Truncate(2)([1, 2, 3])
    tr["truncate_single_str"] = T.Truncate(2)(["a", "b", "c"])
    tr["truncate_batch"] = T.Truncate(2)([[1, 2, 3], [4], []])
    tr["truncate_batch_str"] = TF.truncate([["a", "b", "c"], ["d"]], 1)
    tr["truncate_zero"] = TF.truncate([1, 2, 3], 0)
    tr["truncate_error"] = errors(lambda: TF.truncate([1.5, 2.5], 1))
    tr["add_begin_int"] = T.AddToken(0, begin=True)([5, 6])
    tr["add_end_int"] = T.AddToken(9, begin=False)([5, 6])
    tr["add_begin_str"] = T.AddToken("<bos>")(["x", "y"])
    tr["add_end_batch"] = TF.add_token([[1], [], [2, 3]], 7, begin=False)
    tr["add_begin_batch_str"] = TF.add_token([["a"], []], "<s>")
    tr["add_error"] = errors(lambda: TF.add_token([1, 2], "x"))
    t1 = T.ToTensor()([1, 2, 3])
    tr["to_tensor_single"] = {"values": t1.tolist(), "shape": list(t1.shape), "dtype": str(t1.dtype)}
    t1f = T.ToTensor(dtype=torch.float32)([1, 2, 3])
    tr["to_tensor_single_float_requested"] = {"values": t1f.tolist(), "shape": list(t1f.shape), "dtype": str(t1f.dtype)}
    t2 = T.ToTensor(padding_value=-1)([[1, 2], [3], [4, 5, 6]])
    tr["to_tensor_padded"] = {"values": t2.tolist(), "shape": list(t2.shape), "dtype": str(t2.dtype)}
    t3 = T.ToTensor(padding_value=0, dtype=torch.int32)([[1, 2], [3]])
    tr["to_tensor_padded_int32"] = {"values": t3.tolist(), "shape": list(t3.shape), "dtype": str(t3.dtype)}
    t4 = T.ToTensor(dtype=torch.float64)([[1, 2], [3, 4]])
    tr["to_tensor_rect_float64"] = {"values": t4.tolist(), "shape": list(t4.shape), "dtype": str(t4.dtype)}
    tr["to_tensor_ragged_error"] = errors(lambda: T.ToTensor()([[1, 2], [3]]))
    tr["to_tensor_type_error"] = errors(lambda: T.ToTensor()(["a"]))
    p = T.PadTransform(5, 0)(torch.tensor([[1, 2, 3], [4, 5, 6]]))
    tr["pad_batch"] = {"values": p.tolist(), "shape": list(p.shape)}
    p1 = T.PadTransform(2, -1)(torch.tensor([1, 2, 3]))
    tr["pad_longer"] = {"values": p1.tolist(), "shape": list(p1.shape)}
    p2 = T.PadTransform(4, 9)(torch.tensor([1.5, 2.5]))
    tr["pad_float"] = {"values": p2.tolist(), "shape": list(p2.shape), "dtype": str(p2.dtype)}
    l2i = T.LabelToIndex(label_names=["pos", "neg", "neutral"])
    tr["label_names"] = l2i.label_names
    tr["label_single"] = l2i("neg")
    tr["label_batch"] = l2i(["neutral", "pos", "neg"])
    tr["label_sorted_names"] = T.LabelToIndex(label_names=["pos", "neg", "neutral"], sort_names=True).label_names
    tr["label_error"] = errors(lambda: l2i("unknown"))
    seq = T.Sequential(T.VocabTransform(tv), T.Truncate(3), T.AddToken(0, begin=True), T.AddToken(2, begin=False),
                       T.ToTensor(padding_value=1))
    s = seq([["a", "b", "c", "a"], ["c"]])
    tr["sequential"] = {"input": [["a", "b", "c", "a"], ["c"]], "values": s.tolist(), "shape": list(s.shape)}
    tr["str_to_int_single"] = T.StrToIntTransform()(["1", "-2", " 30 "])
    tr["str_to_int_batch"] = TF.str_to_int([["4", "5"], [], ["6"]])
    tr["str_to_int_error"] = errors(lambda: TF.str_to_int(["x1"]))
    import tempfile
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("  pos \n\nneg\n   \nneutral\n")
        label_path = f.name
    try:
        tr["label_path_file"] = "  pos \n\nneg\n   \nneutral\n"
        tr["label_path_names"] = T.LabelToIndex(label_path=label_path).label_names
        tr["label_path_sorted"] = T.LabelToIndex(label_path=label_path, sort_names=True).label_names
    finally:
        os.unlink(label_path)
    ref["transforms"] = tr

    ref["bpe"] = bpe_reference()

    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(ref, f, ensure_ascii=True, sort_keys=True, indent=1)
        f.write("\n")
    print("wrote", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
