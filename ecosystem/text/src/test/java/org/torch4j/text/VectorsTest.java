package org.torch4j.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.text.TextReference.list;
import static org.torch4j.text.TextReference.map;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Embedding;

/**
 * Word vectors against torchtext 0.14's own {@code torchtext.vocab.Vectors} (pure Python) on a file with a word2vec
 * header, Python float spellings, a non-UTF-8 word, a non-breaking space in a word and trailing blanks; plain and
 * gzip'd; all vectors and the first 50 (tools/gen_text_subword_reference.py).
 */
class VectorsTest {
    private static final Map<String, Object> R = TextReference.load("vectors/vectors.json");

    private static float[] floats(List<Number> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) out[i] = values.get(i).floatValue();
        return out;
    }

    private static void assertRows(List<List<Number>> expected, Tensor actual) {
        assertEquals(expected.size(), actual.size(0));
        for (int i = 0; i < expected.size(); i++) assertArrayEquals(floats(expected.get(i)), actual.select(0, i).toFloatArray(), "row " + i);
    }

    @TestFactory
    Stream<DynamicTest> vectorsMatchTorchtext() {
        return map(R.get("cases")).entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Map<String, Object> c = map(e.getValue());
            Number max = (Number) c.get("max_vectors");
            Path file = TextReference.path(e.getKey().equals("gzip") ? "vectors/vectors.txt.gz" : "vectors/vectors.txt");
            Vectors v = Vectors.load(file, max == null ? null : max.intValue(), null);
            assertEquals(((Number) c.get("length")).intValue(), v.size());
            assertEquals(((Number) c.get("dim")).intValue(), v.dim());
            assertEquals(c.get("itos"), v.itos());
            assertRows(list(c.get("vectors")), v.vectors());
            List<String> probe = list(R.get("probe"));
            List<List<Number>> get = list(c.get("get"));
            for (int i = 0; i < probe.size(); i++) assertArrayEquals(floats(get.get(i)), v.get(probe.get(i)).toFloatArray(), probe.get(i));
            assertRows(list(c.get("backup")), v.getVecsByTokens(probe, true));
        }));
    }

    @Test
    void unknownTokensGoThroughUnkInit() throws IOException {
        Vectors v = Vectors.load(TextReference.path("vectors/vectors.txt"), null, t -> t.fill_(7.0));
        assertArrayEquals(new float[] {7, 7, 7, 7, 7, 7, 7, 7}, v.get("zyzzyva").toFloatArray());
        assertEquals(0.5f, v.get("Apple").toFloatArray()[0]);
        v.get("Apple").fill_(1.0); // a copy: the table is unchanged
        assertEquals(0.5f, v.get("Apple").toFloatArray()[0]);
    }

    @Test
    void readmeExampleInitialisesAnEmbedding(@TempDir Path cache) throws IOException {
        Files.copy(TextReference.path("vectors/vectors.txt"), cache.resolve("glove.6B.100d.txt"));
        Vocab vocab = new Vocab(List.of("<unk>", "the", "Apple"));
        // the README's two lines
        Vectors glove = Vectors.glove("6B", 100, cache);
        Embedding embedding = Embedding.fromPretrained(glove.getVecsByTokens(vocab.getItos(), true), true);
        assertEquals(List.of(3L, 8L), List.of(embedding.weight.size(0), embedding.weight.size(1)));
        assertArrayEquals(glove.get("the").toFloatArray(), embedding.call(Torch.tensor(new long[] {1}, 1)).toFloatArray());
        assertTrue(!embedding.weight.requiresGrad(), "frozen");
    }

    @Test
    void badFilesFailNamingTheLine(@TempDir Path dir) throws IOException {
        IOException ragged = assertThrows(IOException.class, () -> Vectors.load(TextReference.path("vectors/ragged.txt")));
        assertTrue(ragged.getMessage().contains("line 3: vector for token 'c' has 2 dimensions, but previously read vectors have 3 dimensions"),
                ragged.getMessage() + " (torchtext: " + R.get("ragged_error") + ")");
        Path f = dir.resolve("v.txt");
        Files.writeString(f, "a 1 2 3\nb 4 x 6\n");
        IOException e = assertThrows(IOException.class, () -> Vectors.load(f));
        assertTrue(e.getMessage().endsWith("line 2: could not convert string to float: 'x'"), e.getMessage());
        assertEquals("no vectors found at " + dir.resolve("glove.6B.50d.txt"),
                assertThrows(IOException.class, () -> Vectors.glove("6B", 50, dir)).getMessage());
        Files.writeString(f, "header 2\na 1 2\n");
        assertTrue(assertThrows(IOException.class, () -> Vectors.load(f)).getMessage().contains("no line has a vector of more than 2 numbers"));
    }
}
