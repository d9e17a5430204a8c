package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.*;
import org.torch4j.nn.Module;

/**
 * The nn options and modules of {@code tools/gen_nn_options_reference.py} against PyTorch 1.13: layer
 * cases ({@code reference/nn/options_layers.json}: forward and gradients in float32 and float64,
 * state_dict keys, repr, gradcheck and gradgradcheck), and ({@code options_modules.json}) the reprs and
 * keys of other constructor forms, seeded initial states, and PyTorch's error for each bad input.
 */
class NnOptionsTest {

    @TestFactory
    Stream<DynamicNode> layers() {
        return NnReference.cases("options_layers.json");
    }

    private static Module module(String key) {
        return switch (key) {
            case "lstm_proj_all" -> new LSTM(3, 4, 2, false, true, 0.5, true, 2);
            case "embedding_all" -> new Embedding(5, 3, 1L, 1.0, 1.5, true);
            case "embedding_pretrained" -> Embedding.fromPretrained(Torch.ones(4, 2), true, null, 2.0, 2.0, true);
            case "dropout1d" -> new Dropout1d();
            case "dropout3d" -> new Dropout3d(0.2);
            case "alpha_dropout" -> new AlphaDropout();
            case "feature_alpha_dropout" -> new FeatureAlphaDropout(0.1);
            case "rrelu" -> new RReLU();
            case "rrelu_bounds" -> new RReLU(0.1, 0.3);
            case "triplet_distance" -> new TripletMarginWithDistanceLoss();
            case "embedding_bag_all" -> new EmbeddingBag(5, 3, 2.0, 3.0, true, "sum", true, 0L);
            default -> throw new IllegalArgumentException("unknown module " + key);
        };
    }

    private static Tensor z(long... shape) {
        return Torch.zeros(shape);
    }

    private static Tensor longs(long... data) {
        return Torch.tensor(data, data.length);
    }

