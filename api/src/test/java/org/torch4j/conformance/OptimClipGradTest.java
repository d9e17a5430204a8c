package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.torch4j.conformance.OptimFixtures.assertClose;
import static org.torch4j.conformance.OptimFixtures.assertValues;
import static org.torch4j.conformance.OptimFixtures.matrix;
import static org.torch4j.conformance.OptimFixtures.section;

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
import org.torch4j.nn.ClipGrad;

/**
 * {@code clip_grad_norm_} (2-, 1-, 3- and inf-norms, no clipping below the bound, non-finite norms)
 * and {@code clip_grad_value_} against PyTorch 1.13.
 */
class OptimClipGradTest {

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> cases() {
        return section("clip").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            DType dtype = DType.of((String) c.get("dtype"));
            List<Tensor> params = new ArrayList<>();
            for (Object g : (List<Object>) c.get("grads")) {
                Tensor grad = matrix(g, dtype);
                Tensor p = Torch.zerosLike(grad).requiresGrad_();
                p.setGrad(grad);
                params.add(p);
            }
            double rtol = dtype == DType.FLOAT64 ? 1e-12 : 1e-6, atol = 1e-7;
            if (c.containsKey("clip_value")) {
                ClipGrad.clipGradValue_(params, ((Number) c.get("clip_value")).doubleValue());
            } else {
                double maxNorm = ((Number) c.get("max_norm")).doubleValue(), normType = Reference.number(c.get("norm_type"));
                boolean check = Boolean.TRUE.equals(c.get("error_if_nonfinite"));
                if (c.containsKey("error")) {
                    IllegalStateException e = assertThrows(IllegalStateException.class,
                            () -> ClipGrad.clipGradNorm_(params, maxNorm, normType, check));
                    assertEquals(c.get("error"), e.getMessage());
                    return;
                }
                Tensor total = ClipGrad.clipGradNorm_(params, maxNorm, normType, check);
                assertEquals(dtype, total.dtype());
                assertEquals(0, total.dim());
                assertClose(Reference.number(c.get("total_norm")), total.item(), rtol, atol, "total norm");
            }
            List<Object> clipped = (List<Object>) c.get("clipped");
            for (int i = 0; i < params.size(); i++) {
                assertValues((List<Object>) clipped.get(i), params.get(i).grad().toDoubleArray(), rtol, atol, "grad " + i);
            }
        }));
    }

    @Test
    void noGradientsGiveZero() {
        Tensor p = Torch.ones(3).requiresGrad_();
        Tensor total = ClipGrad.clipGradNorm_(List.of(p), 1.0);
        assertEquals(0.0, total.item());
        ClipGrad.clipGradValue_(List.of(p), 1.0);
        assertEquals(null, p.grad());
    }
}
