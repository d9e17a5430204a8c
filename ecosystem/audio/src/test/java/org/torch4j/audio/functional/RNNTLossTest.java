package org.torch4j.audio.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.audio.AudioReference.assertClose;
import static org.torch4j.audio.AudioReference.list;
import static org.torch4j.audio.AudioReference.longs;
import static org.torch4j.audio.AudioReference.map;
import static org.torch4j.audio.AudioReference.tensor;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.audio.AudioReference;
import org.torch4j.audio.transforms.RNNTLoss;

/**
 * rnnt_loss and RNNTLoss against torchaudio 0.13 (rnnt.json, tools/gen_audio_rnnt_reference.py). float32 logits
 * are torchaudio's own results; its kernel works in float32, this one in float64 and rounds, so they agree to
 * float32's precision (1e-5). torchaudio 0.13 refuses float64 logits, which are accepted here: their reference is
 * the loss by its definition in float64 torch ops (checked against torchaudio's float32 results by the generator),
 * to 1e-9.
 */
class RNNTLossTest {
    private static final Map<String, Object> REF = map(AudioReference.load("rnnt.json").get("rnnt_loss"));

    private static Tensor int32(Object values, long... shape) {
        long[] v = longs(values);
        return Torch.tensor(v, shape.length == 0 ? new long[] {v.length} : shape).to(DType.INT32);
    }

    private static Tensor targets() {
        List<Object> rows = list(REF.get("targets"));
        long[] flat = rows.stream().flatMapToLong(r -> java.util.Arrays.stream(longs(r))).toArray();
        return Torch.tensor(flat, rows.size(), flat.length / rows.size()).to(DType.INT32);
    }

    @Test
    void lossesAndGradientsMatchTorchaudio() {
        Tensor targets = targets(), logitLengths = int32(REF.get("logit_lengths")), targetLengths = int32(REF.get("target_lengths"));
        for (Object o : list(REF.get("cases"))) {
            Map<String, Object> c = map(o);
            for (String dtype : new String[] {"float32", "float64"}) {
                double tol = dtype.equals("float32") ? 1e-5 : 1e-9;
                String what = c.get("name") + " " + dtype;
                Tensor logits = tensor(REF.get("logits")).to(DType.valueOf(dtype.toUpperCase())).requiresGrad_(true);
                Tensor loss = AudioFunctional.rnntLoss(logits, targets, logitLengths, targetLengths, ((Number) c.get("blank")).intValue(),
                        ((Number) c.get("clamp")).doubleValue(), (String) c.get("reduction"));
                Map<String, Object> expected = map(c.get(dtype));
                assertEquals(logits.dtype(), loss.dtype(), what);
                assertEquals(c.get("reduction").equals("none") ? 1 : 0, loss.dim(), what);
                assertClose(loss.reshape(-1), tensor(expected.get("loss")).reshape(-1), tol, tol, what + " loss");
                if (c.get("reduction").equals("none")) {
                    Tensor weights = Torch.tensor(doubles(REF.get("weights")), 3).to(logits.dtype());
                    loss.mul(weights).sum().backward();
                } else {
                    loss.backward();
                }
                assertClose(logits.grad(), tensor(expected.get("grad")), tol, tol, what + " gradient");
            }
        }
    }