    private static Executable error(String key) {
        Tensor w = Torch.ones(6, 2);
        return switch (key) {
            case "dropout1d_rank" -> () -> F.dropout1d(z(2, 3, 4, 5), 0.5, true);
            case "dropout_probability" -> () -> new Dropout1d(1.5);
            case "alpha_dropout_probability" -> () -> F.alphaDropout(z(2), -0.5, false);
            case "feature_alpha_dropout_rank" -> () -> F.featureAlphaDropout(z(3), 0.5, true);
            case "pdist_rank" -> () -> F.pdist(z(2, 3, 4), 2);
            case "pdist_dtype" -> () -> F.pdist(Torch.zeros(new long[] {2, 3}, DType.INT64), 2);
            case "pdist_p" -> () -> F.pdist(z(3, 2), -1);
            case "weight_norm_twice" -> () -> Utils.weightNorm(Utils.weightNorm(new Linear(3, 2)));
            case "weight_norm_missing" -> () -> Utils.weightNorm(new Linear(3, 2), "foo", 0);
            case "remove_weight_norm_missing" -> () -> Utils.removeWeightNorm(new Linear(3, 2));
            case "spectral_norm_twice" -> () -> Utils.spectralNorm(Utils.spectralNorm(new Linear(3, 2)));
            case "spectral_norm_missing" -> () -> Utils.spectralNorm(new Linear(3, 2), "foo", 1, 1e-12, null);
            case "spectral_norm_iterations" -> () -> Utils.spectralNorm(new Linear(3, 2), "weight", 0, 1e-12, null);
            case "remove_spectral_norm_missing" -> () -> Utils.removeSpectralNorm(new Linear(3, 2));
            case "embedding_bag_max_scale_grad" -> () -> F.embeddingBag(longs(0, 1), w, longs(0), null, 2, true, "max", null, false, null);
            case "embedding_bag_weights_shape" -> () -> F.embeddingBag(longs(0, 1, 2), w, longs(0), null, 2, false, "sum", Torch.ones(2),
                    false, null);
            case "embedding_bag_weights_mean" -> () -> F.embeddingBag(longs(0, 1, 2), w, longs(0), null, 2, false, "mean", Torch.ones(3),
                    false, null);
            case "embedding_bag_last_offset_empty" -> () -> F.embeddingBag(longs(0, 1), w, longs(), null, 2, false, "sum", null, true,
                    null);
            case "embedding_renorm_rank" -> () -> F.embeddingRenorm_(Torch.ones(3), longs(0), 1.0, 2.0);
            case "embedding_renorm_dtype" -> () -> F.embeddingRenorm_(w, Torch.zeros(1), 1.0, 2.0);
            case "embedding_max_norm_index" -> () -> F.embedding(longs(2, 7), w, null, 1.0, 2.0, false);
            case "lstm_proj_negative" -> () -> new LSTM(3, 4, 1, true, false, 0, false, -1);
            case "lstm_proj_too_big" -> () -> new LSTM(3, 4, 1, true, false, 0, false, 4);
            case "lstm_proj_h0_size" -> () -> new LSTM(3, 4, 1, true, false, 0, false, 2).forward(z(5, 2, 3),
                    new LSTM.State(z(1, 2, 4), z(1, 2, 4)));
            case "lstm_proj_c0_size" -> () -> new LSTM(3, 4, 1, true, false, 0, false, 2).forward(z(5, 2, 3),
                    new LSTM.State(z(1, 2, 2), z(1, 2, 2)));
            default -> throw new IllegalArgumentException("unknown error case " + key);
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> file() {
        return (Map<String, Object>) Reference.load("nn/options_modules.json");
    }

    @TestFactory
    Stream<DynamicTest> reprsAndKeys() {
        return NnReference.reprsAndKeys(file(), k -> module(k));
    }

    /** After {@code Torch.manualSeed(s)} a module draws PyTorch's initial values, in PyTorch's order. */
    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> seededInitialisation() {
        return ((List<Object>) file().get("inits")).stream().map(o -> (Map<String, Object>) o).map(c ->
                DynamicTest.dynamicTest((String) c.get("name"), () -> {
                    Torch.manualSeed(((Number) c.get("seed")).longValue());
                    Module m = NnCases.build((String) c.get("kind"), (Map<String, Object>) c.get("args")).module();
                    Tensor after = Torch.rand(3);
                    Map<String, Object> state = (Map<String, Object>) c.get("state");
                    Map<String, Tensor> got = m.stateDict();
                    assertEquals(new ArrayList<>(state.keySet()), new ArrayList<>(got.keySet()), "state_dict keys");
                    for (Map.Entry<String, Object> e : state.entrySet()) {
                        Tensor t = got.get(e.getKey());
                        assertNotNull(t, e.getKey());
                        if (Boolean.FALSE.equals(c.get("exact"))) {
                            NnReference.assertClose(e.getValue(), t, NnReference.F32_RTOL, NnReference.F32_ATOL, e.getKey());
                        } else if (((Map<String, Object>) e.getValue()).containsKey("head")) {
                            NnInitTest.assertSummary((Map<String, Object>) e.getValue(), t, e.getKey());
                        } else {
                            NnInitTest.assertExact(e.getValue(), t, e.getKey());
                        }
                    }
                    NnInitTest.assertExact(c.get("after"), after, "torch.rand(3) after construction");
                }));
    }

    /**
     * A seeded {@code spectral_norm(Linear(5, 4))}: u and v as drawn, then three training forwards (each
     * refining u and v in place by one power iteration) and an eval forward (leaving them), against
     * PyTorch's output, normalised weight and state after each.
     */
    @Test
    @SuppressWarnings("unchecked")
    void spectralNormOverSeveralForwards() {
        Map<String, Object> run = (Map<String, Object>) file().get("spectral_runs");
        Torch.manualSeed(((Number) run.get("seed")).longValue());
        Linear m = Utils.spectralNorm(new Linear(5, 4));
        assertState((Map<String, Object>) run.get("initial"), m, "initial");
        Tensor x = Reference.tensor(run.get("x"));
        int k = 0;
        for (Object o : (List<Object>) run.get("steps")) {
            Map<String, Object> step = (Map<String, Object>) o;
            m.train((Boolean) step.get("train"));
            Tensor out = m.call(x);
            String at = "forward " + k++;
            NnReference.assertClose(step.get("output"), out, NnReference.F32_RTOL, NnReference.F32_ATOL, at + ": output");
            NnReference.assertClose(step.get("weight"), m.weight, NnReference.F32_RTOL, NnReference.F32_ATOL, at + ": weight");
            assertState((Map<String, Object>) step.get("state"), m, at);
        }
    }

    private static void assertState(Map<String, Object> expected, Module m, String context) {
        Map<String, Tensor> got = m.stateDict();
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(got.keySet()), context + ": state_dict keys");
        expected.forEach((k, v) -> NnReference.assertClose(v, got.get(k), NnReference.F32_RTOL, NnReference.F32_ATOL, context + ": " + k));
    }

    /** parameters_to_vector (float32 and float64 promoted) and vector_to_parameters (views of the vector). */
    @Test
    @SuppressWarnings("unchecked")
    void parametersAndVector() {
        Map<String, Object> c = (Map<String, Object>) file().get("vector");
        List<Parameter> params = new ArrayList<>();
        for (Object p : (List<Object>) c.get("params")) params.add(new Parameter(Reference.tensor(p)));
        Reference.assertTensor(c.get("vector"), Utils.parametersToVector(params), "vector");
        Tensor vec = Reference.tensor(c.get("new"));
        Utils.vectorToParameters(vec, params);
        List<Object> after = (List<Object>) c.get("after");
        for (int k = 0; k < params.size(); k++) Reference.assertTensor(after.get(k), params.get(k), "parameter " + k);
        vec.fill_(0.0);
        assertEquals(0.0, params.get(1).abs().sum().item(), 0.0, "the parameters view the vector, as PyTorch's .data =");
    }

    /** The normalised weight is a computation of g and v: a step on them changes it at the next call. */
    @Test
    void weightNormFollowsItsParameters() {
        Torch.manualSeed(3);
        Linear m = Utils.weightNorm(new Linear(3, 2));
        Tensor x = Torch.ones(1, 3);
        m.call(x).sum().backward();
        Parameter g = m.namedParameters().get("weight_g");
        assertNotNull(g.grad(), "g receives a gradient");
        assertNotNull(m.namedParameters().get("weight_v").grad(), "v receives a gradient");
        try (var noGrad = Torch.noGrad()) {
            g.mul_(2.0);
        }
        Tensor before = m.weight.detach().clone();
        m.call(x);
        assertEquals(0.0, m.weight.detach().sub(before.mul(2.0)).abs().max().item(), 1e-6, "weight = v * g / ||v|| after the step");
        assertEquals(List.of("bias", "weight_g", "weight_v"), new ArrayList<>(m.namedParameters().keySet()));
    }

    /**
     * A rejected call changes nothing: the embedding tables are checked before max_norm renormalises them,
     * and a module keeps its parameters when a reparametrisation is refused.
     */
    @Test
    void badInputLeavesStateAlone() {
        Torch.manualSeed(0);
        Embedding e = new Embedding(6, 2, null, 0.1, 2.0, false);
        Tensor before = e.weight.detach().clone();
        assertThrows(IndexOutOfBoundsException.class, () -> e.call(longs(0, 7)));
        assertEquals(0.0, e.weight.detach().sub(before).abs().max().item(), 0.0, "embedding weight");
        EmbeddingBag bag = new EmbeddingBag(6, 2, 0.1, 2.0, false, "mean", false, null);
        Tensor bagBefore = bag.weight.detach().clone();
        assertThrows(IllegalArgumentException.class, () -> bag.call(longs(0, 1), longs(0), Torch.ones(2)));
        assertEquals(0.0, bag.weight.detach().sub(bagBefore).abs().max().item(), 0.0, "bag weight");
        Linear lin = new Linear(3, 2);
        assertThrows(IllegalArgumentException.class, () -> Utils.spectralNorm(lin, "weight", 0, 1e-12, null));
        assertEquals(List.of("weight", "bias"), new ArrayList<>(lin.stateDict().keySet()), "parameters after a refused spectral norm");
        assertEquals(List.of(), new ArrayList<>(lin.namedBuffers().keySet()));
    }

    /** {@code torch.embedding_renorm_}: the table afterwards, rows over the norm rescaled and no other touched. */
    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> embeddingRenorm() {
        return ((List<Object>) file().get("renorm")).stream().map(o -> (Map<String, Object>) o).flatMap(c ->
                Stream.of(DType.FLOAT32, DType.FLOAT64).map(dtype -> DynamicTest.dynamicTest(c.get("name") + " [" + dtype + "]", () -> {
                    Tensor w = NnCases.tensor(c.get("weight"), dtype, "contiguous");
                    Tensor same = F.embeddingRenorm_(w, Reference.tensor(c.get("indices")), NnCases.d(c, "max_norm"),
                            NnCases.d(c, "norm_type"));
                    assertSame(w, same, "in place");
                    Map<String, Object> after = (Map<String, Object>) c.get("after");
                    boolean f32 = dtype == DType.FLOAT32;
                    NnReference.assertClose(after.get(f32 ? "float32" : "float64"), w, f32 ? NnReference.F32_RTOL : NnReference.F64_RTOL,
                            f32 ? NnReference.F32_ATOL : NnReference.F64_ATOL, "weight after renorm");
                })));
    }

    @TestFactory
    Stream<DynamicTest> errors() {
        return NnReference.errors(file(), k -> error(k));
    }
}
