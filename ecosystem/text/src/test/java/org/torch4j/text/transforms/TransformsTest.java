package org.torch4j.text.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.torch4j.text.TextReference.get;
import static org.torch4j.text.TextReference.list;
import static org.torch4j.text.TextReference.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.text.TextReference;
import org.torch4j.text.Vocab;

/** torchtext.transforms / torchtext.functional against torchtext 0.14's outputs. */
class TransformsTest {
    private static final Map<String, Object> R = map(get("transforms"));

    /** JSON numbers (Long or Double from the parser) as Integers, recursively. */
    static Object norm(Object o) {
        if (o instanceof Number n) return n.intValue();
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object e : l) out.add(norm(e));
            return out;
        }
        return o;
    }

    static Vocab abc() {
        Map<String, Integer> od = new java.util.LinkedHashMap<>();
        od.put("a", 1);
        od.put("b", 1);
        od.put("c", 1);
        return Vocab.vocab(od).setDefaultIndex(1);
    }

    static void assertTensor(String key, Tensor t) {
        Map<String, Object> m = map(R.get(key));
        long[] shape = TextReference.<Number>list(m.get("shape")).stream().mapToLong(Number::longValue).toArray();
        assertArrayEquals(shape, t.shape(), key);
        if (m.containsKey("dtype")) assertEquals(m.get("dtype"), t.dtype().toString(), key);
        List<Double> flat = new ArrayList<>();
        flatten(m.get("values"), flat);
        double[] expected = flat.stream().mapToDouble(Double::doubleValue).toArray();
        assertArrayEquals(expected, t.toDouble().reshape(-1).toDoubleArray(), 0.0, key);
    }

    static void flatten(Object o, List<Double> out) {
        if (o instanceof Number n) out.add(n.doubleValue());
        else for (Object e : (List<?>) o) flatten(e, out);
    }

    static void assertTypeError(String key, Runnable r) {
        Map<String, Object> m = map(R.get(key));
        var e = assertThrows(IllegalArgumentException.class, r::run, key);
        assertEquals(m.get("message"), e.getMessage(), key);
    }

    @Test
    void vocabTransform() {
        VocabTransform vt = new VocabTransform(abc());
        assertEquals(R.get("vocab_itos"), vt.vocab().getItos());
        assertEquals(norm(R.get("vocab_single")), vt.apply(List.of("a", "c", "zz")));
        assertEquals(norm(R.get("vocab_batch")), vt.apply(List.of(List.of("a", "b"), List.of("a", "b", "c"), List.of())));
        assertTypeError("vocab_error", () -> vt.apply("abc"));
    }

    @Test
    void truncateAndAddToken() {
        assertEquals(norm(R.get("truncate_single_int")), new Truncate(2).apply(List.of(1, 2, 3)));
        assertEquals(R.get("truncate_single_str"), new Truncate(2).apply(List.of("a", "b", "c")));
        assertEquals(norm(R.get("truncate_batch")), new Truncate(2).apply(List.of(List.of(1, 2, 3), List.of(4), List.of())));
        assertEquals(R.get("truncate_batch_str"), Functional.truncate(List.of(List.of("a", "b", "c"), List.of("d")), 1));
        assertEquals(norm(R.get("truncate_zero")), Functional.truncate(List.of(1, 2, 3), 0));
        assertTypeError("truncate_error", () -> Functional.truncate(List.of(1.5, 2.5), 1));
        assertEquals(norm(R.get("add_begin_int")), new AddToken(0, true).apply(List.of(5, 6)));
        assertEquals(norm(R.get("add_end_int")), new AddToken(9, false).apply(List.of(5, 6)));
        assertEquals(R.get("add_begin_str"), new AddToken("<bos>").apply(List.of("x", "y")));
        assertEquals(norm(R.get("add_end_batch")), Functional.addToken(List.of(List.of(1), List.of(), List.of(2, 3)), 7, false));
        assertEquals(R.get("add_begin_batch_str"), Functional.addToken(List.of(List.of("a"), List.of()), "<s>", true));
        assertTypeError("add_error", () -> Functional.addToken(List.of(1, 2), "x", true));
    }

    @Test
    void toTensorAndPad() {
        assertTensor("to_tensor_single", new ToTensor().apply(List.of(1, 2, 3)));
        assertTensor("to_tensor_single_float_requested", new ToTensor(null, DType.FLOAT32).apply(List.of(1, 2, 3)));
        assertTensor("to_tensor_padded", new ToTensor(-1L, null).apply(List.of(List.of(1, 2), List.of(3), List.of(4, 5, 6))));
        assertTensor("to_tensor_padded_int32", new ToTensor(0L, DType.INT32).apply(List.of(List.of(1, 2), List.of(3))));
        assertTensor("to_tensor_rect_float64", new ToTensor(null, DType.FLOAT64).apply(List.of(List.of(1, 2), List.of(3, 4))));
        assertTypeError("to_tensor_ragged_error", () -> new ToTensor().apply(List.of(List.of(1, 2), List.of(3))));
        assertTypeError("to_tensor_type_error", () -> new ToTensor().apply(List.of("a")));
        assertTensor("pad_batch", new PadTransform(5, 0).forward(Torch.tensor(new long[] {1, 2, 3, 4, 5, 6}, 2, 3)));
        Tensor longer = Torch.tensor(new long[] {1, 2, 3}, 3);
        assertSame(longer, new PadTransform(2, -1).apply(longer));
        assertTensor("pad_longer", longer);
        assertTensor("pad_float", (Tensor) new PadTransform(4, 9).apply(Torch.tensor(new float[] {1.5f, 2.5f}, 2)));
        // a 0-dim input fails as torchtext's x.size(-1) (ArrayIndexOutOfBounds before)
        assertEquals("Dimension specified as -1 but tensor has no dimensions",
                assertThrows(IndexOutOfBoundsException.class, () -> new PadTransform(4, 0).forward(Torch.tensor(1.0))).getMessage());
    }

    @Test
    void labelToIndex() {
        LabelToIndex l2i = new LabelToIndex(List.of("pos", "neg", "neutral"));
        assertEquals(R.get("label_names"), l2i.labelNames());
        assertEquals(norm(R.get("label_single")), l2i.apply("neg"));
        assertEquals(norm(R.get("label_batch")), l2i.apply(List.of("neutral", "pos", "neg")));
        assertEquals(R.get("label_sorted_names"), new LabelToIndex(List.of("pos", "neg", "neutral"), true).labelNames());
        var e = assertThrows(IllegalArgumentException.class, () -> l2i.apply("unknown"));
        assertEquals(map(R.get("label_error")).get("message"), e.getMessage());
    }

    @Test
    void strToIntAndLabelFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        assertEquals(norm(R.get("str_to_int_single")), new StrToIntTransform().apply(List.of("1", "-2", " 30 ")));
        assertEquals(norm(R.get("str_to_int_batch")), Functional.strToInt(List.of(List.of("4", "5"), List.of(), List.of("6"))));
        assertEquals("ValueError", map(R.get("str_to_int_error")).get("type"));
        assertThrows(NumberFormatException.class, () -> Functional.strToInt(List.of("x1")));
        java.nio.file.Path f = dir.resolve("labels.txt");
        java.nio.file.Files.writeString(f, (String) R.get("label_path_file"));
        assertEquals(R.get("label_path_names"), LabelToIndex.fromPath(f, false).labelNames());
        assertEquals(R.get("label_path_sorted"), LabelToIndex.fromPath(f, true).labelNames());
    }

    @Test
    void sequentialPipeline() {
        Sequential seq = new Sequential(new VocabTransform(abc()), new Truncate(3), new AddToken(0, true), new AddToken(2, false),
                new ToTensor(1L, null));
        Map<String, Object> m = map(R.get("sequential"));
        assertTensor("sequential", (Tensor) seq.apply(m.get("input")));
        Tensor viaThen = (Tensor) new VocabTransform(abc()).then(new ToTensor()).apply(List.of("c", "a"));
        assertArrayEquals(new long[] {2, 0}, viaThen.toLongArray());
    }
}
