package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Hook;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.*;
import org.torch4j.nn.Module;

/**
 * Module hooks against PyTorch 1.13 ({@code reference/nn/hooks.json}, from
 * {@code tools/gen_hooks_reference.py}): the order in which forward pre-hooks, forward hooks and full
 * backward hooks fire in transformer layers, what the hooks see (arguments, outputs, grad_input,
 * grad_output) for single- and multi-input modules, losses, attention and LSTM, the effect of hooks
 * that replace arguments, outputs and gradients, and removal while running. Java's calls pass masks
 * positionally where PyTorch passes them by keyword, so Java's hooks see more arguments: the ones
 * PyTorch sees are compared, the extra ones checked to be what the call passed.
 */
class NnHooksTest {

    @SuppressWarnings("unchecked")
    private static final Map<String, Object> REF =
            (Map<String, Object>) ((Map<String, Object>) Reference.load("nn/hooks.json")).get("scenarios");
    private static final double RTOL = 1e-10, ATOL = 1e-12;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> scenario(String name) {
        return (Map<String, Object>) REF.get(name);
    }

    /** The module in float64 with the scenario's weights. */
    @SuppressWarnings("unchecked")
    private static <M extends Module> M loaded(M module, Map<String, Object> scenario) {
        module.to(DType.FLOAT64);
        Map<String, Tensor> state = new LinkedHashMap<>();
        ((Map<String, Object>) scenario.getOrDefault("state", Map.of())).forEach((k, v) -> state.put(k, Reference.tensor(v)));
        module.loadStateDict(state);
        return module;
    }

    private static Tensor input(Object spec, boolean requiresGrad) {
        Tensor t = Reference.tensor(spec);
        return requiresGrad ? t.requiresGrad_() : t;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> m, String key) {
        return (List<Object>) m.get(key);
    }

    private static void assertClose(Object spec, Tensor actual, String context) {
        Reference.assertTensor(spec, actual, RTOL, ATOL, context);
    }

    /**
     * PyTorch's entries (tensors, or null) against the first of Java's; Java's further entries (the
     * arguments PyTorch passes by keyword) must be null or not tensors.
     */
    private static void assertEntries(List<Object> expected, List<?> actual, String context) {
        assertTrue(actual.size() >= expected.size(), context + ": " + actual.size() + " entries, PyTorch has " + expected.size());
        for (int i = 0; i < actual.size(); i++) {
            Object a = actual.get(i);
            if (i >= expected.size() || expected.get(i) == null) {
                assertFalse(a instanceof Tensor, context + "[" + i + "] should be null or not a tensor, got " + a);
            } else {
                assertTrue(a instanceof Tensor, context + "[" + i + "] should be a tensor, got " + a);
                assertClose(expected.get(i), (Tensor) a, context + "[" + i + "]");
            }
        }
    }

    /** A forward result as PyTorch's recorder lists it: a record's components, non-tensors as null. */
    private static List<Object> items(Object output) {
        List<Object> r = new ArrayList<>();
        if (output instanceof F.Attention a) {
            r.add(a.output());
            r.add(a.weights());
        } else if (output instanceof LSTM.Output o) {
            r.add(o.output());
            r.add(null);                                              // (h, c) is not a tensor to PyTorch's hooks
        } else if (output instanceof TwoOutputs.Pair p) {
            r.add(p.first());
            r.add(p.second());
        } else {
            r.add(output);
        }
        return r;
    }

    /** What a module's hooks see, as the generator's recorder keeps it. */
    private static final class Seen {
        List<Object> args, output;
        List<Tensor> gradInput, gradOutput;
        int backwardCalls;

        void check(Map<String, Object> expected, String context) {
            assertEntries(list(expected, "args"), args, context + " args");
            Object out = expected.get("output");
            assertEntries(out instanceof List<?> l ? new ArrayList<>(l) : List.of(out), output, context + " output");
            assertEquals(1, backwardCalls, context + ": backward hook calls");
            assertEntries(list(expected, "grad_input"), gradInput, context + " grad_input");
            assertEntries(list(expected, "grad_output"), gradOutput, context + " grad_output");
        }
    }

