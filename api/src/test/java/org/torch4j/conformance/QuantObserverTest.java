package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.torch4j.conformance.QuantCases.list;
import static org.torch4j.conformance.QuantCases.map;
import static org.torch4j.conformance.QuantCases.message;
import static org.torch4j.conformance.QuantCases.objects;
import static org.torch4j.conformance.QuantCases.qdtype;
import static org.torch4j.conformance.QuantCases.qscheme;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.quantization.FakeQuantize;
import org.torch4j.quantization.HistogramObserver;
import org.torch4j.quantization.MinMaxObserver;
import org.torch4j.quantization.MovingAverageMinMaxObserver;
import org.torch4j.quantization.MovingAveragePerChannelMinMaxObserver;
import org.torch4j.quantization.ObserverBase;
import org.torch4j.quantization.PerChannelMinMaxObserver;
import org.torch4j.quantization.QConfigs;
import org.torch4j.quantization.QDType;
import org.torch4j.quantization.QParams;
import org.torch4j.quantization.QScheme;
import org.torch4j.quantization.UniformQuantizationObserverBase;

/**
 * Observers and {@link FakeQuantize} against PyTorch 1.13 ({@code quant.json}): running min/max (and moving
 * averages, per channel), the histogram observer's merged histograms and {@code _non_linear_param_search}, the
 * scales and zero points of every scheme (affine, symmetric, float qparams, reduced and custom ranges, eps), state
 * dict keys and values, reprs, the fake-quantize modules of {@code QConfigs} with their observer and fake-quant
 * switches (outputs and gradients), and PyTorch's messages.
 */
class QuantObserverTest {

    private static Object get(Map<String, Object> kw, String key, Object dflt) {
        return kw.containsKey(key) ? kw.get(key) : dflt;
    }

    /** An observer from the generator's class name and keyword arguments. */
    static ObserverBase observer(String name, Map<String, Object> kw) {
        QDType dtype = qdtype((String) get(kw, "dtype", "quint8"));
        boolean perChannel = name.contains("PerChannel");
        QScheme qs = qscheme((String) get(kw, "qscheme", perChannel ? "per_channel_affine" : "per_tensor_affine"));
        boolean reduce = (Boolean) get(kw, "reduce_range", false);
        Long qmin = kw.containsKey("quant_min") ? ((Number) kw.get("quant_min")).longValue() : null;
        Long qmax = kw.containsKey("quant_max") ? ((Number) kw.get("quant_max")).longValue() : null;
        double eps = ((Number) get(kw, "eps", MinMaxObserver.DEFAULT_EPS)).doubleValue();
        double c = ((Number) get(kw, "averaging_constant", 0.01)).doubleValue();
        int axis = ((Number) get(kw, "ch_axis", 0)).intValue();
        return switch (name) {
            case "MinMaxObserver" -> new MinMaxObserver(dtype, qs, reduce, qmin, qmax, eps);
            case "MovingAverageMinMaxObserver" -> new MovingAverageMinMaxObserver(c, dtype, qs, reduce, qmin, qmax, eps);
            case "PerChannelMinMaxObserver" -> new PerChannelMinMaxObserver(axis, dtype, qs, reduce, qmin, qmax, eps);
            case "MovingAveragePerChannelMinMaxObserver" -> new MovingAveragePerChannelMinMaxObserver(c, axis, dtype, qs, reduce, qmin, qmax, eps);
            case "HistogramObserver" -> new HistogramObserver(((Number) get(kw, "bins", 2048)).intValue(),
                    ((Number) get(kw, "upsample_rate", 128)).intValue(), dtype, qs, reduce, qmin, qmax, eps);
            default -> throw new IllegalArgumentException(name);
        };
    }

    @Test
    void observersMatchPyTorch() {
        for (Map<String, Object> c : list("observers")) {
            String name = (String) c.get("class");
            Map<String, Object> kw = map(c.get("kwargs"));
            String ctx = name + kw;
            ObserverBase obs = observer(name, kw);
            assertEquals(((Number) c.get("quant_min")).longValue(), obs.quantMin(), ctx);
            assertEquals(((Number) c.get("quant_max")).longValue(), obs.quantMax(), ctx);
            List<Object> batches = objects(c.get("batches")), steps = objects(c.get("steps"));
            for (int i = 0; i < batches.size(); i++) {
                Map<String, Object> step = map(steps.get(i));
                String sctx = ctx + " step " + i;
                obs.call(Reference.tensor(batches.get(i)));
                Map<String, Tensor> state = obs.stateDict();
                Reference.assertTensor(step.get("min_val"), state.get("min_val"), 0, 0, sctx + " min_val");
                Reference.assertTensor(step.get("max_val"), state.get("max_val"), 0, 0, sctx + " max_val");
                if (step.containsKey("histogram_sum")) {
                    assertEquals(((Number) step.get("histogram_sum")).doubleValue(), state.get("histogram").sum().item(), 1e-3, sctx + " histogram");
                }
                QParams qp = obs.calculateQparams();
                Reference.assertTensor(step.get("scale"), qp.scale(), 0, 0, sctx + " scale");
                Reference.assertTensor(step.get("zero_point"), qp.zeroPoint(), 0, 0, sctx + " zero_point");
            }
            assertEquals(c.get("state_keys"), new ArrayList<>(obs.stateDict().keySet()), ctx + " state keys");
            if (c.get("repr") != null) assertEquals(c.get("repr"), obs.toString(), ctx + " repr");
        }
    }

