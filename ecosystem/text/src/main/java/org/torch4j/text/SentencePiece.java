package org.torch4j.text;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.text.internal.ProtoReader;

/**
 * A trained sentencepiece model ({@code .model} file: unigram, BPE, word or character), encoding text to pieces
 * and ids and decoding them back exactly as Google's sentencepiece library, which torchtext wraps
 * ({@code torchtext.data.functional.load_sp_model}, {@code SentencePieceTokenizer}). XLM-R, T5 and many other
 * models ship such a file.
 *
 * <p>Encoding normalizes the text (the model's precompiled rules, e.g. {@code nmt_nfkc}; whitespace; spaces
 * written as U+2581 "▁"), then segments it: unigram by Viterbi over piece scores, BPE by merging the best-scoring
 * pairs. Characters no piece covers become {@code <unk>} (a run of them one piece), or their UTF-8 bytes as
 * {@code <0xXX>} pieces when the model was trained with byte fallback.
 *
 * <pre>{@code
 * SentencePiece sp = SentencePiece.load(Path.of("spm.model"));
 * List<String> pieces = sp.encodeAsPieces("Hello world");   // [▁He, llo, ▁world]
 * List<Integer> ids = sp.encodeAsIds("Hello world");
 * String text = sp.decodeIds(ids);                           // "Hello world"
 * }</pre>
 *
 * Immutable, so safe for several threads.
 */
public final class SentencePiece {
    /** How the model segments text ({@code TrainerSpec.model_type}). */
    public enum ModelType {
        /** The most probable segmentation under a unigram language model over the pieces. */
        UNIGRAM,
        /** Byte-pair merges, the highest-scoring pair first. */
        BPE,
        /** Whole words (each begins at a "▁"). */
        WORD,
        /** Single characters. */
        CHAR
    }

    /** A piece's role ({@code ModelProto.SentencePiece.Type}). */
    public enum PieceType {
        /** An ordinary piece. */
        NORMAL,
        /** The unknown piece ({@code <unk>}), standing for characters the model cannot spell. */
        UNKNOWN,
        /** A control symbol ({@code <s>}, {@code </s>}, ...): never produced from text, decoded as nothing. */
        CONTROL,
        /** A user-defined symbol: always kept whole in the text. */
        USER_DEFINED,
        /** A piece the encoder never emits (split back into the pieces it was merged from). */
        UNUSED,
        /** A byte ({@code <0xXX>}) for byte fallback. */
        BYTE
    }

    /** A piece of an encoding and its id. */
    record Encoded(String piece, int id) {}

    private static final String DEFAULT_UNK_SURFACE = " \u2047 ";
    /** The byte pieces {@code <0x00>} to {@code <0xFF>}, and the byte of each. */
    private static final String[] BYTE_PIECES = new String[256];
    private static final Map<String, Integer> BYTE_OF_PIECE = new HashMap<>();

    static {
        for (int b = 0; b < 256; b++) {
            BYTE_PIECES[b] = String.format("<0x%02X>", b);
            BYTE_OF_PIECE.put(BYTE_PIECES[b], b);
        }
    }

    private final String[] pieces;
    private final float[] scores;
    private final PieceType[] types;
    private final Map<String, Integer> normalPieces = new HashMap<>(); // NORMAL, USER_DEFINED, UNUSED
    private final Map<String, Integer> reservedPieces = new HashMap<>(); // UNKNOWN, CONTROL, BYTE
    private final List<String> userDefined = new ArrayList<>();
    private final int unkId;
    private final ModelType modelType;
    private final boolean byteFallback, addDummyPrefix, removeExtraWhitespaces;
    private final String unkSurface, bosPiece, eosPiece, padPiece;
    private final SentencePieceNormalizer normalizer;
    private final PieceTrie normalTrie, reservedTrie;
    private final SentencePieceUnigram unigram;
    private final SentencePieceBpe bpe;

