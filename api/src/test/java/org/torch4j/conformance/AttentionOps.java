package org.torch4j.conformance;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.nn.Module;
import org.torch4j.nn.MultiheadAttention;
import org.torch4j.nn.Parameter;
import org.torch4j.nn.TransformerDecoderLayer;
import org.torch4j.nn.TransformerEncoderLayer;

/**
 * The kit's {@code attn_module} op ({@code _attn_module} in {@code tools/gen_tensor_reference.py}), which
 * {@code tools/fuzz_against_pytorch.py --attn} draws: {@code [kind, x, y, z, names, weights, heads, dim_feedforward,
 * flags, mask1, mask2, mask3, mask4]} makes {@code nn.MultiheadAttention} ("mha"), {@code nn.TransformerEncoderLayer}
 * ("encoder") or {@code nn.TransformerDecoderLayer} ("decoder") in x's dtype and device with dropout 0, copies the
 * named weights in (detached), and runs it: mha on query x, key y and value z with attn_mask mask1 and
 * key_padding_mask mask2 (returning the weights too when flagged {@code need_weights}); the encoder layer on x with
 * mask1 and padding mask2; the decoder layer on x over memory y with tgt_mask mask1, tgt padding mask2, memory_mask
 * mask3 and memory padding mask4.
 */
final class AttentionOps {
    private AttentionOps() {}

    static void register(BiConsumer<String, Function<Ops.Args, Object>> op) {
        op.accept("attn_module", AttentionOps::call);
    }

    private static Object call(Ops.Args a) {
        String kind = a.s(0);
        Tensor x = a.t(1), y = a.tOrNull(2), z = a.tOrNull(3);
        List<?> names = a.list(4);
        List<Tensor> weights = a.tensors(5);
        int heads = a.i(6);
        long ff = a.l(7);
        List<?> flags = a.list(8);
        Tensor m1 = a.tOrNull(9), m2 = a.tOrNull(10), m3 = a.tOrNull(11), m4 = a.tOrNull(12);
        long e = x.size(-1);
        boolean batchFirst = flags.contains("batch_first");
        Module m = switch (kind) {
            case "mha" -> new MultiheadAttention(e, heads, 0.0, flags.contains("bias"), flags.contains("bias_kv"),
                    flags.contains("zero_attn"), y.size(-1), z.size(-1), batchFirst);
            case "encoder" -> new TransformerEncoderLayer(e, heads, ff, 0.0, flags.contains("gelu") ? "gelu" : "relu", 1e-5,
                    batchFirst, flags.contains("norm_first"));
            default -> new TransformerDecoderLayer(e, heads, ff, 0.0, flags.contains("gelu") ? "gelu" : "relu", 1e-5,
                    batchFirst, flags.contains("norm_first"));
        };
        m.to(x.dtype());
        m.to(x.device());
        Map<String, Parameter> params = m.namedParameters();
        try (var ignored = Torch.noGrad()) {
            for (int i = 0; i < names.size(); i++) params.get((String) names.get(i)).copy_(weights.get(i));
        }
        return switch (m) {
            case MultiheadAttention mha -> {
                boolean needWeights = flags.contains("need_weights");
                F.Attention r = mha.call(x, y, z, m2, needWeights, m1, flags.contains("average"));
                yield needWeights ? List.of(r.output(), r.weights()) : List.of(r.output());
            }
            case TransformerEncoderLayer encoder -> encoder.call(x, m1, m2);
            case TransformerDecoderLayer decoder -> decoder.call(x, y, m1, m3, m2, m4);
            default -> throw new IllegalStateException(kind);
        };
    }
}
