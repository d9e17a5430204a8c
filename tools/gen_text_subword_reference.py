#!/usr/bin/python3
"""Reference values for torch4j's subword tokenizers (ecosystem/text): torchtext 0.14's BERTTokenizer
and SentencePieceTokenizer.

Run with Debian's python3 plus two wheels this machine carries (no network needed):

    /usr/bin/python3 -m venv --system-site-packages /tmp/tokvenv
    /tmp/tokvenv/bin/pip install --no-index --no-deps /opt/pypi/files/sentencepiece-0.2.2-*.whl \
        /opt/pypi/files/tokenizers-0.22.2-*.whl
    /tmp/tokvenv/bin/python tools/gen_text_subword_reference.py

Writes, under ecosystem/text/src/test/resources/reference/text/:
  bert/vocab.txt          a WordPiece vocabulary learned from Debian's fortunes (Hugging Face tokenizers)
  bert/bert.json          BERTTokenizer cases: text, options, tokens, ids
  sentencepiece/*.model   unigram and BPE models trained by the sentencepiece library on the fortunes
  sentencepiece/sp.json   their normalization, pieces, ids and decoding of each text (the library torchtext wraps),
                          and a CRC-32 of the ids of 400 raw fortunes per model
Deterministic: training is single-threaded and seeded, outputs are sorted.

BERTTokenizer: Debian's python3-torchtext ships its C++ extension as empty stubs, so the BERT encoder
is rendered here line for line from torchtext 0.14.1's torchtext/csrc/bert_tokenizer.cpp (utf8proc's
categories, NFD and simple lowercase as Python's unicodedata gives them), and driven through the
real torchtext.transforms.BERTTokenizer wrapper (its strip() and batch paths). One deliberate
difference: torchtext 0.14 strips accents whenever strip_accents is given, even False (it tests
has_value()); here, as documented and as Hugging Face's BertTokenizer, False keeps them. Every case
is also checked against Hugging Face's Rust BertNormalizer + BertPreTokenizer + WordPiece, which must
agree (except where listed in HF_DIFFERS, with the reason).
"""
import json
import os
import sys
import types
import unicodedata
import zlib

os.environ["RAYON_NUM_THREADS"] = "1"  # the tokenizers trainer is deterministic on one thread
os.environ["TOKENIZERS_PARALLELISM"] = "false"
import torch  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ecosystem", "text", "src", "test", "resources",
                    "reference", "text")
FORTUNES = "/usr/share/games/fortunes"


def fortunes(files, limit):
    out = []
    for name in files:
        with open(os.path.join(FORTUNES, name), encoding="utf-8", errors="replace") as f:
            for rec in f.read().split("\n%\n"):
                rec = rec.strip()
                if rec:
                    out.append(rec)
    return out[:limit]


# ---------------------------------------------------------------- BERT (torchtext/csrc/bert_tokenizer.cpp)

def _simple_lower(c):
    low = c.lower()
    return low if len(low) == 1 else {"\u0130": "i"}.get(c, c)  # utf8proc_tolower is the simple mapping


def _is_whitespace(c):
    return c in "\t\n\r " or unicodedata.category(c) == "Zs"


def _is_control(c):
    if c in "\t\n\r":
        return False
    if ord(c) == 3332:
        return True
    return unicodedata.category(c) in ("Cc", "Cf", "Cn", "Cs", "Co")


def _is_chinese(c):
    cp = ord(c)
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F
            or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def _is_punct(c):
    cp = ord(c)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(c).startswith("P")


