package org.torch4j.text;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Pre-trained word vectors, as {@code torchtext.vocab.Vectors}: a text file of lines {@code word v1 v2 ... vd}
 * (GloVe's, fastText's {@code .vec}, word2vec's text format with its {@code count dim} header), plain or gzip'd
 * ({@code .gz}), read as torchtext reads it: fields split on single spaces (so a non-breaking space can be part of
 * a word), trailing whitespace dropped, a line with a one-number vector skipped as a header, a word that is not
 * UTF-8 skipped, values parsed as Python's {@code float} (so {@code nan}, {@code inf}, {@code 1e-3}) and stored as
 * float32. A token without a vector gets {@code unkInit} of a zero vector (zeros by default).
 *
 * <pre>{@code
 * Vectors glove = Vectors.glove("6B", 100, Path.of(".vector_cache"));   // .vector_cache/glove.6B.100d.txt
 * Tensor weights = glove.getVecsByTokens(vocab.getItos(), true);          // [vocab size, 100]
 * Embedding embedding = Embedding.fromPretrained(weights, true);
 * }</pre>
 *
 * Nothing is downloaded: the named files must be on disk. Unlike torchtext, no {@code .pt} cache is written.
 */
public final class Vectors {
    private final List<String> itos;
    private final Map<String, Integer> stoi;
    private final Tensor vectors;
    private final int dim;
    private final UnaryOperator<Tensor> unkInit;

    private Vectors(List<String> itos, Tensor vectors, int dim, UnaryOperator<Tensor> unkInit) {
        this.itos = Collections.unmodifiableList(itos);
        Map<String, Integer> s = new HashMap<>();
        for (int i = 0; i < itos.size(); i++) s.put(itos.get(i), i); // a repeated word: its last vector, as torchtext's
        this.stoi = Collections.unmodifiableMap(s);
        this.vectors = vectors;
        this.dim = dim;
        this.unkInit = unkInit;
    }

    /** {@code Vectors(name)}: every vector of the file, unknown tokens as zeros. */
    public static Vectors load(Path file) throws IOException {
        return load(file, null, null);
    }

    /**
     * {@code Vectors(name, unk_init=unkInit, max_vectors=maxVectors)}.
     *
     * @param maxVectors read only the first this many vectors (most files are sorted by frequency); null for all
     * @param unkInit given a zero vector of the vectors' size, the vector of an unknown token; null for zeros
     * @throws IOException if the file is missing or unreadable, has no line with more than two numbers, a line's
     *     vector has another size than the first's, or a value is not a number (the messages name the line)
     */
    public static Vectors load(Path file, Integer maxVectors, UnaryOperator<Tensor> unkInit) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("no vectors found at " + file);
        List<byte[]> lines = readLines(file);
        int first = -1, dim = 0;
        for (int i = 0; i < lines.size() && first < 0; i++) {
            int fields = split(rstrip(lines.get(i))).size();
            if (fields - 1 > 2) {
                first = i;
                dim = fields - 1;
            }
        }
        if (first < 0) throw new IOException(file + ": no line has a vector of more than 2 numbers");
        int rows = lines.size() - first;
        if (maxVectors != null && maxVectors > 0 && maxVectors < rows) rows = maxVectors;
        float[] data = new float[rows * dim];
        List<String> itos = new ArrayList<>();
        int seenDim = -1;
        for (int i = 0; i < lines.size() && itos.size() < rows; i++) {
            List<byte[]> fields = split(rstrip(lines.get(i)));
            int n = fields.size() - 1;
            if (seenDim < 0 && n > 1) seenDim = n;
            else if (n == 1) continue; // a header (word2vec's "count dim")
            else if (n != seenDim) {
                throw new IOException(file + ": line " + (i + 1) + ": vector for token " + decodeOrRepr(fields.get(0)) + " has " + n
                        + " dimensions, but previously read vectors have " + seenDim + " dimensions. All vectors must have the same number of dimensions.");
            }
            String word;
            try {
                word = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(fields.get(0))).toString();
            } catch (CharacterCodingException e) {
                continue; // torchtext skips a word that is not UTF-8
            }
            if (seenDim != dim) {
                throw new IOException(file + ": line " + (i + 1) + ": vectors have " + seenDim + " numbers but the first line of more than 2 has " + dim);
            }
            int row = itos.size();
            for (int k = 0; k < dim; k++) data[row * dim + k] = (float) pyFloat(fields.get(k + 1), file, i + 1);
            itos.add(word);
        }
        Tensor vectors = Torch.tensor(data, rows, dim);
        return new Vectors(new ArrayList<>(itos), vectors, dim, unkInit == null ? t -> t : unkInit);
    }

    /** GloVe's {@code glove.<name>.<dim>d.txt} in {@code cache} (torchtext's {@code GloVe(name, dim)}). */
    public static Vectors glove(String name, int dim, Path cache) throws IOException {
        return load(cache.resolve("glove." + name + "." + dim + "d.txt"));
    }

    /** fastText's {@code wiki.<language>.vec} in {@code cache} (torchtext's {@code FastText(language)}). */
    public static Vectors fastText(String language, Path cache) throws IOException {
        return load(cache.resolve("wiki." + language + ".vec"));
    }

    /** The vector of {@code token} ({@code vectors[token]}), or {@code unkInit} of zeros; a fresh [dim] tensor. */
    public Tensor get(String token) {
        Integer i = stoi.get(token);
        if (i != null) return vectors.select(0, i).clone();
        return unkInit.apply(Torch.zeros(new long[] {dim}, DType.FLOAT32));
    }

    /**
     * The vectors of {@code tokens} as [tokens, dim] ({@code get_vecs_by_tokens}); with {@code lowerCaseBackup} a
     * token without a vector is looked up again in lower case.
     */
    public Tensor getVecsByTokens(List<String> tokens, boolean lowerCaseBackup) {
        List<Tensor> rows = new ArrayList<>(tokens.size());
        for (String t : tokens) rows.add(!lowerCaseBackup || stoi.containsKey(t) ? get(t) : get(t.toLowerCase(Locale.ROOT)));
        if (rows.isEmpty()) return Torch.zeros(new long[] {0, dim}, DType.FLOAT32);
        return Torch.stack(rows, 0);
    }

    /** The words in file order. */
    public List<String> itos() {
        return itos;
    }

    /** Word to row. */
    public Map<String, Integer> stoi() {
        return stoi;
    }

    /**
     * All vectors, [rows, dim] float32: one row per vector line counted from the first one (as torchtext sizes it),
     * so a skipped line leaves a zero row at the end.
     */
    public Tensor vectors() {
        return vectors;
    }

    /** The vectors' size. */
    public int dim() {
        return dim;
    }

    /** {@code len(vectors)}: the rows of {@link #vectors()}. */
    public int size() {
        return (int) vectors.size(0);
    }

    private static List<byte[]> readLines(Path file) throws IOException {
        byte[] all;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            all = in.readAllBytes();
        }
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                lines.add(java.util.Arrays.copyOfRange(all, start, i + 1));
                start = i + 1;
            }
        }
        if (start < all.length) lines.add(java.util.Arrays.copyOfRange(all, start, all.length));
        return lines;
    }

    /** Python's {@code bytes.rstrip()}: ASCII whitespace off the end. */
    private static byte[] rstrip(byte[] line) {
        int end = line.length;
        while (end > 0 && (line[end - 1] == ' ' || (line[end - 1] >= 9 && line[end - 1] <= 13))) end--;
        return java.util.Arrays.copyOf(line, end);
    }

    /** Python's {@code bytes.split(b" ")}: every single space separates (empty fields kept). */
    private static List<byte[]> split(byte[] line) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= line.length; i++) {
            if (i == line.length || line[i] == ' ') {
                out.add(java.util.Arrays.copyOfRange(line, start, i));
                start = i + 1;
            }
        }
        return out;
    }

    /** Python's {@code float(bytes)}: decimal and exponent forms, nan, inf, infinity (any case, signed), blanks around. */
    private static double pyFloat(byte[] field, Path file, int line) throws IOException {
        String s = new String(field, StandardCharsets.US_ASCII).strip().replace("_", "");
        String lower = s.toLowerCase(Locale.ROOT);
        String body = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        double sign = lower.startsWith("-") ? -1 : 1;
        if (body.equals("nan")) return Double.NaN;
        if (body.equals("inf") || body.equals("infinity")) return sign * Double.POSITIVE_INFINITY;
        if (!s.isEmpty() && s.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                // falls through to the error
            }
        }
        throw new IOException(file + ": line " + line + ": could not convert string to float: '" + new String(field, StandardCharsets.UTF_8) + "'");
    }

    private static String decodeOrRepr(byte[] word) {
        return "'" + new String(word, StandardCharsets.UTF_8) + "'";
    }
}
