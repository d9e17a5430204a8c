package org.torch4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.text.TextReference.ints;
import static org.torch4j.text.TextReference.list;
import static org.torch4j.text.TextReference.map;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.text.transforms.SentencePieceTokenizer;

/**
 * sentencepiece models (unigram with nmt_nfkc rules, BPE, byte fallback with user-defined and control symbols,
 * word, char) trained on the fortunes by the sentencepiece library, and its encodings and decodings, from
 * tools/gen_text_subword_reference.py.
 */
class SentencePieceTest {
    private static final Map<String, Object> R = TextReference.load("sentencepiece/sp.json");

    static SentencePiece model(String name) throws IOException {
        return SentencePiece.load(TextReference.path("sentencepiece/" + name + ".model"));
    }

    @TestFactory
    Stream<DynamicTest> encodingsMatchTheLibrary() {
        List<Map<String, Object>> texts = list(R.get("texts"));
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Object> m : map(R.get("models")).entrySet()) {
            List<Map<String, Object>> encoded = list(map(m.getValue()).get("encoded"));
            for (int i = 0; i < texts.size(); i++) {
                String text = (String) texts.get(i).get("text");
                Map<String, Object> e = encoded.get(i);
                tests.add(DynamicTest.dynamicTest(m.getKey() + " / " + texts.get(i).get("name"), () -> {
                    SentencePiece sp = model(m.getKey());
                    assertEquals(e.get("normalized"), sp.normalize(text), "normalized");
                    assertEquals(e.get("pieces"), sp.encodeAsPieces(text), "pieces");
                    assertEquals(ints(e.get("ids")), sp.encodeAsIds(text), "ids");
                    assertEquals(e.get("decoded"), sp.decodeIds(ints(e.get("ids"))), "decoded");
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> fourHundredFortunesEncodeAsTheLibraryDoes() throws IOException {
        List<String> bulk = TextReference.bulkFortunes(R);
        return map(R.get("models")).entrySet().stream().map(m -> DynamicTest.dynamicTest(m.getKey(), () -> {
            SentencePiece sp = model(m.getKey());
            List<Number> expected = list(map(m.getValue()).get("bulk_crc"));
            for (int block = 0; block * 50 < bulk.size(); block++) {
                List<String> ids = new ArrayList<>();
                for (String t : bulk.subList(block * 50, Math.min(bulk.size(), block * 50 + 50))) {
                    ids.add(String.join(",", sp.encodeAsIds(t).stream().map(String::valueOf).toList()));
                }
                assertEquals(expected.get(block).longValue(), TextReference.crc32(String.join("\n", ids)),
                        "CRC-32 of the ids of fortunes " + block * 50 + ".." + (block * 50 + 49));
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> vocabularyMatchesTheLibrary() {
        return map(R.get("models")).entrySet().stream().map(m -> DynamicTest.dynamicTest(m.getKey(), () -> {
            Map<String, Object> r = map(m.getValue());
            SentencePiece sp = model(m.getKey());
            assertEquals(((Number) r.get("size")).intValue(), sp.getPieceSize());
            assertEquals(((Number) r.get("unk_id")).intValue(), sp.unkId());
            assertEquals(((Number) r.get("bos_id")).intValue(), sp.bosId());
            assertEquals(((Number) r.get("eos_id")).intValue(), sp.eosId());
            assertEquals(((Number) r.get("pad_id")).intValue(), sp.padId());
            List<String> pieces = list(r.get("pieces"));
            List<Number> scores = list(r.get("scores"));
            for (int k = 0; k < pieces.size(); k++) {
                assertEquals(pieces.get(k), sp.idToPiece(37 * k));
                assertEquals(scores.get(k).floatValue(), sp.getScore(37 * k));
                assertEquals(37 * k, sp.pieceToId(pieces.get(k)));
            }
        }));
    }

    @Test
    void modelTypesAreRead() throws IOException {
        assertEquals(SentencePiece.ModelType.UNIGRAM, model("unigram").modelType());
        assertEquals(SentencePiece.ModelType.BPE, model("bpe").modelType());
        assertEquals(SentencePiece.ModelType.WORD, model("word").modelType());
        assertEquals(SentencePiece.ModelType.CHAR, model("char").modelType());
    }

    @Test
    void decodingPiecesJoinsBytesAndDropsControls() throws IOException {
        SentencePiece sp = model("unigram_bytes");
        // a split 3-byte character, then a lone continuation byte (U+FFFD), a control piece, <unk>, a piece the model lacks
        assertEquals("\u2603 \uFFFDx ⁇ zz", sp.decodePieces(List.of("<0xE2>", "<0x98>", "<0x83>", "▁", "<0x98>", "<cls>", "x", "<unk>", "zz")));
        assertEquals("\u2603", sp.decodeIds(sp.encodeAsIds("\u2603")));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> sp.decodeIds(List.of(1, 600)));
        assertEquals("piece id 600 is out of range [0, 600)", e.getMessage());
        assertEquals(sp.unkId(), sp.pieceToId("no such piece"));
    }

    @Test
    void tokenizerTransformTakesATextOrABatch() throws IOException {
        SentencePieceTokenizer t = SentencePieceTokenizer.load(TextReference.path("sentencepiece/unigram.model"));
        List<Map<String, Object>> encoded = list(map(map(R.get("models")).get("unigram")).get("encoded"));
        List<Map<String, Object>> texts = list(R.get("texts"));
        assertEquals(encoded.get(0).get("pieces"), t.apply(texts.get(0).get("text")));
        assertEquals(List.of(encoded.get(0).get("pieces"), encoded.get(1).get("pieces")),
                t.apply(List.of(texts.get(0).get("text"), texts.get(1).get("text"))));
        assertThrows(IllegalArgumentException.class, () -> t.apply(List.of(1)));
    }

    @Test
    void brokenModelsFailWithTheOffsetOrSentencepiecesMessage(@TempDir Path dir) throws IOException {
        byte[] good = Files.readAllBytes(TextReference.path("sentencepiece/bpe.model"));
        Path truncated = dir.resolve("truncated.model");
        Files.write(truncated, java.util.Arrays.copyOf(good, good.length / 2));
        IOException e = assertThrows(IOException.class, () -> SentencePiece.load(truncated));
        assertTrue(e.getMessage().startsWith(truncated + ": ") && e.getMessage().contains("at byte offset"), e.getMessage());

        Path text = dir.resolve("text.model");
        Files.writeString(text, "this is not a model\n");
        assertThrows(IOException.class, () -> SentencePiece.load(text));

        // one piece, NORMAL, no <unk>: sentencepiece refuses it
        byte[] noUnk = {0x0a, 0x05, 0x0a, 0x03, 'a', 'b', 'c'};
        assertEquals("unk is not defined.", assertThrows(IOException.class, () -> SentencePiece.fromBytes(noUnk)).getMessage());
        byte[] empty = {0x0a, 0x02, 0x0a, 0x00};
        assertEquals("piece must not be empty.", assertThrows(IOException.class, () -> SentencePiece.fromBytes(empty)).getMessage());
        byte[] dup = {0x0a, 0x03, 0x0a, 0x01, 'a', 0x0a, 0x03, 0x0a, 0x01, 'a'};
        assertEquals("a is already defined.", assertThrows(IOException.class, () -> SentencePiece.fromBytes(dup)).getMessage());
    }
}