class _CppBERTEncoder:
    def __init__(self, vocab_file, do_lower_case, strip_accents, never_split):
        tokens = {}
        with open(vocab_file, "rb") as f:
            data = f.read().decode("utf-8")
        lines = data.split("\n")
        if lines and lines[-1] == "":
            lines.pop()  # getline yields no line after the final newline
        for line in lines:
            tokens.setdefault(line or "\n", 1)  # torchtext maps an empty line to "\n" (issue 1840)
        self.itos = list(tokens)
        self.stoi = {t: i for i, t in enumerate(self.itos)}
        self.lower, self.strip_accents, self.never_split = do_lower_case, strip_accents, set(never_split)

    def _max_seg(self, s, out):
        b = s.encode("utf-8")
        start, end, subs = 0, len(b), []
        while start < end:
            test = b[start:end]
            test = (b"##" + test) if start > 0 else test
            try:
                t = test.decode("utf-8")
            except UnicodeDecodeError:
                t = None
            if t is not None and t in self.stoi:
                subs.append(t)
                start, end = end, len(b)
            else:
                end -= 1
                if start == end:
                    out.append("[UNK]")
                    return
        out.extend(subs)

    @staticmethod
    def basic_words(text):
        """The uncased words (before WordPiece) of text."""
        enc = _CppBERTEncoder.__new__(_CppBERTEncoder)
        enc.lower, enc.strip_accents, enc.never_split = True, None, set()
        return enc.words(text)

    def tokenize(self, text):
        out = []
        for s in self.words(text):
            if len(s.encode("utf-8")) > 100:
                out.append("[UNK]")
            else:
                self._max_seg(s, out)
        return out

    def words(self, text):
        interim = []
        for token in [t for t in text.split(" ") if t]:
            keep = token in self.never_split
            strip = self.lower if self.strip_accents is None else self.strip_accents
            if strip:
                token = unicodedata.normalize("NFD", token)
            cleaned = []
            for c in token:
                if c == "\0" or c == "\ufffd" or _is_control(c):
                    continue
                if not keep and strip and unicodedata.category(c) == "Mn":
                    continue
                cleaned.append(" " if _is_whitespace(c) else c)
            spaced = []
            for c in cleaned:
                if _is_chinese(c) or (_is_punct(c) and not keep):
                    if spaced and spaced[-1] != " ":
                        spaced.append(" ")
                    spaced += [c, " "]
                elif c == " ":
                    if spaced and spaced[-1] != " ":
                        spaced.append(c)
                else:
                    spaced.append(c)
            if spaced and spaced[-1] == " ":
                spaced.pop()
            if self.lower and not keep:
                spaced = [_simple_lower(c) for c in spaced]
            interim += [t for t in "".join(spaced).split(" ") if t]
        return interim

    def encode(self, text):
        ids = []
        for t in self.tokenize(text):
            if t not in self.stoi:
                raise RuntimeError("Token " + t + " not found and default index is not set")
            ids.append(self.stoi[t])
        return ids

    def batch_tokenize(self, texts):
        return [self.tokenize(t) for t in texts]

    def batch_encode(self, texts):
        return [self.encode(t) for t in texts]


# ---------------------------------------------------------------- CLIP (torchtext/csrc/clip_tokenizer.cpp)

# RE2's \s is [\t\n\f\r ] (ASCII, no \v); \pL and \pN are Unicode's categories; FindAndConsume = findall
CLIP_PATTERN = r"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\t\n\f\r \p{L}\p{N}]+"


def _clip_pre(text):
    import regex
    return regex.findall(CLIP_PATTERN, text, flags=regex.IGNORECASE)


class _CppCLIPEncoder:
    """GPT2BPEEncoder::Encode/Tokenize with CLIPEncoder's pre-tokenizer and BPE_ (torchtext 0.14.1)."""

    def __init__(self, bpe_encoder, bpe_merge_ranks, seperator, byte_encoder, caching_enabled):
        self.encoder, self.sep, self.byte_encoder = bpe_encoder, seperator, byte_encoder
        self.ranks = bpe_merge_ranks

    def _bpe(self, symbols):
        concatenated = "".join(symbols)
        if concatenated in ("<|startoftext|>", "<|endoftext|>"):
            return [concatenated]
        word = symbols[:-1] + [symbols[-1] + "</w>"]
        if len(word) < 2:
            return [concatenated + "</w>"]
        inf = len(self.ranks) + 1
        while True:
            pairs = {a + self.sep + b for a, b in zip(word, word[1:])}
            best = min(pairs, key=lambda pr: self.ranks.get(pr, inf))
            if best not in self.ranks:
                break
            first, second = best.split(self.sep, 1)
            new, i = [], 0
            while i < len(word):
                try:
                    j = word.index(first, i)
                except ValueError:
                    new.extend(word[i:])
                    break
                new.extend(word[i:j])
                i = j
                if word[i] == first and i < len(word) - 1 and word[i + 1] == second:
                    new.append(first + second)
                    i += 2
                else:
                    new.append(word[i])
                    i += 1
            word = new
            if len(word) == 1:
                break
        return word

    def tokenize(self, text):
        return [t for tok in _clip_pre(text) for t in self._bpe([self.byte_encoder[b] for b in tok.encode("utf-8")])]

    def encode(self, text):
        return [self.encoder[t] for t in self.tokenize(text)]


def _install_stubs():
    ext = types.ModuleType("torchtext._extension")
    cpp = types.ModuleType("torchtext._torchtext")
    for name in ["Vocab", "RegexTokenizer", "GPT2BPEEncoder", "SentencePiece", "Vectors"]:
        setattr(cpp, name, type(name, (), {}))
    cpp.BERTEncoder = _CppBERTEncoder
    cpp.CLIPEncoder = _CppCLIPEncoder
    sys.modules["torchtext._extension"] = ext
    sys.modules["torchtext._torchtext"] = cpp


_install_stubs()
import torchtext.transforms as T  # noqa: E402