    private static Seen record(Module m) {
        Seen seen = new Seen();
        m.registerForwardPreHook((module, args) -> {
            seen.args = args;
            return null;
        });
        m.registerForwardHook((module, args, output) -> {
            seen.output = items(output);
            return null;
        });
        m.registerFullBackwardHook((module, gradInput, gradOutput) -> {
            seen.gradInput = gradInput;
            seen.gradOutput = gradOutput;
            seen.backwardCalls++;
            return null;
        });
        return seen;
    }

    /** A forward pre-hook, a forward hook and a full backward hook on every module, naming it. */
    private static Map<String, List<String>> firingOrder(Module model) {
        Map<String, List<String>> order = new LinkedHashMap<>();
        for (String kind : List.of("pre", "forward", "backward")) order.put(kind, new ArrayList<>());
        model.namedModules().forEach((name, m) -> {
            m.registerForwardPreHook((module, args) -> {
                order.get("pre").add(name);
                return null;
            });
            m.registerForwardHook((module, args, out) -> {
                order.get("forward").add(name);
                return null;
            });
            m.registerFullBackwardHook((module, gi, go) -> {
                order.get("backward").add(name);
                return null;
            });
        });
        return order;
    }

    // ---- firing order in nested models ------------------------------------------------------------

    @Test
    void encoderFiresHooksOfEveryCalledSubmoduleInPyTorchsOrder() {
        Map<String, Object> ref = scenario("encoder");
        TransformerEncoderLayer layer = new TransformerEncoderLayer(4, 2, 6, 0.0, "relu", 1e-5, false, false);
        TransformerEncoder model = loaded(new TransformerEncoder(layer, 2, new LayerNorm(new long[] {4}, 1e-5, true)), ref);
        Map<String, List<String>> order = firingOrder(model);
        Seen seen = record(((TransformerEncoderLayer) model.layers.get(0)).selfAttn);
        Tensor src = input(ref.get("src"), true);
        Tensor out = model.call(src);
        out.mul(input(ref.get("g"), false)).sum().backward();
        assertEquals(ref.get("order"), order, "names in firing order (the ModuleList is never called)");
        assertClose(ref.get("out"), out, "output");
        assertClose(ref.get("src_grad"), src.grad(), "src.grad");
        @SuppressWarnings("unchecked")
        Map<String, Object> selfAttn = (Map<String, Object>) ref.get("self_attn");
        seen.check(selfAttn, "layers.0.self_attn");
        assertEquals(Boolean.FALSE, seen.args.get(4), "the layer asks self_attn for no weights");
    }

    @Test
    void decoderLayerCallsBothAttentionsThroughCall() {
        Map<String, Object> ref = scenario("decoder_layer");
        TransformerDecoderLayer model = loaded(new TransformerDecoderLayer(4, 2, 6, 0.0, "relu", 1e-5, false, false), ref);
        Map<String, List<String>> order = firingOrder(model);
        Seen seen = record(model.multiheadAttn);
        Tensor out = model.call(input(ref.get("tgt"), true), input(ref.get("memory"), true), null, null, null, null);
        out.mul(input(ref.get("g"), false)).sum().backward();
        assertEquals(ref.get("order"), order);
        assertClose(ref.get("out"), out, "output");
        @SuppressWarnings("unchecked")
        Map<String, Object> mha = (Map<String, Object>) ref.get("multihead_attn");
        seen.check(mha, "multihead_attn");
    }

    // ---- what the hooks see ------------------------------------------------------------------------

    /** Records {@code module}'s hooks through {@code run} (which calls it and returns the loss) and checks them. */
    private static void checkSeen(String name, Module module, Function<List<Tensor>, Tensor> run, boolean... requiresGrad) {
        Map<String, Object> ref = scenario(name);
        loaded(module, ref);
        Seen seen = record(module);
        List<Tensor> inputs = new ArrayList<>();
        List<Object> specs = list(ref, "inputs");
        for (int i = 0; i < specs.size(); i++) inputs.add(input(specs.get(i), requiresGrad[i]));
        run.apply(inputs).backward();
        seen.check(ref, name);
    }

