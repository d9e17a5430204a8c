package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The spatial ops of {@code org.torch4j.nn} (grid_sample, affine_grid, ...) against PyTorch 1.13 as
 * {@link NnExtraTest} checks the later layers: outputs and gradients in float32 (contiguous and
 * transposed inputs) and float64, reprs, gradcheck and gradgradcheck in float64
 * ({@code reference/nn/spatial_layers.json}, written by {@code tools/gen_nn_spatial_reference.py};
 * the kinds are built by {@link NnSpatialCases}). The same forwards run once more without autograd,
 * where a backend may take a fused path.
 */
class NnSpatialTest {
    private static final String FILE = "spatial_layers.json";

    @TestFactory
    Stream<DynamicNode> layers() {
        return NnReference.cases(FILE, NnSpatialCases::build);
    }

    @TestFactory
    Stream<DynamicTest> withoutAutograd() {
        return Reference.cases("nn/" + FILE).stream().flatMap(c -> Stream.of(
                DynamicTest.dynamicTest(c.get("name") + " [float32, transposed]", () -> forward(c, DType.FLOAT32, "transposed")),
                DynamicTest.dynamicTest(c.get("name") + " [float64]", () -> forward(c, DType.FLOAT64, "contiguous"))));
    }

    @SuppressWarnings("unchecked")
    private static void forward(Map<String, Object> c, DType dtype, String layout) {
        String key = dtype.toString().substring("torch.".length());
        Map<String, Object> results = (Map<String, Object>) c.get("results");
        List<Object> expected = (List<Object>) ((Map<String, Object>) results.get(key)).get("outputs");
        Map<String, Object> truth = dtype == DType.FLOAT32 ? (Map<String, Object>) results.get("float64") : null;
        NnCases.Built b = NnReference.load(c, NnSpatialCases::build, dtype);
        List<Tensor> outs;
        try (var mode = Torch.noGrad()) {
            outs = b.runner().run(b.module(), NnReference.inputs(c, dtype, layout));
        }
        assertEquals(expected.size(), outs.size(), "number of outputs");
        double rtol = dtype == DType.FLOAT64 ? NnReference.F64_RTOL : NnReference.F32_RTOL;
        double atol = dtype == DType.FLOAT64 ? NnReference.F64_ATOL : NnReference.F32_ATOL;
        for (int k = 0; k < outs.size(); k++) {
            Object t = truth == null ? null : ((List<Object>) truth.get("outputs")).get(k);
            NnReference.assertClose(expected.get(k), outs.get(k), rtol, atol, t, "output " + k);
        }
    }
}