BERT_TEXTS = [
    ("plain", "Hello World, How are you!"),
    ("accents", "Café Über naïve Ångström résumé façade"),
    ("chinese", "我爱北京天安门 hello世界, ok"),
    ("punctuation", "well...he said:\"no!\"(maybe)--[yes]? 3.14 $5 #tag @you a_b"),
    ("unicode punctuation", "«quoted» „low‟ ‘single’ — dash… ¿qué? ¡sí!"),
    ("control and format", "a\u0000b c\u200bd e\ufffdf g\u0007h \u00adsoft"),
    ("whitespace", "  tabs\tand\nnewlines\r\nand\u00a0nbsp\u3000ideographic  "),
    ("long word", "x" * 101 + " " + "y" * 100 + " " + "é" * 51 + " " + "é" * 50),
    ("unknown", "zebra quokka 😀 ☃ snowman"),
    ("turkish and german", "İstanbul STRASSE straße ǅemal"),
    ("digits", "1984 2001: a space odyssey, 3rd 42nd"),
    ("empty", ""),
    ("spaces only", "   "),
    ("never split", "[CLS] Hello, World! [SEP] [MASK]ed [PAD]"),
    ("never split accents", "Café [CLS]"),
]

BERT_OPTIONS = [
    ("uncased", dict(do_lower_case=True, strip_accents=None, never_split=None)),
    ("cased", dict(do_lower_case=False, strip_accents=None, never_split=None)),
    ("uncased keep accents", dict(do_lower_case=True, strip_accents=False, never_split=None)),
    ("cased strip accents", dict(do_lower_case=False, strip_accents=True, never_split=None)),
    ("never split", dict(do_lower_case=True, strip_accents=None, never_split=["[CLS]", "[SEP]", "[MASK]", "Café"])),
]

# (option, text) pairs where Hugging Face's tokenizers and torchtext disagree, with the reason.
HF_DIFFERS = {
    ("uncased", "long word"): "torchtext counts the 100-character limit in UTF-8 bytes, HF in characters",
    ("uncased keep accents", "long word"): "the same",
    ("cased", "long word"): "the same",
    ("cased strip accents", "long word"): "the same",
    ("uncased keep accents", "turkish and german"): "utf8proc_tolower maps U+0130 to 'i' (simple mapping), Rust's "
                                                    "to_lowercase to 'i' + U+0307",
    ("never split", "long word"): "the same",
}


def train_bert_vocab(path):
    """A WordPiece vocabulary built deterministically from the fortunes (as BERT's: specials, characters and
    their ## forms, frequent words, frequent word starts and ## endings), so that greedy longest-match has
    whole words, prefixes and suffixes to choose from."""
    from collections import Counter
    texts = fortunes(["computers", "literature", "science", "wisdom", "work", "people", "food"], 4000)
    words, chars = Counter(), Counter()
    for t in texts:
        for w in _CppBERTEncoder.basic_words(t):
            words[w] += 1
            chars.update(w)
    def top(counter, n):
        return [k for k, _ in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]
    alphabet = sorted(c for c, n in chars.items() if n >= 3)
    starts, ends = Counter(), Counter()
    for w, n in words.items():
        for k in range(2, min(5, len(w))):
            starts[w[:k]] += n
            ends[w[-k:]] += n
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + alphabet + ["##" + c for c in alphabet]
    for t in top(words, 1200) + top(starts, 300) + ["##" + e for e in top(ends, 400)]:
        if t not in vocab:
            vocab.append(t)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for t in vocab:
            f.write(t + "\n")


def hf_tokens(vocab_path, lower, strip, text):
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers
    t = Tokenizer(models.WordPiece.from_file(vocab_path, unk_token="[UNK]", max_input_chars_per_word=100))
    t.normalizer = normalizers.BertNormalizer(clean_text=True, handle_chinese_chars=True, strip_accents=strip,
                                              lowercase=lower)
    t.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    return t.encode(text.strip(), add_special_tokens=False).tokens


