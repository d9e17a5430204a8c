package org.torch4j.audio.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.audio.AudioReference.assertClose;
import static org.torch4j.audio.AudioReference.list;
import static org.torch4j.audio.AudioReference.longs;
import static org.torch4j.audio.AudioReference.map;
import static org.torch4j.audio.AudioReference.tensor;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;

/** torchaudio.models.ConvTasNet against torchaudio 0.13 (models.json, conv_tasnet_*.pt). */
class ConvTasNetTest {
    private static final double RTOL = 1e-9, ATOL = 1e-10;

    private static long num(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).longValue();
    }

    private static Map<String, Object> small(String name) {
        return ModelsReference.section("conv_tasnet", "small", name);
    }

    private static ConvTasNet build(Map<String, Object> c) {
        return new ConvTasNet(num(c, "num_sources"), num(c, "enc_kernel_size"), num(c, "enc_num_feats"), num(c, "msk_kernel_size"),
                num(c, "msk_num_feats"), num(c, "msk_num_hidden_feats"), (int) num(c, "msk_num_layers"), (int) num(c, "msk_num_stacks"),
                (String) c.get("msk_activate"));
    }

    /** The small model {@code name} in float64 with torchaudio's weights, in eval mode. */
    private static ConvTasNet smallModel(String name) {
        ConvTasNet model = (ConvTasNet) build(map(small(name).get("config"))).to(DType.FLOAT64);
        Map<String, Tensor> saved = ModelsReference.checkpoint("conv_tasnet_" + name + ".pt");
        assertEquals(ModelsReference.keyLines(saved), ModelsReference.keyLines(model.stateDict()), name + " keys");
        Module.LoadResult r = model.loadStateDict(saved);
        assertTrue(r.missingKeys().isEmpty() && r.unexpectedKeys().isEmpty(), r.toString());
        model.eval();
        return model;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sigmoid", "relu"})
    void forwardMatchesTorchaudio(String name) {
        ConvTasNet model = smallModel(name);
        assertEquals(num(small(name), "receptive_field"), model.maskGenerator.receptiveField);
        try (var noGrad = Torch.noGrad()) {
            for (Object o : list(small(name).get("cases"))) {
                Map<String, Object> c = map(o);
                Tensor x = tensor(c.get("input"));
                assertClose(model.call(x), tensor(c.get("output")), RTOL, ATOL, name + " frames " + x.size(2));
            }
        }
    }

    @Test
    void baseIsTorchaudios() {
        Map<String, Object> ref = ModelsReference.section("conv_tasnet");
        ConvTasNet base = ConvTasNet.convTasnetBase();
        assertEquals(ModelsReference.keyLines(ref.get("base_keys")), ModelsReference.keyLines(base.stateDict()));
        assertEquals(num(ref, "base_receptive_field"), base.maskGenerator.receptiveField);
        assertInstanceOf(ReLU.class, base.maskGenerator.maskActivate);
    }

    @Test
    void gradcheckAndGradgradcheck() {
        ConvTasNet model = smallModel("relu");   // odd kernel: the input is padded and the output trimmed
        Torch.manualSeed(2);
        Tensor x = Torch.randn(new long[] {1, 1, 11}, DType.FLOAT64).requiresGrad_(true);
        assertTrue(GradCheck.gradcheck(in -> model.call(in[0]), x));
        ConvTasNet sigmoid = smallModel("sigmoid");
        Tensor y = Torch.randn(new long[] {1, 1, 9}, DType.FLOAT64).requiresGrad_(true);
        assertTrue(GradCheck.gradcheck(in -> sigmoid.call(in[0]), y));
        assertTrue(GradCheck.gradgradcheck(in -> sigmoid.call(in[0]), y));
    }

    @Test
    void errorsAreTorchaudios() {
        Map<String, Object> errors = ModelsReference.section("conv_tasnet", "errors");
        ConvTasNet model = smallModel("sigmoid");
        for (String key : new String[] {"input_2d", "input_2ch"}) {
            Map<String, Object> e = map(errors.get(key));
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                    () -> model.call(Torch.zeros(longs(e.get("shape")), DType.FLOAT64)));
            assertEquals(e.get("message"), thrown.getMessage());
        }
        Map<String, Object> e = map(errors.get("activate"));
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> new ConvTasNet(2, 16, 512, 3, 128, 512, 8, 3, (String) e.get("msk_activate")));
        assertEquals(e.get("message"), thrown.getMessage());
    }
}