    private static Tensor weighted(Tensor out, Map<String, Object> ref, String g) {
        return out.mul(Reference.tensor(ref.get(g))).sum();
    }

    @Test
    void linear() {
        Linear lin = new Linear(3, 2);
        checkSeen("linear", lin, in -> weighted(lin.call(in.get(0)), scenario("linear"), "g"), true);
    }

    @Test
    void linearWhoseInputNeedsNoGradientGetsNullGradInput() {
        Linear lin = new Linear(3, 2);
        checkSeen("linear_input_no_grad", lin, in -> weighted(lin.call(in.get(0)), scenario("linear_input_no_grad"), "g"), false);
    }

    @Test
    void bilinearInputThatNeedsNoGradientGetsZeros() {
        Bilinear bl = new Bilinear(3, 2, 4);
        checkSeen("bilinear", bl, in -> weighted(bl.call(in.get(0), in.get(1)), scenario("bilinear"), "g"), true, false);
    }

    @Test
    void losses() {
        MSELoss mse = new MSELoss();
        checkSeen("mse", mse, in -> mse.call(in.get(0), in.get(1)), true, false);
        CrossEntropyLoss ce = new CrossEntropyLoss();
        checkSeen("cross_entropy", ce, in -> ce.call(in.get(0), in.get(1)), true, false);
    }

    @Test
    void multiheadAttentionSeesBothOutputsAndThreeInputs() {
        MultiheadAttention mha = new MultiheadAttention(4, 2);
        Map<String, Object> ref = scenario("mha");
        checkSeen("mha", mha, in -> {
            F.Attention a = mha.call(in.get(0), in.get(1), in.get(2), null, true, null);
            return weighted(a.output(), ref, "g").add(weighted(a.weights(), ref, "g_weights"));
        }, true, true, false);
    }

    @Test
    void lstmGradOutputCoversTheTopLevelOnly() {
        LSTM lstm = new LSTM(3, 4);
        Map<String, Object> ref = scenario("lstm");
        checkSeen("lstm", lstm, in -> {
            LSTM.Output o = lstm.call(in.get(0), null);
            return weighted(o.output(), ref, "g").add(weighted(o.state().h(), ref, "g_h"));
        }, true);
    }

    /** A module with a record result, called the way {@link Module#callWithHooks} documents. */
    static final class TwoOutputs extends Module {
        record Pair(Tensor first, Tensor second) {}

        Pair forwardPair(Tensor a) {
            return new Pair(a.mul(2), a.mul(3));
        }

        Pair callPair(Tensor a) {
            return callWithHooks(args -> forwardPair((Tensor) args.get(0)), a);
        }
    }

    @Test
    void outputWithoutGradientGetsNullGradOutput() {
        TwoOutputs m = new TwoOutputs();
        checkSeen("two_outputs", m, in -> m.callPair(in.get(0)).first().sum(), true);
    }

    // ---- hooks that replace ------------------------------------------------------------------------

    @Test
    void hooksReplaceArgsOutputAndGradInput() {
        Map<String, Object> ref = scenario("replace");
        Sequential model = loaded(Sequential.of(new Linear(3, 4), new Tanh(), new Linear(4, 2)), ref);
        Module first = model.get(0), last = model.get(2);
        first.registerForwardPreHook((m, args) -> List.of(((Tensor) args.get(0)).mul(2)));
        List<Object> firstArgs = new ArrayList<>();
        first.registerForwardHook((m, args, out) -> {
            firstArgs.addAll(args);
            return null;
        });
        first.registerForwardHook((m, args, out) -> ((Tensor) out).add(1));
        first.registerFullBackwardHook((m, gi, go) -> List.of(gi.get(0).mul(3)));
        last.registerFullBackwardHook((m, gi, go) -> List.of(gi.get(0).mul(0.5)));
        Tensor x = input(ref.get("x"), true);
        Tensor out = model.call(x);
        out.mul(input(ref.get("g"), false)).sum().backward();
        assertEntries(list(ref, "first_args"), firstArgs, "forward saw the pre-hook's args");
        assertClose(ref.get("out"), out, "output");
        assertClose(ref.get("x_grad"), x.grad(), "x.grad");
        @SuppressWarnings("unchecked")
        Map<String, Object> grads = (Map<String, Object>) ref.get("param_grads");
        model.namedParameters().forEach((name, p) -> assertClose(grads.get(name), p.grad(), name + ".grad"));
    }