    private SentencePiece(Proto p) throws IOException {
        int n = p.pieces.size();
        pieces = new String[n];
        scores = new float[n];
        types = new PieceType[n];
        int unk = -1;
        boolean[] byteFound = new boolean[256];
        for (int i = 0; i < n; i++) {
            Proto.Piece piece = p.pieces.get(i);
            if (piece.text.isEmpty()) throw new IOException("piece must not be empty.");
            pieces[i] = piece.text;
            scores[i] = piece.score;
            types[i] = piece.type;
            boolean normal = piece.type == PieceType.NORMAL || piece.type == PieceType.USER_DEFINED || piece.type == PieceType.UNUSED;
            if ((normal ? normalPieces : reservedPieces).putIfAbsent(piece.text, i) != null) {
                throw new IOException(piece.text + " is already defined.");
            }
            if (piece.type == PieceType.USER_DEFINED) userDefined.add(piece.text);
            if (piece.type == PieceType.UNKNOWN) {
                if (unk >= 0) throw new IOException("unk is already defined.");
                unk = i;
            }
            if (piece.type == PieceType.BYTE) {
                if (!p.byteFallback) throw new IOException("byte piece " + piece.text + " is found although `byte_fallback` is false.");
                Integer b = BYTE_OF_PIECE.get(piece.text);
                if (b == null) throw new IOException("byte piece " + piece.text + " is invalid.");
                byteFound[b] = true;
            }
        }
        if (unk == -1) throw new IOException("unk is not defined.");
        if (p.byteFallback) {
            for (boolean found : byteFound) if (!found) throw new IOException("there are not 256 byte pieces although `byte_fallback` is true.");
        }
        if (p.hasDenormalizer) {
            throw new IOException("models with a denormalizer (decoding rules) are not supported");
        }
        unkId = unk;
        modelType = p.modelType;
        byteFallback = p.byteFallback;
        addDummyPrefix = p.addDummyPrefix;
        removeExtraWhitespaces = p.removeExtraWhitespaces;
        unkSurface = p.unkSurface;
        bosPiece = p.bosPiece;
        eosPiece = p.eosPiece;
        padPiece = p.padPiece;
        // user-defined symbols are matched longest first
        userDefined.sort((a, b) -> Integer.compare(b.length(), a.length()));
        normalizer = new SentencePieceNormalizer(p.charsmap, p.addDummyPrefix, p.removeExtraWhitespaces, p.escapeWhitespaces,
                p.treatWhitespaceAsSuffix, userDefined);
        normalTrie = new PieceTrie(normalPieces);
        reservedTrie = new PieceTrie(reservedPieces);
        unigram = modelType == ModelType.UNIGRAM ? new SentencePieceUnigram(this, normalPieces) : null;
        bpe = modelType == ModelType.BPE ? new SentencePieceBpe(this, normalTrie) : null;
    }

    /**
     * Reads a {@code .model} file, as torchtext's {@code load_sp_model(path)}.
     *
     * @throws IOException if the file cannot be read, is not a sentencepiece model (the message names the byte
     *     offset), or its pieces break sentencepiece's rules (its messages: "unk is not defined." ...)
     */
    public static SentencePiece load(Path model) throws IOException {
        try {
            return fromBytes(Files.readAllBytes(model));
        } catch (IOException e) {
            if (e instanceof java.nio.file.NoSuchFileException || e instanceof java.nio.file.AccessDeniedException) throw e;
            throw new IOException(model + ": " + e.getMessage(), e);
        }
    }

    /** A model from the bytes of a {@code .model} file (a serialised {@code ModelProto}); see {@link #load}. */
    public static SentencePiece fromBytes(byte[] model) throws IOException {
        return new SentencePiece(Proto.parse(model));
    }

    /** The model's pieces for {@code text}, as sentencepiece's {@code EncodeAsPieces}. */
    public List<String> encodeAsPieces(String text) {
        return encode(text).stream().map(Encoded::piece).toList();
    }

    /** The model's ids for {@code text}, as sentencepiece's {@code EncodeAsIds}. */
    public List<Integer> encodeAsIds(String text) {
        return encode(text).stream().map(Encoded::id).toList();
    }

    /** The text after the model's normalization (spaces as "▁"), as sentencepiece's {@code normalize}. */
    public String normalize(String text) {
        return normalizer.normalize(text);
    }

