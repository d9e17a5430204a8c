package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.torch4j.Autograd;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;

/**
 * Batch, layer, group and instance norm on bfloat16 and float16 inputs, with parameters of the input's dtype or float32 (what
 * autocast leaves a BatchNorm after a 16-bit convolution), against {@code tools/gen_reduced_norm_reference.py}: the
 * statistics and arithmetic run in float32 and the results are rounded once, as PyTorch's kernels do, so each value
 * is within one rounding of PyTorch's; the output keeps the input's dtype and each gradient its tensor's. The inputs
 * sit at 48 with a spread of 1, where statistics rounded to 16 bits would be off by whole units.
 */
class NnReducedNormTest {

    @SuppressWarnings("unchecked")
    @Test
    void outputsStatisticsAndGradientsMatchPyTorch() {
        Map<String, Object> ref = (Map<String, Object>) Reference.load("nn/reduced_norms.json");
        double eps = ((Number) ref.get("eps")).doubleValue(), momentum = ((Number) ref.get("momentum")).doubleValue();
        long groups = ((Number) ref.get("groups")).longValue();
        int checked = 0;
        for (Map.Entry<String, Object> e : ((Map<String, Object>) ref.get("cases")).entrySet()) {
            Map<String, Object> c = (Map<String, Object>) e.getValue();
            for (DType dtype : new DType[] {DType.BFLOAT16, DType.FLOAT16}) {
                for (String kind : new String[] {"same", "mixed"}) {
                    DType pdtype = kind.equals("same") ? dtype : DType.FLOAT32;
                    String name = e.getKey() + "/" + dtype + "/" + kind;
                    Map<String, Object> want = (Map<String, Object>) c.get(dtype.torchName() + "_" + kind);
                    Tensor x = Reference.tensor(c.get("x")).to(dtype).requiresGrad_(true);
                    Tensor w = Reference.tensor(c.get("weight")).to(pdtype).requiresGrad_(true);
                    Tensor b = Reference.tensor(c.get("bias")).to(pdtype).requiresGrad_(true);
                    long channels = w.numel();
                    boolean training = e.getKey().equals("batch_norm_train");
                    Tensor rm = Torch.full(new long[] {channels}, training ? 0.3 : 47.5, pdtype);
                    Tensor rv = Torch.full(new long[] {channels}, training ? 1.7 : 1.5, pdtype);
                    Function<Tensor, Tensor> op = switch (e.getKey()) {
                        case "batch_norm_train", "batch_norm_eval" -> in -> F.batchNorm(in, rm, rv, w, b, training, momentum, eps);
                        case "layer_norm" -> in -> F.layerNorm(in, w.shape(), w, b, eps);
                        case "group_norm" -> in -> F.groupNorm(in, groups, w, b, eps);
                        case "instance_norm" -> in -> F.instanceNorm(in, null, null, w, b, true, momentum, eps);
                        default -> throw new AssertionError(e.getKey());
                    };
                    Tensor y = op.apply(x);
                    assertRounded(want.get("y"), y, name + " output");
                    if (want.containsKey("running_mean")) {
                        // 16-bit statistics: the float32 update rounded once, so equal to PyTorch's (two roundings differ)
                        double exact = pdtype == DType.FLOAT32 ? 1e-5 : 0;
                        Reference.assertTensor(want.get("running_mean"), rm, exact, exact, name + " running mean");
                        Reference.assertTensor(want.get("running_var"), rv, exact, exact, name + " running variance");
                    }
                    Tensor up = Reference.tensor(c.get("g")).to(dtype);
                    List<Tensor> grads = Autograd.grad(List.of(y.mul(up).sum()), List.of(x, w, b), null, false, false, false);
                    assertRounded(want.get("dx"), grads.get(0), name + " input gradient");
                    assertRounded(want.get("dweight"), grads.get(1), name + " weight gradient");
                    assertRounded(want.get("dbias"), grads.get(2), name + " bias gradient");
                    checked++;
                }
            }
        }
        assertEquals(20, checked, "cases");
    }

    /**
     * Within one rounding of the expected dtype (2^-7 relative for bfloat16, 2^-10 for float16; float32's
     * reference tolerance loosened for sums in another order), plus an absolute 1e-4 for values near 0.
     */
    private static void assertRounded(Object spec, Tensor actual, String context) {
        @SuppressWarnings("unchecked")
        DType dtype = DType.of((String) ((Map<String, Object>) spec).get("dtype"));
        double rtol = switch (dtype) {
            case BFLOAT16 -> 0x1p-7;
            case FLOAT16 -> 0x1p-10;
            default -> 1e-5;
        };
        Reference.assertTensor(spec, actual, rtol, 1e-4, context);
    }
}