    // ---- removal, and when backward hooks fire -----------------------------------------------------

    @Test
    void hooksRemovedWhileRunningTakeEffectFromTheNextCall() {
        Map<String, Object> ref = scenario("removal");
        List<String> fired = new ArrayList<>();
        Map<String, Hook> handles = new HashMap<>();
        Identity m = new Identity();
        handles.put("A", m.registerForwardHook((mod, args, out) -> {
            fired.add("A");
            handles.get("B").remove();
            return null;
        }));
        handles.put("B", m.registerForwardHook((mod, args, out) -> {
            fired.add("B");
            return null;
        }));
        m.call(Torch.ones(1));
        m.call(Torch.ones(1));
        assertEquals(ref.get("other_removed"), fired);

        List<String> once = new ArrayList<>();
        Identity n = new Identity();
        handles.put("once", n.registerForwardPreHook((mod, args) -> {
            once.add("once");
            handles.get("once").remove();
            return null;
        }));
        n.call(Torch.ones(1));
        n.call(Torch.ones(1));
        assertEquals(ref.get("self_removed"), once);

        List<String> backward = new ArrayList<>();
        Linear lin = new Linear(3, 2);
        Hook h = lin.registerFullBackwardHook((mod, gi, go) -> {
            backward.add("bwd");
            return null;
        });
        Tensor x = Torch.ones(1, 3).requiresGrad_();
        Tensor y = lin.call(x);
        h.remove();
        y.sum().backward();
        lin.call(x).sum().backward();
        assertEquals(ref.get("removed_after_forward"), backward, "a call keeps the backward hooks it started with");
    }

    @Test
    void eachRegistrationIsItsOwnHook() {
        Identity m = new Identity();
        List<String> fired = new ArrayList<>();
        ForwardPreHook hook = (mod, args) -> {
            fired.add("h");
            return null;
        };
        Hook first = m.registerForwardPreHook(hook);
        m.registerForwardPreHook(hook);
        m.call(Torch.ones(1));
        assertEquals(List.of("h", "h"), fired, "registered twice, runs twice");
        first.remove();
        first.remove();                                               // a second remove does nothing
        fired.clear();
        m.call(Torch.ones(1));
        assertEquals(List.of("h"), fired, "one handle removes one registration");
    }

    @Test
    void noBackwardHookWithoutGradients() {
        Map<String, Object> ref = scenario("no_grad");
        Linear lin = new Linear(3, 2);
        for (Parameter p : lin.parameters()) p.requiresGrad_(false);
        int[] calls = {0};
        lin.registerFullBackwardHook((m, gi, go) -> {
            calls[0]++;
            return null;
        });
        Tensor y = lin.call(Torch.ones(2, 3));
        assertEquals(ref.get("output_requires_grad"), y.requiresGrad());
        assertEquals(((Number) ref.get("calls")).intValue(), calls[0]);
        try (var g = Torch.noGrad()) {
            Linear withGrad = new Linear(3, 2);
            withGrad.registerFullBackwardHook((m, gi, go) -> null);
            assertSame(null, withGrad.call(Torch.ones(2, 3).requiresGrad_()).gradFn(), "no graph under noGrad");
        }
    }

    @Test
    void returningGradientsForInputsThatNeedNoneFails() {
        Map<String, Object> ref = scenario("params_only");
        Linear lin = new Linear(3, 2);
        lin.registerFullBackwardHook((m, gi, go) -> List.of(Torch.ones(4, 3)));
        Tensor loss = lin.call(Torch.ones(4, 3)).sum();
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertEquals(ref.get("error"), e.getMessage());
    }