    List<Encoded> encode(String text) {
        String normalized = normalizer.normalize(text);
        if (normalized.isEmpty()) return List.of();
        List<Encoded> raw = switch (modelType) {
            case UNIGRAM -> unigram.encode(normalized);
            case BPE -> bpe.encode(normalized);
            case WORD -> words(normalized);
            case CHAR -> characters(normalized);
        };
        List<Encoded> out = new ArrayList<>(raw.size());
        boolean prevUnknown = false;
        for (Encoded e : raw) {
            boolean unknown = isUnknown(e.id());
            if (unknown && byteFallback) {
                for (byte b : e.piece().getBytes(StandardCharsets.UTF_8)) {
                    String piece = BYTE_PIECES[b & 0xff];
                    out.add(new Encoded(piece, pieceToId(piece)));
                }
            } else if (unknown && prevUnknown) { // a run of unknown pieces is one piece
                Encoded last = out.removeLast();
                out.add(new Encoded(last.piece() + e.piece(), last.id()));
            } else {
                out.add(e);
            }
            prevUnknown = unknown;
        }
        return out;
    }

    /** The word model: pieces begin at each "▁". */
    private List<Encoded> words(String normalized) {
        List<Encoded> out = new ArrayList<>();
        int start = 0;
        for (int pos = 0; pos < normalized.length(); ) {
            int c = normalized.codePointAt(pos);
            if (pos > start && c == 0x2581) {
                String w = normalized.substring(start, pos);
                out.add(new Encoded(w, pieceToId(w)));
                start = pos;
            }
            pos += Character.charCount(c);
        }
        String w = normalized.substring(start);
        out.add(new Encoded(w, pieceToId(w)));
        return out;
    }

    /** The character model: one piece per character (user-defined symbols whole). */
    private List<Encoded> characters(String normalized) {
        List<Encoded> out = new ArrayList<>();
        for (int pos = 0; pos < normalized.length(); ) {
            int n = userDefinedPrefix(normalized, pos);
            if (n == 0) n = Character.charCount(normalized.codePointAt(pos));
            String w = normalized.substring(pos, pos + n);
            out.add(new Encoded(w, pieceToId(w)));
            pos += n;
        }
        return out;
    }

    /** The length of the longest user-defined symbol at {@code s[pos]}, or 0. */
    int userDefinedPrefix(String s, int pos) {
        for (String u : userDefined) if (s.startsWith(u, pos)) return u.length();
        return 0;
    }

    /**
     * The text of {@code ids}, as sentencepiece's {@code DecodeIds}: control pieces vanish, {@code <unk>} reads
     * " ⁇ ", byte pieces are joined and decoded as UTF-8 (malformed bytes as U+FFFD), "▁" is a space, and the
     * leading space the encoder added is dropped.
     *
     * @throws IndexOutOfBoundsException for an id outside [0, size)
     */
    public String decodeIds(List<Integer> ids) {
        List<String> ps = new ArrayList<>(ids.size());
        for (int id : ids) ps.add(idToPiece(id));
        return decodePieces(ps);
    }

    /** The text of {@code pieces}, as sentencepiece's {@code DecodePieces} (see {@link #decodeIds}). */
    public String decodePieces(List<String> pieces) {
        StringBuilder text = new StringBuilder();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean bosSpace = true, bosSpaceSeen = false;
        for (String piece : pieces) {
            int id = pieceToId(piece);
            if (isByte(id)) {
                bytes.write(BYTE_OF_PIECE.get(piece));
                continue;
            }
            flushBytes(bytes, text);
            if (bosSpaceSeen || !text.isEmpty()) bosSpace = false;
            String decoded;
            if (isControl(id)) {
                decoded = "";
                bosSpaceSeen = false;
            } else if (isUnknown(id)) {
                decoded = this.pieces[id].equals(piece) ? unkSurface : piece; // a piece the model lacks reads as itself
                bosSpaceSeen = false;
            } else {
                String w = piece;
                boolean seen = false;
                if (bosSpace && (addDummyPrefix || removeExtraWhitespaces) && w.startsWith(SentencePieceNormalizer.SPACE_SYMBOL)) {
                    w = w.substring(1);
                    seen = !removeExtraWhitespaces; // removing extra whitespace drops every leading space
                }
                decoded = w.replace(SentencePieceNormalizer.SPACE_SYMBOL, " ");
                bosSpaceSeen = seen;
            }
            text.append(decoded);
        }
        flushBytes(bytes, text);
        return text.toString();
    }

