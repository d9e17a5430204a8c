package org.torch4j.text.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.text.TextReference.list;
import static org.torch4j.text.TextReference.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.io.PyTorchCheckpoint;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parameter;
import org.torch4j.nn.ReLU;
import org.torch4j.text.TextReference;

/**
 * torchtext 0.14's own RobertaModel (pure Python on torch.nn), small (vocabulary 50, size 32, 4 heads, 2 layers),
 * post-norm with a checkpoint in torchtext's older layer names and pre-norm in the current ones, saved by torch.save
 * and loaded here with PyTorchCheckpoint; compared in float64: features, masked-token rows, classification scores,
 * and gradients of a weighted sum of the features (tools/gen_text_subword_reference.py).
 */
class RobertaModelTest {
    private static final Map<String, Object> R = TextReference.load("roberta/roberta.json");

    static RobertaEncoderConf conf(boolean normalizeBefore) {
        Map<String, Object> c = map(R.get("conf"));
        return new RobertaEncoderConf(n(c, "vocab_size"), n(c, "embedding_dim"), n(c, "ffn_dimension"), n(c, "padding_idx"), n(c, "max_seq_len"),
                n(c, "num_attention_heads"), n(c, "num_encoder_layers"), ((Number) c.get("dropout")).doubleValue(), normalizeBefore);
    }

    private static int n(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).intValue();
    }

    static Tensor longs(Object nested) {
        List<List<Number>> rows = list(nested);
        long[] data = rows.stream().flatMap(List::stream).mapToLong(Number::longValue).toArray();
        return Torch.tensor(data, rows.size(), rows.get(0).size());
    }

    static double[] flat(Object nested) {
        List<Double> out = new ArrayList<>();
        flatten(nested, out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void flatten(Object o, List<Double> out) {
        if (o instanceof List<?> l) for (Object e : l) flatten(e, out);
        else out.add(((Number) o).doubleValue());
    }

    static void assertClose(Object expected, Tensor actual, String what) {
        double[] e = flat(expected), a = actual.contiguous().to(DType.FLOAT64).toDoubleArray();
        assertEquals(e.length, a.length, what + ": size");
        for (int i = 0; i < e.length; i++) {
            assertTrue(Math.abs(e[i] - a[i]) <= 1e-9 + 1e-9 * Math.abs(e[i]), what + "[" + i + "]: expected " + e[i] + " but was " + a[i]);
        }
    }

    @TestFactory
    Stream<DynamicTest> matchesTorchtext() {
        return map(R.get("models")).entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
            Map<String, Object> m = map(entry.getValue());
            RobertaEncoderConf conf = conf((Boolean) m.get("normalize_before"));
            Map<String, Tensor> state = PyTorchCheckpoint.load(TextReference.path("roberta/" + entry.getKey() + ".pt"));
            assertEquals(list(m.get("state_keys")), state.keySet().stream().sorted().toList());
            RobertaModel classifier = new RobertaModel(conf, new RobertaClassificationHead(3, 32, 20, 0.0, new ReLU()), false);
            Module.LoadResult loaded = classifier.loadStateDict(state, true);
            assertTrue(loaded.missingKeys().isEmpty() && loaded.unexpectedKeys().isEmpty(), loaded.toString());
            classifier.to(DType.FLOAT64).eval();
            RobertaModel encoder = new RobertaModel(conf);
            encoder.encoder.loadStateDict(stripPrefix(state, "encoder."), true);
            encoder.to(DType.FLOAT64).eval();

            Tensor tokens = longs(R.get("tokens"));
            Tensor features = encoder.call(tokens);
            assertEquals(List.of(3L, 10L, 32L), List.of(features.size(0), features.size(1), features.size(2)));
            assertClose(m.get("features"), features, "features");
            Tensor g = linspace64(-1, 1, (int) features.numel()).reshape(features.shape());
            features.mul(g).sum().backward();
            Map<String, Parameter> params = encoder.namedParameters();
            for (Map.Entry<String, Object> grad : map(m.get("grads")).entrySet()) assertClose(grad.getValue(), params.get(grad.getKey()).grad(), grad.getKey());
            try (var noGrad = Torch.noGrad()) {
                assertClose(m.get("masked"), encoder.call(tokens, longs(R.get("masked_tokens"))), "masked rows");
                assertClose(m.get("logits"), classifier.call(tokens), "logits");
            }
        }));
    }

    /** {@code torch.linspace(start, end, steps, dtype=torch.float64)}, PyTorch's two-sided formula. */
    static Tensor linspace64(double start, double end, int steps) {
        double[] v = new double[steps];
        double step = (end - start) / (steps - 1);
        for (int i = 0; i < steps; i++) v[i] = i < steps / 2 ? start + i * step : end - (steps - 1 - i) * step;
        return Torch.tensor(v, steps);
    }

    private static Map<String, Tensor> stripPrefix(Map<String, Tensor> state, String prefix) {
        Map<String, Tensor> out = new java.util.LinkedHashMap<>();
        state.forEach((k, v) -> {
            if (k.startsWith(prefix)) out.put(k.substring(prefix.length()), v);
        });
        return out;
    }

    @Test
    void stateDictKeysAreTorchtexts() {
        RobertaModel m = new RobertaModel(conf(true), new RobertaClassificationHead(3, 32), false);
        // the pre-norm checkpoint holds torchtext's current names
        assertEquals(list(map(map(R.get("models")).get("pre_norm")).get("state_keys")), m.stateDict().keySet().stream().sorted().toList());
    }

    @Test
    void freezingTheEncoderLeavesTheHeadTrainable() {
        RobertaModel m = new RobertaModel(conf(false), new RobertaClassificationHead(3, 32), true);
        assertTrue(m.encoder.parameters().stream().noneMatch(Parameter::requiresGrad));
        assertTrue(m.head.parameters().stream().allMatch(Parameter::requiresGrad));
    }

    @Test
    void tooLongRowsAndBadConfigurationsFail() {
        RobertaModel m = new RobertaModel(conf(false));
        Tensor tooLong = Torch.full(new long[] {1, 23}, 5L);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.call(tooLong));
        assertEquals("a row has 23 tokens, but the positional embedding holds 22 positions", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RobertaEncoderConf(50, 30, 48, 1, 24, 4, 2, 0.1, false));
        assertEquals(250002, RobertaEncoderConf.xlmrBase().vocabSize());
        assertEquals(24, RobertaEncoderConf.xlmrLarge().numEncoderLayers());
    }
}