    @Test
    void wrongNumberOfReplacementsFails() {
        Linear lin = new Linear(3, 2);
        Tensor x = Torch.ones(1, 3).requiresGrad_();
        Hook h = lin.registerFullBackwardHook((m, gi, go) -> List.of(gi.get(0), gi.get(0)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> lin.call(x).sum().backward());
        assertEquals("Backward hook returned an invalid number of grad_input, got 2, but expected 1", e.getMessage());
        h.remove();
        lin.registerForwardPreHook((m, args) -> List.of(x, x));
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> lin.call(x));
        assertEquals("a forward pre-hook of Linear returned 2 arguments for a call with 1", f.getMessage());
    }

    // ---- backward pre-hooks (PyTorch 2.0) -----------------------------------------------------------

    @Test
    void backwardPreHookReplacesGradOutputBeforeItFlowsIn() {
        Linear lin = new Linear(3, 2);
        Tensor x = Torch.randn(4, 3).requiresGrad_();
        Tensor g = Torch.randn(4, 2);
        lin.call(x).mul(g).sum().backward();
        Tensor plainX = x.grad().clone(), plainW = lin.weight.grad().clone();
        x.setGrad(null);
        lin.zeroGrad(true);

        List<Tensor> seenByHook = new ArrayList<>();
        lin.registerFullBackwardPreHook((m, gradOutput) -> {
            assertEquals(0.0, gradOutput.get(0).sub(g).abs().max().item(), 0.0, "the pre-hook sees d loss / d output");
            return List.of(gradOutput.get(0).mul(2));
        });
        lin.registerFullBackwardHook((m, gi, go) -> {
            seenByHook.add(go.get(0));
            seenByHook.add(gi.get(0));
            return null;
        });
        lin.call(x).mul(g).sum().backward();
        assertEquals(0.0, seenByHook.get(0).sub(g.mul(2)).abs().max().item(), 1e-6, "the hook sees the replaced grad_output");
        assertEquals(0.0, seenByHook.get(1).sub(plainX.mul(2)).abs().max().item(), 1e-5, "and the grad_input it led to");
        assertEquals(0.0, x.grad().sub(plainX.mul(2)).abs().max().item(), 1e-5, "x.grad");
        assertEquals(0.0, lin.weight.grad().sub(plainW.mul(2)).abs().max().item(), 1e-5, "weight.grad");
    }

    // ---- single-tensor hooks -----------------------------------------------------------------------

    @Test
    void singleTensorHooksRunInRegistrationOrderWithTheGeneralOnes() {
        Linear lin = new Linear(2, 2);
        List<String> calls = new ArrayList<>();
        lin.registerForwardPreHook((m, args) -> {
            calls.add("general pre");
            return List.of(((Tensor) args.get(0)).mul(2));
        });
        lin.registerForwardPreHook(in -> {
            calls.add("tensor pre");
            assertEquals(2.0, in.sum().item(), 1e-12, "sees the general pre-hook's replacement");
            return in.mul(3);
        });
        lin.registerForwardHook((in, out) -> {
            calls.add("tensor hook");
            assertEquals(6.0, in.sum().item(), 1e-12);
            return out.mul(0);
        });
        lin.registerForwardHook((m, args, out) -> {
            calls.add("general hook");
            assertEquals(0.0, ((Tensor) out).abs().sum().item(), 0.0, "sees the tensor hook's replacement");
            return null;
        });
        lin.call(Torch.ones(1, 2).mul(0.5));
        assertEquals(List.of("general pre", "tensor pre", "tensor hook", "general hook"), calls);
    }

