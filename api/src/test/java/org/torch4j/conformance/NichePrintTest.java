package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.PrintOptions;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code Torch.setPrintoptions} against PyTorch's {@code str(tensor)} under a grid of options (precision,
 * threshold and edge items, line width, forced sci mode, profiles) and tensors (float, int, bool, complex,
 * half, tensors that summarise, rows that wrap). Reference: {@code niche.json} ("print") from
 * {@code tools/gen_niche_reference.py}. The options are global: every test restores the defaults.
 */
class NichePrintTest {

    @AfterEach
    void restoreDefaults() {
        Torch.setPrintoptions(PrintOptions.DEFAULT);
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> pytorchStrings() {
        Map<String, Object> file = (Map<String, Object>) Reference.load("niche.json");
        List<Object> tensors = (List<Object>) file.get("print_tensors");
        List<Map<String, Object>> cases = (List<Map<String, Object>>) file.get("print");
        return java.util.stream.IntStream.range(0, cases.size()).mapToObj(i -> {
            Map<String, Object> c = cases.get(i);
            Object options = c.get("options");
            Tensor t = Reference.tensor(tensors.get(((Number) c.get("tensor")).intValue()));
            return DynamicTest.dynamicTest(i + " " + options, () -> {
                try {
                    Torch.setPrintoptions(PrintOptions.DEFAULT);
                    if (options instanceof List<?> calls) {
                        for (Object call : calls) apply((Map<String, Object>) call);
                    } else {
                        apply((Map<String, Object>) options);
                    }
                    assertEquals(c.get("str"), t.toString(), "str under " + options);
                } finally {
                    Torch.setPrintoptions(PrintOptions.DEFAULT);
                }
            });
        });
    }

    /** One {@code torch.set_printoptions(**kwargs)} call. */
    private static void apply(Map<String, Object> kw) {
        Torch.setPrintoptions(integer(kw.get("precision")), kw.get("threshold") == null ? null : ((Number) kw.get("threshold")).doubleValue(),
                integer(kw.get("edgeitems")), integer(kw.get("linewidth")), (String) kw.get("profile"), (Boolean) kw.get("sci_mode"));
    }

    private static Integer integer(Object o) {
        return o == null ? null : ((Number) o).intValue();
    }

    @Test
    void optionsCarryOverAndSciModeResets() {
        Torch.setPrintoptions(3, null, null, null, null, true);
        Torch.setPrintoptions(null, null, null, 50, null, null);
        PrintOptions o = Torch.getPrintoptions();
        assertEquals(3, o.precision());
        assertEquals(50, o.linewidth());
        assertNull(o.sciMode(), "sci_mode is reset by every call that does not pass it, as in PyTorch");
        Torch.setPrintoptions(null, null, null, null, "full", null);
        assertEquals(Double.POSITIVE_INFINITY, Torch.getPrintoptions().threshold());
        assertEquals(4, Torch.getPrintoptions().precision(), "a profile resets the options it names");
        Torch.setPrintoptions(PrintOptions.profile("default"));
        assertEquals(PrintOptions.DEFAULT, Torch.getPrintoptions());
    }

    @Test
    void badOptionsAreRefusedAndLeaveTheOptions() {
        Torch.setPrintoptions(PrintOptions.DEFAULT.withPrecision(2));
        assertThrows(IllegalArgumentException.class, () -> Torch.setPrintoptions(null, null, null, null, "long", null));
        assertThrows(IllegalArgumentException.class, () -> Torch.setPrintoptions(-1, null, null, null, null, null));
        assertEquals(PrintOptions.DEFAULT.withPrecision(2), Torch.getPrintoptions());
        assertEquals("tensor([0.33])", Torch.tensor(new float[] {1f / 3}, 1).toString());
    }
}