    /** Decodes collected byte pieces as UTF-8, each malformed byte as U+FFFD (sentencepiece's rule). */
    private static void flushBytes(ByteArrayOutputStream bytes, StringBuilder text) {
        if (bytes.size() == 0) return;
        byte[] b = bytes.toByteArray();
        bytes.reset();
        for (int pos = 0; pos < b.length; ) {
            int n = SentencePieceNormalizer.validCharLength(b, pos);
            if (n == 0) {
                text.append('\uFFFD');
                pos++;
            } else {
                text.append(new String(b, pos, n, StandardCharsets.UTF_8));
                pos += n;
            }
        }
    }

    /** The id of {@code piece}, or {@link #unkId()} when the model has no such piece. */
    public int pieceToId(String piece) {
        Integer id = reservedPieces.get(piece);
        if (id == null) id = normalPieces.get(piece);
        return id == null ? unkId : id;
    }

    /** {@link #pieceToId(String)} of {@code text[from, to)}, without making the string. */
    int pieceToId(String text, int from, int to) {
        int id = reservedTrie.find(text, from, to);
        if (id < 0) id = normalTrie.find(text, from, to);
        return id < 0 ? unkId : id;
    }

    /**
     * The piece of {@code id}.
     *
     * @throws IndexOutOfBoundsException outside [0, size)
     */
    public String idToPiece(int id) {
        return pieces[check(id)];
    }

    /** The score (log-probability for unigram models) of {@code id}'s piece. */
    public float getScore(int id) {
        return scores[check(id)];
    }

    /** The role of {@code id}'s piece. */
    public PieceType pieceType(int id) {
        return types[check(id)];
    }

    private int check(int id) {
        if (id < 0 || id >= pieces.length) throw new IndexOutOfBoundsException("piece id " + id + " is out of range [0, " + pieces.length + ")");
        return id;
    }

    /** The number of pieces. */
    public int getPieceSize() {
        return pieces.length;
    }

    /** How the model segments. */
    public ModelType modelType() {
        return modelType;
    }

    /** The id of the unknown piece. */
    public int unkId() {
        return unkId;
    }

    /** The id of the begin-of-sentence control piece ({@code <s>}), or -1 if the model has none. */
    public int bosId() {
        return controlId(bosPiece);
    }

    /** The id of the end-of-sentence control piece ({@code </s>}), or -1 if the model has none. */
    public int eosId() {
        return controlId(eosPiece);
    }

    /** The id of the padding control piece ({@code <pad>}), or -1 if the model has none. */
    public int padId() {
        return controlId(padPiece);
    }

    private int controlId(String piece) {
        int id = pieceToId(piece);
        return isControl(id) ? id : -1;
    }

    /** Whether {@code id} is the unknown piece. */
    public boolean isUnknown(int id) {
        return types[check(id)] == PieceType.UNKNOWN;
    }

    /** Whether {@code id} is a control piece ({@code <s>}, {@code </s>}, ...), which has no text. */
    public boolean isControl(int id) {
        return types[check(id)] == PieceType.CONTROL;
    }

    /** Whether {@code id} is a byte piece ({@code <0xXX>}). */
    public boolean isByte(int id) {
        return types[check(id)] == PieceType.BYTE;
    }

    /** The pieces in id order. */
    public List<String> pieceList() {
        return Collections.unmodifiableList(java.util.Arrays.asList(pieces));
    }

    /** The fields of a {@code ModelProto} this class uses, with the schema's defaults. */
    private static final class Proto {
        record Piece(String text, float score, PieceType type) {}

        final List<Piece> pieces = new ArrayList<>();
        ModelType modelType = ModelType.UNIGRAM;
        boolean byteFallback, treatWhitespaceAsSuffix;
        String unkSurface = DEFAULT_UNK_SURFACE, bosPiece = "<s>", eosPiece = "</s>", padPiece = "<pad>";
        byte[] charsmap = new byte[0];
        boolean addDummyPrefix = true, removeExtraWhitespaces = true, escapeWhitespaces = true;
        boolean hasDenormalizer;