def bert_reference():
    vocab_path = os.path.join(ROOT, "bert", "vocab.txt")
    train_bert_vocab(vocab_path)
    cases = []
    for oname, opts in BERT_OPTIONS:
        tokens_t = T.BERTTokenizer(vocab_path, return_tokens=True, **opts)
        ids_t = T.BERTTokenizer(vocab_path, return_tokens=False, **opts)
        for tname, text in BERT_TEXTS:
            toks = tokens_t(text)
            ids = ids_t(text)
            kept = set(opts["never_split"] or []) & set(text.split(" "))  # HF's normalizer has no never_split
            if (oname, tname) not in HF_DIFFERS and not kept:
                hf = hf_tokens(vocab_path, opts["do_lower_case"], opts["strip_accents"], text)
                assert hf == toks, (oname, tname, hf, toks)
            cases.append(dict(options=oname, name=tname, text=text, tokens=toks, ids=ids))
    texts = fortunes(["humorists", "linux"], 24)
    for i, text in enumerate(texts):
        toks = T.BERTTokenizer(vocab_path, return_tokens=True)(text)
        assert hf_tokens(vocab_path, True, None, text) == toks
        cases.append(dict(options="uncased", name="fortune %d" % i, text=text, tokens=toks,
                          ids=T.BERTTokenizer(vocab_path)(text)))
    bulk = raw_fortunes(BULK_FILES, 400)
    bulk_crc = {}
    for oname in ("uncased", "cased"):
        opts = dict(BERT_OPTIONS)[oname]
        tok = T.BERTTokenizer(vocab_path, return_tokens=True, **opts)
        tokens = [tok(t) for t in bulk]
        for t, toks in zip(bulk, tokens):
            assert hf_tokens(vocab_path, opts["do_lower_case"], opts["strip_accents"], t) == toks, t
        ids = [",".join(x) for x in T.BERTTokenizer(vocab_path, **opts)(bulk)]
        bulk_crc[oname] = [zlib.crc32("\n".join(ids[i:i + 50]).encode()) for i in range(0, len(bulk), 50)]
    batch = [t for _, t in BERT_TEXTS[:4]]
    ref = dict(options={k: dict(v, never_split=v["never_split"] or []) for k, v in BERT_OPTIONS}, cases=cases,
               bulk_files=BULK_FILES, bulk_text_crc=zlib.crc32("\n%\n".join(bulk).encode()), bulk_crc=bulk_crc,
               batch=dict(texts=batch, tokens=T.BERTTokenizer(vocab_path, return_tokens=True)(batch),
                          ids=T.BERTTokenizer(vocab_path)(batch)))
    with open(os.path.join(ROOT, "bert", "bert.json"), "w", encoding="utf-8") as f:
        json.dump(ref, f, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    print("bert:", len(cases), "cases")


# ---------------------------------------------------------------- SentencePiece (the library torchtext wraps)

SP_TEXTS = [
    ("plain", "Hello World, How are you!"),
    ("extra whitespace", "   many   spaces\tand\ttabs \n newlines   "),
    ("empty", ""),
    ("spaces only", "    "),
    ("unknown characters", "snowman \u2603\u2603 and \U0001F600 emoji, Zebra-quokka"),
    ("compatibility forms", "\uFF21\uFF22\uFF23 full width, \uFB01ne ligature, \u2460 circled, \u00BD half, x\u00B2"),
    ("combining", "Cafe\u0301 vs Caf\u00E9, A\u030A and \u212B"),
    ("hangul and kana", "\uD55C\uAD6D\uC5B4 \u1112\u1161\u11AB \uFF76\uFF9E\u30AB"),
    ("controls", "a\u0000b\u0007c\u200Bd\u00ADe\uFEFFf"),
    ("digits and punctuation", "In 1984, 2+2=5; (really?) -- 3.14159 [sic] \"quoted\" 'single' 100%"),
    ("user defined", "<sep> a<sep>b <mask> <s> </s> <unk> <cls>x"),
    ("long", " ".join(["antidisestablishmentarianism"] * 3)),
    ("float tie", "a day.... and Wednesday...."),
]

SP_MODELS = [
    # name, trainer options
    ("unigram", dict(model_type="unigram", vocab_size=800, normalization_rule_name="nmt_nfkc")),
    ("bpe", dict(model_type="bpe", vocab_size=800, normalization_rule_name="identity")),
    ("unigram_bytes", dict(model_type="unigram", vocab_size=600, normalization_rule_name="identity", byte_fallback=True,
                           user_defined_symbols=["<sep>", "<mask>"], control_symbols=["<cls>"],
                           remove_extra_whitespaces=False, pad_id=3)),
    ("bpe_bytes", dict(model_type="bpe", vocab_size=600, normalization_rule_name="identity", byte_fallback=True,
                       user_defined_symbols=["<sep>", "<mask>"], add_dummy_prefix=False)),
    ("word", dict(model_type="word", vocab_size=600, normalization_rule_name="identity")),
    ("char", dict(model_type="char", vocab_size=60, normalization_rule_name="identity")),
]


BULK_FILES = ["humorists", "linux", "love", "riddles", "songs-poems", "zippy"]


def raw_fortunes(files, limit):
    """Records as the files hold them (not stripped), the first `limit`; the Java test reads them the same way."""
    out = []
    for name in files:
        with open(os.path.join(FORTUNES, name), encoding="utf-8", errors="replace") as f:
            out += [r for r in f.read().split("\n%\n") if r.strip()]
    return out[:limit]


def sentencepiece_reference():
    import io

    import sentencepiece as spm
    corpus = [" ".join(t.split()) for t in fortunes(["computers", "literature", "science", "wisdom", "work", "people",
                                                      "food"], 3000)]
    os.makedirs(os.path.join(ROOT, "sentencepiece"), exist_ok=True)
    texts = SP_TEXTS + [("fortune %d" % i, t) for i, t in enumerate(fortunes(["humorists", "linux"], 6))]
    bulk = raw_fortunes(BULK_FILES, 400)
    ref = dict(texts=[dict(name=n, text=t) for n, t in texts], models={}, bulk_files=BULK_FILES,
               bulk_text_crc=zlib.crc32("\n%\n".join(bulk).encode()))
    for name, opts in SP_MODELS:
        blob = io.BytesIO()
        spm.SentencePieceTrainer.train(sentence_iterator=iter(corpus), model_writer=blob, num_threads=1,
                                       seed_sentencepiece_size=100000, minloglevel=2, **opts)
        path = os.path.join(ROOT, "sentencepiece", name + ".model")
        with open(path, "wb") as f:
            f.write(blob.getvalue())
        sp = spm.SentencePieceProcessor(model_file=path)
        encoded = []
        for _, text in texts:
            ids = sp.encode_as_ids(text)
            encoded.append(dict(pieces=sp.encode_as_pieces(text), ids=ids, normalized=sp.normalize(text),
                                decoded=sp.decode_ids(ids)))
        # bulk: raw fortunes (newlines, tabs, runs of spaces as in the files), a CRC-32 of the ids per block of 50
        bulk_ids = [",".join(map(str, sp.encode_as_ids(t))) for t in bulk]
        bulk_crc = [zlib.crc32("\n".join(bulk_ids[i:i + 50]).encode()) for i in range(0, len(bulk), 50)]
        ref["models"][name] = dict(
            bulk_crc=bulk_crc,
            size=sp.get_piece_size(), unk_id=sp.unk_id(), bos_id=sp.bos_id(), eos_id=sp.eos_id(), pad_id=sp.pad_id(),
            pieces=[sp.id_to_piece(i) for i in range(0, sp.get_piece_size(), 37)],
            scores=[sp.get_score(i) for i in range(0, sp.get_piece_size(), 37)],
            encoded=encoded)
    with open(os.path.join(ROOT, "sentencepiece", "sp.json"), "w", encoding="utf-8") as f:
        json.dump(ref, f, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    print("sentencepiece:", len(SP_MODELS), "models x", len(texts), "texts")


CLIP_TEXTS = [
    ("plain", "A photo of a cat, sitting on a mat!"),
    ("case and space", "  The QUICK brown   Fox\tjumps\nover  "),
    ("contractions", "It's what they'd've wanted; I'm sure you'll agree, we're done."),
    ("digits", "In 1984 there were 2,048 cats and 3.5 dogs"),
    ("specials", "<|startoftext|>a cat<|endoftext|> <|STARTOFTEXT|>x"),
    ("symbols", "C++ & Java -- 50% off!!! :-) (maybe) #tags @you"),
    ("unicode", "Caf\u00e9 na\u00efve \u00fcber \u6771\u4eac \u0130stanbul \u03a3\u039f\u03a6\u039f\u03a3 \u00a0nbsp\u3000ideographic\u000bvt"),
    ("emoji", "I \u2764\ufe0f \U0001F408 and \u2603"),
    ("single letters", "a b c x y z"),
    ("empty", ""),
    ("unseen word", "zyzzyva quokka floccinaucinihilipilification"),
]


def clip_reference():
    texts = [t.lower() for t in fortunes(["computers", "literature", "science", "wisdom", "work"], 3000)]
    byte_encoder = T.bytes_to_unicode()
    counts = {}
    for t in texts:
        for tok in _clip_pre(t):
            if tok in ("<|startoftext|>", "<|endoftext|>"):
                continue
            sym = [byte_encoder[b] for b in tok.encode("utf-8")]
            key = tuple(sym[:-1] + [sym[-1] + "</w>"])
            counts[key] = counts.get(key, 0) + 1
    words, freqs = [list(w) for w in counts], list(counts.values())
    merges = []
    while len(merges) < 600:
        pairs = {}
        for w, f in zip(words, freqs):
            for pr in zip(w, w[1:]):
                pairs[pr] = pairs.get(pr, 0) + f
        if not pairs:
            break
        best = min(pairs, key=lambda pr: (-pairs[pr], [ord(c) for c in pr[0]], [ord(c) for c in pr[1]]))
        merges.append(best[0] + " " + best[1])
        words = [_merge(w, best[0], best[1]) for w in words]
    d = os.path.join(ROOT, "clip")
    os.makedirs(d, exist_ok=True)
    merges_path = os.path.join(d, "merges.bpe")
    with open(merges_path, "w", encoding="utf-8", newline="\n") as f:
        f.write("#version: 0.2 (learned from Debian's fortunes by tools/gen_text_subword_reference.py)\n")
        f.write("\n".join(merges) + "\n")  # a final newline, as CLIP's own file: torchtext reads an empty last merge
    full = T.CLIPTokenizer(merges_path)
    encoder = {}
    for v, i in full.bpe.encoder.items():
        encoder[v] = i
    encoder_path = os.path.join(d, "encoder.json")
    with open(encoder_path, "w", encoding="utf-8") as f:
        json.dump({k: v for k, v in encoder.items() if k != ""}, f, ensure_ascii=True)
    configs = [("merges", dict()), ("merges and encoder", dict(encoder_json_path=encoder_path)),
               ("first 200 merges", dict(num_merges=200))]
    cases = []
    all_texts = CLIP_TEXTS + [("fortune %d" % i, t) for i, t in enumerate(fortunes(["humorists", "linux"], 8))]
    for cname, kw in configs:
        tok = T.CLIPTokenizer(merges_path, return_tokens=True, **kw)
        ids = T.CLIPTokenizer(merges_path, **kw)
        for tname, text in all_texts:
            cases.append(dict(config=cname, name=tname, text=text, tokens=tok(text), ids=ids(text)))
    batch = [t for _, t in CLIP_TEXTS[:3]]
    ref = dict(configs={k: v.get("num_merges") for k, v in configs}, cases=cases,
               encoder_size=len(full.bpe.encoder),
               batch=dict(texts=batch, tokens=T.CLIPTokenizer(merges_path, return_tokens=True)(batch),
                          ids=T.CLIPTokenizer(merges_path)(batch)))
    with open(os.path.join(d, "clip.json"), "w", encoding="utf-8") as f:
        json.dump(ref, f, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    print("clip:", len(cases), "cases,", len(merges), "merges")


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


# ---------------------------------------------------------------- word vectors (torchtext.vocab.Vectors, pure Python)

def vectors_reference():
    import gzip
    import logging
    import random
    import tempfile

    from torchtext.vocab import Vectors
    logging.disable(logging.WARNING)
    rng = random.Random(7)
    words = []
    for t in fortunes(["computers", "science"], 300):
        for w in t.split():
            w = w.strip(".,;:!?\"'()").lower()
            if w and w not in words:
                words.append(w)
    words = words[:180]
    dim = 8
    d = os.path.join(ROOT, "vectors")
    os.makedirs(d, exist_ok=True)

    def row(word):
        return word.encode("utf-8") + b" " + b" ".join(("%.6g" % rng.gauss(0, 1)).encode() for _ in range(dim))

    lines = [b"%d %d" % (len(words) + 4, dim)]  # a word2vec header: skipped with a warning
    lines += [row(w) for w in words[:60]]
    lines.append(b"Caf\xc3\xa9 1e-3 -2.5E+2 0.1 nan inf -inf -0 +3")  # Python's float() spellings, a UTF-8 word
    lines.append(b"bad\xff\xfeword " + b" ".join(b"1" for _ in range(dim)))  # not UTF-8: skipped
    lines.append(b"\xc2\xa0nbsp " + b" ".join(b"2" for _ in range(dim)) + b"   \t")  # U+00A0 word, trailing blanks
    lines += [row(w) for w in words[60:]]
    lines.append(b"Apple " + b" ".join(b"0.5" for _ in range(dim)))
    text = b"\n".join(lines) + b"\n"
    with open(os.path.join(d, "vectors.txt"), "wb") as f:
        f.write(text)
    with gzip.GzipFile(os.path.join(d, "vectors.txt.gz"), "wb", mtime=0) as f:
        f.write(text)
    with open(os.path.join(d, "ragged.txt"), "wb") as f:
        f.write(b"a 1 2 3\nb 4 5 6\nc 7 8\n")
    probe = ["the", "Apple", "apple", "APPLE", "Caf\u00e9", "\u00a0nbsp", "zyzzyva", words[5], words[-1]]
    ref = dict(dim=dim, probe=probe, cases={})
    for name, kw in [("all", {}), ("first 50", dict(max_vectors=50)), ("gzip", {})]:
        with tempfile.TemporaryDirectory() as cache:
            v = Vectors(os.path.join(d, "vectors.txt.gz" if name == "gzip" else "vectors.txt"), cache=cache, **kw)
            ref["cases"][name] = dict(
                max_vectors=kw.get("max_vectors"), length=len(v), dim=v.dim, itos=v.itos,
                vectors=[[float(x) for x in r] for r in v.vectors.tolist()],
                get=[[float(x) for x in v[t].tolist()] for t in probe],
                backup=[[float(x) for x in r] for r in v.get_vecs_by_tokens(probe, lower_case_backup=True).tolist()])
    with tempfile.TemporaryDirectory() as cache:
        try:
            Vectors(os.path.join(d, "ragged.txt"), cache=cache)
        except RuntimeError as e:
            ref["ragged_error"] = str(e)
    with open(os.path.join(d, "vectors.json"), "w", encoding="utf-8") as f:
        json.dump(ref, f, ensure_ascii=True, sort_keys=True, separators=(",", ":"), allow_nan=True)
    print("vectors:", len(words), "words")


# ---------------------------------------------------------------- RoBERTa / XLM-R (torchtext.models, pure Python)

LEGACY_NAMES = {  # torchtext's TransformerEncoder._load_from_state_dict: old checkpoint names -> nn.TransformerEncoderLayer's
    "self_attn.in_proj_weight": "attention.input_projection.weight",
    "self_attn.in_proj_bias": "attention.input_projection.bias",
    "self_attn.out_proj.weight": "attention.output_projection.weight",
    "self_attn.out_proj.bias": "attention.output_projection.bias",
    "linear1.weight": "residual_mlp.mlp.0.weight",
    "linear1.bias": "residual_mlp.mlp.0.bias",
    "linear2.weight": "residual_mlp.mlp.3.weight",
    "linear2.bias": "residual_mlp.mlp.3.bias",
    "norm1.weight": "attention_layer_norm.weight",
    "norm1.bias": "attention_layer_norm.bias",
    "norm2.weight": "final_layer_norm.weight",
    "norm2.bias": "final_layer_norm.bias",
}


def roberta_reference():
    from torchtext.models import RobertaClassificationHead, RobertaEncoderConf, RobertaModel
    d = os.path.join(ROOT, "roberta")
    os.makedirs(d, exist_ok=True)
    conf = dict(vocab_size=50, embedding_dim=32, ffn_dimension=48, padding_idx=1, max_seq_len=24, num_attention_heads=4,
                num_encoder_layers=2, dropout=0.0)
    tokens = torch.tensor([[0, 5, 17, 33, 9, 42, 8, 2, 1, 1],
                           [0, 11, 2, 1, 1, 1, 1, 1, 1, 1],
                           [0, 49, 3, 4, 6, 7, 10, 12, 13, 2]])
    masked = torch.tensor([[0, 1, 0, 0, 1, 0, 0, 0, 0, 0], [0, 0, 1, 0, 0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0, 0, 0, 0, 1]])
    ref = dict(conf=conf, tokens=tokens.tolist(), masked_tokens=masked.tolist(), models={})
    for name, normalize_before, legacy in [("post_norm", False, True), ("pre_norm", True, False)]:
        torch.manual_seed(11 if normalize_before else 7)
        c = RobertaEncoderConf(normalize_before=normalize_before, **conf)
        head = RobertaClassificationHead(num_classes=3, input_dim=32, inner_dim=20, dropout=0.0)
        model = RobertaModel(c, head).double().eval()  # float64: the comparison then tests the algorithm, not rounding
        encoder = RobertaModel(c).double().eval()
        encoder.encoder.load_state_dict(model.encoder.state_dict())
        state = {k: v.float() for k, v in model.state_dict().items()}  # the checkpoint is float32, as torchtext's
        if legacy:
            renamed = {}
            for k, v in state.items():
                for better, old in LEGACY_NAMES.items():
                    for i in range(conf["num_encoder_layers"]):
                        b = "encoder.transformer.layers.layers.%d.%s" % (i, better)
                        if k == b:
                            k = "encoder.transformer.layers.%d.%s" % (i, old)
                renamed[k] = v
            state = renamed
        torch.save(state, os.path.join(d, name + ".pt"))
        model.load_state_dict({k: v.double() for k, v in model.state_dict().items()})
        with torch.no_grad():
            for p_ in list(model.parameters()) + list(encoder.parameters()):
                p_.copy_(p_.float().double())  # the float32 checkpoint's values
        features = encoder(tokens)
        g = torch.linspace(-1, 1, features.numel(), dtype=torch.float64).reshape(features.shape)
        (features * g).sum().backward()
        grads = {k: v.grad.tolist() for k, v in encoder.named_parameters()
                 if k in ("encoder.transformer.token_embedding.weight", "encoder.transformer.layers.layers.0.self_attn.in_proj_weight",
                          "encoder.transformer.layers.layers.1.linear2.bias", "encoder.transformer.embedding_layer_norm.weight")}
        with torch.no_grad():
            ref["models"][name] = dict(
                normalize_before=normalize_before, legacy_names=legacy, state_keys=sorted(state),
                features=features.tolist(), masked=encoder(tokens, masked).tolist(), logits=model(tokens).tolist(),
                grads=grads)
    with open(os.path.join(d, "roberta.json"), "w", encoding="utf-8") as f:
        json.dump(ref, f, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    print("roberta:", len(ref["models"]), "models")


# ---------------------------------------------------------------- MaskTransform (torchtext.transforms, pure Python)

def mask_transform_reference():
    cases = []
    tokens = torch.tensor([[6, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28],
                           [6, 30, 31, 32, 33, 34, 35, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5],
                           [6, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 5]])
    configs = [("defaults", dict(mask_bos=False, mask_prob=0.15), tokens),
               ("bos may be masked, 40%", dict(mask_bos=True, mask_prob=0.4), tokens),
               ("all", dict(mask_bos=False, mask_prob=1.0), tokens),
               ("nothing left but [0, 0]", dict(mask_bos=False, mask_prob=0.15), torch.tensor([[6, 5, 5, 5, 5, 5, 5, 5]]))]
    for name, kw, toks in configs:
        for seed in (0, 1, 2):
            torch.manual_seed(seed)
            t = T.MaskTransform(vocab_len=60, mask_idx=4, bos_idx=6, pad_idx=5, **kw)
            masked, target, mask = t(toks)
            cases.append(dict(name=name, seed=seed, tokens=toks.tolist(), mask_bos=kw["mask_bos"], mask_prob=kw["mask_prob"],
                              masked=masked.tolist(), target=target.tolist(), mask=mask.tolist(), mask_dtype=str(mask.dtype),
                              after=torch.rand(2).tolist()))  # where the generator ends up
    with open(os.path.join(ROOT, "mask_transform.json"), "w", encoding="utf-8") as f:
        json.dump(dict(cases=cases), f, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    print("mask transform:", len(cases), "cases")


# ---------------------------------------------------------------- torchtext.data: bleu_score and functional (pure Python)

WIKI_XML = """<page>
    <title>Anarchism</title>
    <revision><text xml:space="preserve">{{Infobox|name=x}} '''Anarchism''' is a [[political philosophy]] that
advocates [[stateless society|stateless societies]] &amp; often defined as &lt;self-governed&gt; institutions.<ref>Ref 1</ref>
It was 1984 or 2001 &quot;maybe&quot; [http://example.com/x link] ok.
[[Image:Flag.svg|thumb|left|200px|A flag]] see [[Category:Political ideologies|Anarchism]] and [[fr:Anarchisme]]
#REDIRECT [[Elsewhere]]
{curly} text with MIXED Case, punctuation!!! and   spaces
</text></revision>
</page>
"""


def data_reference():
    import random

    from torchtext.data import functional as DF
    from torchtext.data.metrics import bleu_score
    rng = random.Random(3)
    refs_pool = [t.split() for t in fortunes(["wisdom", "people"], 120) if 3 <= len(t.split()) <= 40]
    corpora = [dict(name="torchtext's example", candidates=[["My", "full", "pytorch", "test"], ["Another", "Sentence"]],
                    references=[[["My", "full", "pytorch", "test"], ["Completely", "Different"]], [["No", "Match"]]])]
    for k in range(6):
        cands, refss = [], []
        for _ in range(8):
            ref = rng.choice(refs_pool)
            cand = [w for w in ref if rng.random() > 0.2]
            if rng.random() < 0.5:
                cand = cand + rng.choice(refs_pool)[:3]
            refss.append([ref, rng.choice(refs_pool)][: 1 + k % 2])
            cands.append(cand)
        corpora.append(dict(name="fortunes %d" % k, candidates=cands, references=refss))
    corpora.append(dict(name="ties in reference length", candidates=[["a", "b", "c", "d"]],
                        references=[[["a", "b", "c"], ["a", "b", "c", "d", "e"], ["x", "a", "b", "c", "d"]]]))
    corpora.append(dict(name="short candidate", candidates=[["a", "b"], ["a", "b", "c", "d", "e", "f"]],
                        references=[[["a", "b", "c"]], [["a", "b", "c", "d", "e", "f"]]]))
    corpora.append(dict(name="no match", candidates=[["q", "r", "s", "t"]], references=[[["a", "b", "c", "d"]]]))
    bleu = []
    for c in corpora:
        for max_n, weights in [(4, [0.25] * 4), (2, [0.5, 0.5]), (3, [0.2, 0.3, 0.5]), (1, [1.0])]:
            bleu.append(dict(name=c["name"], max_n=max_n, weights=weights, candidates=c["candidates"],
                             references=c["references"], score=bleu_score(c["candidates"], c["references"], max_n, weights)))
    lines = WIKI_XML.splitlines(keepends=True)
    replace_patterns = [[r"S", "s"], [r"\s+", " "], [r"(\w+)@(\w+)", r"\2 at \1"]]
    replace_texts = ["Sentencepiece encode  aS  pieces", "exampleS to   try!", "mail bob@example now"]
    split_texts = ["Sentencepiece encode as pieces", "  example\tto   try!\n"]
    ref = dict(bleu=bleu, wiki_lines=lines, wiki_filtered=list(DF.filter_wikipedia_xml(iter(lines))),
               replace_patterns=replace_patterns, replace_texts=replace_texts,
               replaced=list(DF.custom_replace([tuple(p) for p in replace_patterns])(replace_texts)),
               split_texts=split_texts, split=list(DF.simple_space_split(split_texts)))
    with open(os.path.join(ROOT, "data.json"), "w", encoding="utf-8") as f:
        json.dump(ref, f, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    print("data:", len(bleu), "bleu scores,", len(ref["wiki_filtered"]), "wiki lines")


if __name__ == "__main__":
    data_reference()
    mask_transform_reference()
    bert_reference()
    sentencepiece_reference()
    clip_reference()
    vectors_reference()
    roberta_reference()