    private static FakeQuantize fakeQuantize(String name) {
        return switch (name) {
            case "default_fake_quant" -> QConfigs.defaultFakeQuant();
            case "default_weight_fake_quant" -> QConfigs.defaultWeightFakeQuant();
            case "default_per_channel_weight_fake_quant" -> QConfigs.defaultPerChannelWeightFakeQuant();
            case "default_histogram_fake_quant" -> QConfigs.defaultHistogramFakeQuant();
            case "default_dynamic_fake_quant" -> QConfigs.defaultDynamicFakeQuant();
            case "default_embedding_fake_quant" -> QConfigs.defaultEmbeddingFakeQuant();
            default -> throw new IllegalArgumentException(name);
        };
    }

    @Test
    void fakeQuantizeModulesMatchPyTorch() {
        for (Map<String, Object> c : list("fake_quantize")) {
            String name = (String) c.get("name");
            FakeQuantize fq = fakeQuantize(name);
            assertEquals(((Number) c.get("quant_min")).longValue(), fq.quantMin(), name);
            assertEquals(((Number) c.get("quant_max")).longValue(), fq.quantMax(), name);
            List<Object> steps = objects(c.get("steps"));
            for (int i = 0; i < steps.size(); i++) {
                Map<String, Object> s = map(steps.get(i));
                String ctx = name + " step " + i;
                if (i == 2) fq.disableObserver();
                if (i == 3) {
                    fq.enableObserver();
                    fq.disableFakeQuant();
                }
                Tensor x = Reference.tensor(s.get("x")).requiresGrad_();
                Tensor y = fq.call(x);
                y.mul(Reference.tensor(s.get("w"))).sum().backward();
                Reference.assertTensor(s.get("out"), y, 0, 0, ctx + " out");
                Reference.assertTensor(s.get("grad"), x.grad(), 0, 0, ctx + " grad");
                Map<String, Object> expected = map(s.get("state"));
                Map<String, Tensor> state = fq.stateDict();
                assertEquals(new ArrayList<>(expected.keySet()).stream().sorted().toList(), state.keySet().stream().sorted().toList(), ctx + " keys");
                for (Map.Entry<String, Object> e : expected.entrySet()) {
                    Reference.assertTensor(e.getValue(), state.get(e.getKey()), 0, 0, ctx + " " + e.getKey());
                }
            }
            assertEquals(c.get("repr"), fq.toString(), name + " repr");
        }
    }

    @Test
    void stateDictKeysInPyTorchsOrder() {
        FakeQuantize fq = QConfigs.defaultFakeQuant();
        assertEquals(List.of("fake_quant_enabled", "observer_enabled", "scale", "zero_point", "activation_post_process.eps",
                "activation_post_process.min_val", "activation_post_process.max_val"), new ArrayList<>(fq.stateDict().keySet()));
        // before any observation: PyTorch's default parameters
        QParams qp = ((UniformQuantizationObserverBase) fq.activationPostProcess()).calculateQparams();
        assertEquals(1.0, qp.scale().item());
        assertEquals(0, qp.zeroPoint().itemLong());
    }

    private static void assertMessage(String key, Supplier<Object> f) {
        RuntimeException e = assertThrows(RuntimeException.class, f::get, key);
        assertEquals(message(key), e.getMessage(), key);
    }

    @Test
    void messagesAsPyTorch() {
        double eps = MinMaxObserver.DEFAULT_EPS;
        assertMessage("minmax_qscheme", () -> new MinMaxObserver(QDType.QUINT8, QScheme.PER_CHANNEL_AFFINE, false, null, null, eps));
        assertMessage("symmetric_reduce_range", () -> new MinMaxObserver(QDType.QUINT8, QScheme.PER_TENSOR_SYMMETRIC, true, null, null, eps));
        assertMessage("range_include_zero", () -> new MinMaxObserver(QDType.QUINT8, QScheme.PER_TENSOR_AFFINE, false, 1L, 5L, eps));
        assertMessage("range_strict", () -> new MinMaxObserver(QDType.QUINT8, QScheme.PER_TENSOR_AFFINE, false, 0L, 0L, eps));
        assertMessage("range_bits", () -> new MinMaxObserver(QDType.QINT8, QScheme.PER_TENSOR_AFFINE, false, -200L, 100L, eps));
        assertMessage("per_channel_qscheme", () -> new PerChannelMinMaxObserver(0, QDType.QUINT8, QScheme.PER_TENSOR_AFFINE, false, null, null, eps));
        assertMessage("histogram_qscheme",
                () -> new HistogramObserver(2048, 128, QDType.QUINT8, QScheme.PER_CHANNEL_AFFINE, false, null, null, eps));
        assertMessage("fake_quantize_min_max", () -> FakeQuantize.withRange((lo, hi) -> new MovingAverageMinMaxObserver(), QDType.QUINT8, 10, 5));
        assertMessage("fake_quantize_bound", () -> FakeQuantize.withRange((lo, hi) -> new MovingAverageMinMaxObserver(), QDType.QUINT8, -1, 5));
    }

    /** A channel axis the input lacks failed inside (found by fuzzing); a negative one counts from the end, as PyTorch's list index. */
    @Test
    void channelAxisIsCheckedAndMayCountFromTheEnd() {
        double eps = MinMaxObserver.DEFAULT_EPS;
        assertEquals("ch_axis 0 is out of range for an input of 0 dimensions",
                assertThrows(IndexOutOfBoundsException.class, () -> new PerChannelMinMaxObserver().forward(Torch.tensor(2.0))).getMessage());
        Tensor x = Torch.tensor(new float[] {1, -2, 3, 4, 0, -6}, 2, 3);
        PerChannelMinMaxObserver last = new PerChannelMinMaxObserver(-1, QDType.QUINT8, QScheme.PER_CHANNEL_AFFINE, false, null, null, eps);
        last.forward(x);
        assertEquals(List.of(1.0, -2.0, -6.0), List.of(last.minVal().get(0).item(), last.minVal().get(1).item(), last.minVal().get(2).item()));
    }
}
