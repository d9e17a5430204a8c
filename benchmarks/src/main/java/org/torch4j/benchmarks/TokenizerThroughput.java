package org.torch4j.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.torch4j.text.SentencePiece;
import org.torch4j.text.transforms.BERTTokenizer;
import org.torch4j.text.transforms.CLIPTokenizer;

/**
 * Times the subword tokenizers as {@code benchmarks/pytorch/subword_tokenizers.py} times the libraries torchtext wraps
 * (sentencepiece) and Hugging Face's Rust tokenizers (WordPiece): every record of eight of Debian's fortunes
 * files, encoded to ids one text at a time on one thread, with the test suite's models; prints the median of
 * the timed passes (after at least 3 s of warm-up) in ms and MB/s of UTF-8 input.
 *
 * <pre>java --add-modules=jdk.incubator.vector -cp benchmarks/target/benchmarks.jar org.torch4j.benchmarks.TokenizerThroughput</pre>
 */
public final class TokenizerThroughput {
    private TokenizerThroughput() {}

    static final String[] FILES = {"computers", "humorists", "linux", "literature", "people", "science", "wisdom", "work"};
    static final Path REFERENCE = Path.of("ecosystem/text/src/test/resources/reference/text");

    /** Runs the benchmark; {@code args[0]} is the number of timed passes (default 9). */
    public static void main(String[] args) throws IOException {
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        List<String> texts = new ArrayList<>();
        for (String name : FILES) {
            String text = Files.readString(Path.of("/usr/share/games/fortunes", name), StandardCharsets.UTF_8);
            for (String r : text.split("\n%\n")) if (!r.isBlank()) texts.add(r);
        }
        long bytes = texts.stream().mapToLong(t -> t.getBytes(StandardCharsets.UTF_8).length).sum();
        System.out.printf("%d texts, %.2f MB%n", texts.size(), bytes / 1e6);
        SentencePiece unigram = SentencePiece.load(REFERENCE.resolve("sentencepiece/unigram.model"));
        SentencePiece bpe = SentencePiece.load(REFERENCE.resolve("sentencepiece/bpe.model"));
        BERTTokenizer bert = BERTTokenizer.load(REFERENCE.resolve("bert/vocab.txt"));
        CLIPTokenizer clip = CLIPTokenizer.load(REFERENCE.resolve("clip/merges.bpe"), null, null, false);
        time("sentencepiece unigram (nmt_nfkc)", unigram::encodeAsIds, texts, bytes, passes);
        time("sentencepiece bpe", bpe::encodeAsIds, texts, bytes, passes);
        time("BERT WordPiece (uncased)", bert::encode, texts, bytes, passes);
        time("CLIP BPE", clip::encode, texts, bytes, passes);
    }

    private static void time(String name, Function<String, List<Integer>> encode, List<String> texts, long bytes, int passes) {
        long sink = 0;
        long warmUntil = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warmUntil) for (String t : texts) sink += encode.apply(t).size();
        double[] ms = new double[passes];
        for (int p = 0; p < passes; p++) {
            long t0 = System.nanoTime();
            for (String t : texts) sink += encode.apply(t).size();
            ms[p] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        double median = ms[passes / 2];
        System.out.printf("torch4j %-34s median %8.1f ms  %6.2f MB/s  (min %.1f, max %.1f; %d ids)%n", name, median, bytes / 1e3 / median,
                ms[0], ms[passes - 1], sink / 1);
    }
}
