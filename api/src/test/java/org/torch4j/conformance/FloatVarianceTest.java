package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.Tensor;

/**
 * float32 {@code var} and {@code std} equal PyTorch 1.13's bit for bit: both accumulate in double and round once
 * (before, torch4j computed them in float32 and took the square root of a rounded variance, one ulp off in about
 * half of such tensors). Reference: {@code float_variance.json} from {@code tools/gen_float_variance_reference.py}.
 */
class FloatVarianceTest {

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> equalToPyTorchBitForBit() {
        List<Object> cases = (List<Object>) ((Map<String, Object>) Reference.load("float_variance.json")).get("cases");
        return IntStream.range(0, cases.size()).mapToObj(k -> DynamicTest.dynamicTest("case " + k, () -> {
            Map<String, Object> c = (Map<String, Object>) cases.get(k);
            Tensor x = Reference.tensor(c.get("x"));
            assertEquals(((Number) c.get("var")).floatValue(), (float) x.var().item(), "var");
            assertEquals(((Number) c.get("std")).floatValue(), (float) x.std().item(), "std");
            assertEquals(((Number) c.get("var0")).floatValue(), (float) x.var(null, 0, false).item(), "var, correction 0");
            assertEquals(((Number) c.get("std0")).floatValue(), (float) x.std(null, 0, false).item(), "std, correction 0");
            Reference.assertTensor(c.get("var_dim1"), x.var(new int[] {1}, 1, false), 0, 0, "var along dim 1");
            Reference.assertTensor(c.get("std_dim1"), x.std(new int[] {1}, 1, false), 0, 0, "std along dim 1");
        }));
    }
}