    private static double[] doubles(Object values) {
        return list(values).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    @Test
    void moduleIsTheFunction() {
        Tensor targets = targets(), logitLengths = int32(REF.get("logit_lengths")), targetLengths = int32(REF.get("target_lengths"));
        Tensor logits = tensor(REF.get("logits")).to(DType.FLOAT32);
        Map<String, Object> first = map(list(REF.get("cases")).get(0));
        assertClose(new RNNTLoss().call(logits, targets, logitLengths, targetLengths).reshape(-1), tensor(map(first.get("float32")).get("loss")), 1e-5,
                1e-5, "RNNTLoss()");
        Tensor none = new RNNTLoss(0, -1, "none").call(logits, targets, logitLengths, targetLengths);
        assertClose(new RNNTLoss(0, -1, "sum").call(logits, targets, logitLengths, targetLengths), none.sum(), 1e-6, 1e-6, "sum of none");
    }

    @Test
    void gradcheck() {
        Torch.manualSeed(3);
        Tensor logits = Torch.randn(new long[] {2, 3, 3, 4}, DType.FLOAT64).requiresGrad_(true);
        Tensor targets = Torch.tensor(new int[] {1, 2, 3, 0}, 2, 2);
        Tensor logitLengths = Torch.tensor(new int[] {3, 2}, 2), targetLengths = Torch.tensor(new int[] {2, 1}, 2);
        assertTrue(GradCheck.gradcheck(in -> AudioFunctional.rnntLoss(in[0], targets, logitLengths, targetLengths, 0, -1, "none"), logits));
    }

    @Test
    void errorsAreTorchaudios() {
        Map<String, Object> errors = map(REF.get("errors"));
        Tensor logits = tensor(REF.get("logits")).to(DType.FLOAT32);
        Tensor t = targets(), ll = int32(REF.get("logit_lengths")), tl = int32(REF.get("target_lengths"));
        Map<String, Supplier<Tensor>> calls = new java.util.LinkedHashMap<>();
        calls.put("reduction", () -> AudioFunctional.rnntLoss(logits, t, ll, tl, -1, -1, "average"));
        calls.put("logits_int", () -> AudioFunctional.rnntLoss(logits.to(DType.INT64), t, ll, tl));
        calls.put("targets_int64", () -> AudioFunctional.rnntLoss(logits, t.to(DType.INT64), ll, tl));
        calls.put("logit_lengths_int64", () -> AudioFunctional.rnntLoss(logits, t, ll.to(DType.INT64), tl));
        calls.put("target_lengths_int64", () -> AudioFunctional.rnntLoss(logits, t, ll, tl.to(DType.INT64)));
        calls.put("logits_3d", () -> AudioFunctional.rnntLoss(logits.select(0, 0), t, ll, tl));
        calls.put("targets_1d", () -> AudioFunctional.rnntLoss(logits, t.select(0, 0), ll, tl));
        calls.put("logit_lengths_2d", () -> AudioFunctional.rnntLoss(logits, t, ll.unsqueeze(0), tl));
        calls.put("target_lengths_2d", () -> AudioFunctional.rnntLoss(logits, t, ll, tl.unsqueeze(0)));
        calls.put("batch_logit_lengths", () -> AudioFunctional.rnntLoss(logits, t, ll.narrow(0, 0, 2), tl));
        calls.put("batch_target_lengths", () -> AudioFunctional.rnntLoss(logits, t, ll, tl.narrow(0, 0, 2)));
        calls.put("batch_targets", () -> AudioFunctional.rnntLoss(logits, t.narrow(0, 0, 2), ll, tl));
        calls.put("input_length", () -> AudioFunctional.rnntLoss(logits, t, int32(List.of(5, 3, 2)), tl));
        calls.put("output_length", () -> AudioFunctional.rnntLoss(logits, t, ll, int32(List.of(1, 1, 1))));
        calls.put("target_length", () -> AudioFunctional.rnntLoss(logits, t.narrow(1, 0, 1).contiguous(), ll, tl));
        calls.put("blank", () -> AudioFunctional.rnntLoss(logits, t, ll, tl, 5, -1, "mean"));
        calls.put("contiguous", () -> AudioFunctional.rnntLoss(logits.transpose(1, 2).contiguous().transpose(1, 2), t, ll, tl));
        assertEquals(errors.keySet(), calls.keySet());
        calls.forEach((name, call) -> assertEquals(errors.get(name), assertThrows(IllegalArgumentException.class, call::get, name).getMessage(), name));
    }
}