        static Proto parse(byte[] bytes) throws IOException {
            Proto p = new Proto();
            ProtoReader r = new ProtoReader(bytes, "ModelProto");
            while (r.next()) {
                switch (r.field()) {
                    case 1 -> {
                        r.expect(ProtoReader.LENGTH_DELIMITED);
                        p.pieces.add(piece(r.message("ModelProto.pieces[" + p.pieces.size() + "]")));
                    }
                    case 2 -> {
                        r.expect(ProtoReader.LENGTH_DELIMITED);
                        p.trainer(r.message("TrainerSpec"));
                    }
                    case 3 -> {
                        r.expect(ProtoReader.LENGTH_DELIMITED);
                        p.normalizer(r.message("NormalizerSpec"));
                    }
                    case 5 -> {
                        r.expect(ProtoReader.LENGTH_DELIMITED);
                        ProtoReader d = r.message("denormalizer_spec");
                        while (d.next()) {
                            if (d.field() == 2 && d.wireType() == ProtoReader.LENGTH_DELIMITED) p.hasDenormalizer |= d.bytes().length > 0;
                            else d.skip();
                        }
                    }
                    default -> r.skip();
                }
            }
            if (p.pieces.isEmpty()) throw new IOException("not a sentencepiece model: it has no pieces");
            return p;
        }

        private static Piece piece(ProtoReader r) throws IOException {
            String text = "";
            float score = 0;
            PieceType type = PieceType.NORMAL;
            while (r.next()) {
                switch (r.field()) {
                    case 1 -> {
                        r.expect(ProtoReader.LENGTH_DELIMITED);
                        text = r.string();
                    }
                    case 2 -> {
                        r.expect(ProtoReader.FIXED32);
                        score = r.float32();
                    }
                    case 3 -> {
                        r.expect(ProtoReader.VARINT);
                        long t = r.varint();
                        if (t < 1 || t > 6) throw new IOException("piece '" + text + "' has unknown type " + t);
                        type = switch ((int) t) {
                            case 1 -> PieceType.NORMAL;
                            case 2 -> PieceType.UNKNOWN;
                            case 3 -> PieceType.CONTROL;
                            case 4 -> PieceType.USER_DEFINED;
                            case 5 -> PieceType.UNUSED;
                            default -> PieceType.BYTE;
                        };
                    }
                    default -> r.skip();
                }
            }
            return new Piece(text, score, type);
        }

        private void trainer(ProtoReader r) throws IOException {
            while (r.next()) {
                switch (r.field()) {
                    case 3 -> {
                        r.expect(ProtoReader.VARINT);
                        long t = r.varint();
                        if (t < 1 || t > 4) throw new IOException("TrainerSpec: unknown model_type " + t);
                        modelType = ModelType.values()[(int) t - 1];
                    }
                    case 24 -> treatWhitespaceAsSuffix = bool(r);
                    case 35 -> byteFallback = bool(r);
                    case 44 -> unkSurface = string(r);
                    case 46 -> bosPiece = string(r);
                    case 47 -> eosPiece = string(r);
                    case 48 -> padPiece = string(r);
                    default -> r.skip();
                }
            }
        }

        private void normalizer(ProtoReader r) throws IOException {
            while (r.next()) {
                switch (r.field()) {
                    case 2 -> {
                        r.expect(ProtoReader.LENGTH_DELIMITED);
                        charsmap = r.bytes();
                    }
                    case 3 -> addDummyPrefix = bool(r);
                    case 4 -> removeExtraWhitespaces = bool(r);
                    case 5 -> escapeWhitespaces = bool(r);
                    default -> r.skip();
                }
            }
        }

        private static boolean bool(ProtoReader r) throws IOException {
            r.expect(ProtoReader.VARINT);
            return r.varint() != 0;
        }

        private static String string(ProtoReader r) throws IOException {
            r.expect(ProtoReader.LENGTH_DELIMITED);
            return r.string();
        }
    }
}
