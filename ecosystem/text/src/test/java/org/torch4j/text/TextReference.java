package org.torch4j.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.torch4j.io.Json;

/** Reads reference/text/text.json, written by tools/gen_text_reference.py from torchtext 0.14. */
public final class TextReference {
    private TextReference() {}

    private static Map<String, Object> cached;

    /** The whole reference file. */
    public static synchronized Map<String, Object> load() {
        if (cached != null) return cached;
        try (InputStream in = TextReference.class.getResourceAsStream("/reference/text/text.json")) {
            if (in == null) throw new IllegalStateException("missing test resource reference/text/text.json (run tools/gen_text_reference.py)");
            cached = map(Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            return cached;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Another reference file under reference/text/ (as {@code "bert/bert.json"}), parsed. */
    public static Map<String, Object> load(String file) {
        try (InputStream in = TextReference.class.getResourceAsStream("/reference/text/" + file)) {
            if (in == null) throw new IllegalStateException("missing test resource reference/text/" + file + " (run tools/gen_text_subword_reference.py)");
            return map(Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A reference file under reference/text/ as a path. */
    public static java.nio.file.Path path(String file) {
        try {
            return java.nio.file.Path.of(TextReference.class.getResource("/reference/text/" + file).toURI());
        } catch (java.net.URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource reference/text/" + file, e);
        }
    }

    /**
     * The raw fortunes a reference's {@code bulk_files} name, read as the generator read them (Python's text mode:
     * UTF-8 with bad bytes replaced, universal newlines; records split at "\n%\n", blank ones dropped), the first
     * 400. The test is skipped when Debian's fortunes package is missing or its files differ from the generator's
     * ({@code bulk_text_crc}).
     */
    public static List<String> bulkFortunes(Map<String, Object> reference) throws IOException {
        List<String> out = new java.util.ArrayList<>();
        for (String name : TextReference.<String>list(reference.get("bulk_files"))) {
            java.nio.file.Path f = java.nio.file.Path.of("/usr/share/games/fortunes", name);
            org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(f),
                    "Debian's fortunes package is not installed (" + f + "); the test command installs it");
            String text = new String(java.nio.file.Files.readAllBytes(f), StandardCharsets.UTF_8).replace("\r\n", "\n").replace('\r', '\n');
            for (String r : text.split(java.util.regex.Pattern.quote("\n%\n"), -1)) if (!r.isBlank()) out.add(r);
        }
        List<String> bulk = out.subList(0, Math.min(400, out.size()));
        org.junit.jupiter.api.Assumptions.assumeTrue(crc32(String.join("\n%\n", bulk)) == ((Number) reference.get("bulk_text_crc")).longValue(),
                "these fortunes files differ from the ones the reference was generated from");
        return bulk;
    }

    /** The CRC-32 of a string's UTF-8 bytes (Python's {@code zlib.crc32(s.encode())}). */
    public static long crc32(String s) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(s.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    /** One top-level entry. */
    public static Object get(String key) {
        Object o = load().get(key);
        if (o == null && !load().containsKey(key)) throw new IllegalStateException("no '" + key + "' in text.json");
        return o;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    public static <T> List<T> list(Object o) {
        return (List<T>) o;
    }

    /** A JSON list of numbers as Integers (the parser may give Longs or Doubles). */
    public static List<Integer> ints(Object o) {
        return TextReference.<Number>list(o).stream().map(Number::intValue).toList();
    }
}