    @Test
    void singleTensorHookOnACallWithSeveralArgumentsFails() {
        Bilinear bl = new Bilinear(2, 2, 1);
        bl.registerForwardPreHook(in -> in);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> bl.call(Torch.ones(1, 2), Torch.ones(1, 2)));
        assertEquals("Bilinear was called with 2 arguments, which a single-tensor hook cannot take: register a ForwardPreHook",
                e.getMessage());
    }

    @Test
    void everyMultiInputCallRunsHooks() {
        List<String> called = new ArrayList<>();
        ForwardHook named = (m, args, out) -> {
            called.add(m.getClass().getSimpleName() + "/" + args.size());
            return null;
        };
        Tensor a = Torch.randn(2, 3), b = Torch.randn(2, 3), t = Torch.ones(2);
        MarginRankingLoss mr = new MarginRankingLoss();
        mr.registerForwardHook(named);
        mr.call(a.select(1, 0), b.select(1, 0), t);
        CosineEmbeddingLoss ce = new CosineEmbeddingLoss();
        ce.registerForwardHook(named);
        ce.call(a, b, t);
        EmbeddingBag bag = new EmbeddingBag(5, 2, "sum");
        bag.registerForwardHook(named);
        bag.call(Torch.tensor(new long[] {0, 1, 2, 3}, 2, 2), null, null);
        CTCLoss ctc = new CTCLoss();
        ctc.registerForwardHook(named);
        ctc.call(F.logSoftmax(Torch.randn(4, 1, 3), 2), Torch.tensor(new long[] {1, 2}, 1, 2), new long[] {4}, new long[] {2});
        GRU gru = new GRU(3, 2);
        gru.registerForwardHook(named);
        gru.call(Torch.randn(4, 1, 3), null);
        RNN rnn = new RNN(3, 2);
        rnn.registerForwardHook(named);
        rnn.call(Torch.randn(4, 1, 3), null);
        Transformer tr = new Transformer(4, 2, 1, 1, 6, 0.0, "relu", 1e-5, false, false);
        for (Module m : List.of(tr, tr.encoder, tr.decoder)) m.registerForwardHook(named);
        tr.call(Torch.randn(3, 1, 4), Torch.randn(2, 1, 4));
        assertEquals(List.of("MarginRankingLoss/3", "CosineEmbeddingLoss/3", "EmbeddingBag/3", "CTCLoss/4", "GRU/2", "RNN/2",
                "TransformerEncoder/3", "TransformerDecoder/6", "Transformer/2"), called);
    }

    // ---- the README's example ----------------------------------------------------------------------

    @Test
    void readmeExample() {
        Torch.manualSeed(0);
        // ---- README ----
        TransformerEncoderLayer layer = new TransformerEncoderLayer(8, 2);
        layer.eval();                                             // no dropout on the attention weights
        List<Tensor> attention = new ArrayList<>();
        // the layer asks self_attn for no weights, as PyTorch's does: a pre-hook turns needWeights on
        Hook ask = layer.selfAttn.registerForwardPreHook((module, args) -> {
            List<Object> changed = new ArrayList<>(args);       // query, key, value, keyPaddingMask, needWeights, attnMask
            changed.set(4, true);
            return changed;                                       // forward runs with these
        });
        Hook grab = layer.selfAttn.registerForwardHook((module, args, output) -> {
            attention.add(((F.Attention) output).weights().detach());   // [N, L, S], averaged over the heads
            return null;                                          // null keeps the output
        });
        Hook log = layer.linear1.registerFullBackwardHook((module, gradInput, gradOutput) -> {
            System.out.printf("linear1: |grad_output| %.3e, |grad_input| %.3e%n",
                    gradOutput.get(0).norm().item(), gradInput.get(0).norm().item());
            return null;                                          // or replacements for gradInput
        });
        Tensor src = Torch.randn(5, 3, 8).requiresGrad_();       // [L, N, E]
        layer.call(src).pow(2).sum().backward();
        for (Hook h : List.of(ask, grab, log)) h.remove();
        // ---- end ----
        assertEquals(1, attention.size());
        assertTrue(Arrays.equals(new long[] {3, 5, 5}, attention.get(0).shape()), Arrays.toString(attention.get(0).shape()));
        assertEquals(15.0, attention.get(0).sum().item(), 1e-5, "each row of attention weights sums to 1");
        assertNull(layer.selfAttn.call(src, src, src, null, false, null).weights(), "hooks removed");
    }
}
