package org.torch4j.text.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.torch4j.text.TextReference.list;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.text.TextReference;

/** torchtext 0.14's own MaskTransform (pure Python), seeded: the same corruption, targets, mask and generator state. */
class MaskTransformTest {
    private static final Map<String, Object> R = TextReference.load("mask_transform.json");

    private static long[] longs(Object nested) {
        return list(nested).stream().flatMap(r -> ((List<?>) r).stream()).mapToLong(x -> ((Number) x).longValue()).toArray();
    }

    @TestFactory
    Stream<DynamicTest> matchesTorchtextSeeded() {
        List<Map<String, Object>> cases = list(R.get("cases"));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.get("name") + " / seed " + c.get("seed"), () -> {
            List<List<Number>> rows = list(c.get("tokens"));
            Tensor tokens = Torch.tensor(longs(c.get("tokens")), rows.size(), rows.get(0).size());
            Torch.manualSeed(((Number) c.get("seed")).longValue());
            MaskTransform t = new MaskTransform(60, 4, 6, 5, (Boolean) c.get("mask_bos"), ((Number) c.get("mask_prob")).doubleValue());
            MaskTransform.Result r = t.forward(tokens);
            assertArrayEquals(longs(c.get("masked")), r.maskedTokens().toLongArray(), "masked tokens");
            assertArrayEquals(list(c.get("target")).stream().mapToLong(x -> ((Number) x).longValue()).toArray(), r.targetTokens().toLongArray(),
                    "targets");
            assertArrayEquals(longs(c.get("mask")), r.mask().to(DType.INT64).toLongArray(), "mask");
            assertEquals(DType.INT32, r.mask().dtype(), "torch.int32, as " + c.get("mask_dtype"));
            List<Number> after = list(c.get("after"));
            assertArrayEquals(new float[] {after.get(0).floatValue(), after.get(1).floatValue()}, Torch.rand(2).toFloatArray(),
                    "the generator's state afterwards");
        }));
    }

    @Test
    void rejectsWhatIsNotABatchOfTokenIds() {
        MaskTransform t = new MaskTransform(60, 4, 6, 5);
        assertThrows(IllegalArgumentException.class, () -> t.forward(Torch.zeros(3, 4)));
        assertThrows(IllegalArgumentException.class, () -> t.forward(Torch.tensor(new long[] {1, 2}, 2)));
        assertThrows(IllegalArgumentException.class, () -> new MaskTransform(60, 4, 6, 5, false, 1.5));
    }
}
