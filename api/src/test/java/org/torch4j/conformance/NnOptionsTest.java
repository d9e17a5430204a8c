package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
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
            default -> throw new IllegalArgumentException("unknown module " + key);
        };
    }

    private static Tensor z(long... shape) {
        return Torch.zeros(shape);
    }

    private static Executable error(String key) {
        return switch (key) {
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
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> reprsAndKeys() {
        Map<String, Object> modules = (Map<String, Object>) file().get("modules");
        return modules.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Map<String, Object> exp = (Map<String, Object>) e.getValue();
            Module m = module(e.getKey());
            assertEquals(exp.get("repr"), m.toString(), "repr");
            assertEquals(exp.get("keys"), new ArrayList<>(m.stateDict().keySet()), "state_dict keys");
        }));
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
                        if (((Map<String, Object>) e.getValue()).containsKey("head")) {
                            NnInitTest.assertSummary((Map<String, Object>) e.getValue(), t, e.getKey());
                        } else {
                            NnInitTest.assertExact(e.getValue(), t, e.getKey());
                        }
                    }
                    NnInitTest.assertExact(c.get("after"), after, "torch.rand(3) after construction");
                }));
    }

    /**
     * PyTorch's IndexError is an IndexOutOfBoundsException, its other errors IllegalArgumentException;
     * the wording is PyTorch's.
     */
    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> errors() {
        Map<String, Object> errors = (Map<String, Object>) file().get("errors");
        return errors.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Map<String, Object> exp = (Map<String, Object>) e.getValue();
            Class<? extends RuntimeException> type = "IndexError".equals(exp.get("type"))
                    ? IndexOutOfBoundsException.class : IllegalArgumentException.class;
            RuntimeException thrown = assertThrows(type, error(e.getKey()));
            assertEquals(exp.get("message"), thrown.getMessage(), "message");
        }));
    }
}
