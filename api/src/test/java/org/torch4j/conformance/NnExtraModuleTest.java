package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.*;
import org.torch4j.nn.Module;

/**
 * The reprs and state_dict keys of the later nn modules that have no layer case (the parameter
 * containers, other constructor forms), and PyTorch's error (type and wording) for the obvious bad
 * inputs of the later modules and functions ({@code reference/nn/modules_extra.json}, written by
 * {@code extra_module_cases} in {@code tools/gen_nn_reference.py}).
 */
class NnExtraModuleTest {

    /** A module holding a ParameterList and a Linear, as the generator's {@code Holder}. */
    static final class Holder extends Module {
        Holder(ParameterList ps) {
            registerModule("ps", ps);
            registerModule("lin", new Linear(2, 2));
        }
    }

    private static ParameterList parameterList() {
        return new ParameterList(Torch.zeros(2), Torch.zeros(new long[] {3, 4}, DType.FLOAT64), Torch.zeros(new long[0]));
    }

    private static Module module(String key) {
        return switch (key) {
            case "parameter_list" -> parameterList();
            case "parameter_dict" -> {
                Map<String, Tensor> m = new TreeMap<>((a, b) -> b.compareTo(a));   // any unordered map is sorted, as a dict
                m.put("b", Torch.zeros(2));
                m.put("a", Torch.zeros(3, 4));
                yield new ParameterDict(m);
            }
            case "parameter_dict_ordered" -> {
                Map<String, Tensor> m = new LinkedHashMap<>();   // insertion order, as an OrderedDict
                m.put("y", Torch.zeros(1));
                m.put("x", Torch.zeros(2, 1));
                yield new ParameterDict(m);
            }
            case "parameter_list_empty" -> new ParameterList();
            case "holder" -> new Holder(parameterList());
            case "softmin_none" -> new Softmin();
            case "hardtanh_default" -> new Hardtanh();
            case "prelu_3" -> new PReLU(3, 0.1);
            case "celu" -> new CELU();
            case "threshold" -> new Threshold(0.1, 20.0);
            case "hardshrink" -> new Hardshrink();
            case "lrn" -> new LocalResponseNorm(2);
            case "rnn_cell_relu_nobias" -> new RNNCell(3, 4, false, "relu");
            case "lstm_cell_nobias" -> new LSTMCell(3, 4, false);
            case "gru_cell" -> new GRUCell(3, 4);
            case "lppool2d_float" -> new LPPool2d(1.5, new long[] {2, 3}, new long[] {1}, true);
            case "lppool1d" -> new LPPool1d(2, 3);
            case "max_unpool2d_rect" -> new MaxUnpool2d(new long[] {2, 3}, new long[] {1}, new long[] {0, 1});
            case "max_unpool1d" -> new MaxUnpool1d(2, 1, 1);
            case "zero_pad2d_last_dim" -> new ZeroPad2d(1, 2);
            case "constant_pad3d_int" -> new ConstantPad3d(1, 2.5);
            case "avgpool3d_all" -> new AvgPool3d(new long[] {2}, new long[] {1}, new long[] {1}, true, false, 3L);
            case "adaptive_avgpool3d_none" -> new AdaptiveAvgPool3d(2, -1, 3);
            case "unfold_int" -> new Unfold(2);
            case "multi_margin_weight" -> new MultiMarginLoss(2, 0.5, Torch.ones(3), Reduction.MEAN);
            case "multilabel_soft_margin_weight" -> new MultiLabelSoftMarginLoss(Torch.ones(3), Reduction.MEAN);
            case "batchnorm3d" -> new BatchNorm3d(3);
            case "instancenorm3d_affine" -> new InstanceNorm3d(2, 1e-5, 0.1, true, false);
            default -> throw new IllegalArgumentException("unknown module " + key);
        };
    }

    private static Tensor z(long... shape) {
        return Torch.zeros(shape);
    }

    private static Tensor longs(long[] data, long... shape) {
        return Torch.tensor(data, shape);
    }

    private static Executable error(String key) {
        return switch (key) {
            case "softshrink_negative" -> () -> F.softshrink(z(2), -1.0);
            case "glu_scalar" -> () -> F.glu(Torch.scalarTensor(1.0));
            case "glu_odd" -> () -> F.glu(z(2, 3), 1);
            case "glu_dim" -> () -> F.glu(z(4, 2), 2);
            case "prelu_mismatch" -> () -> F.prelu(z(2, 3), z(2));
            case "prelu_scalar" -> () -> F.prelu(Torch.scalarTensor(1.0), z(3));
            case "prelu_1d_channels" -> () -> F.prelu(z(3), z(3));
            case "softmax2d_rank" -> () -> new Softmax2d().call(z(2, 3));
            case "pixel_shuffle_channels" -> () -> F.pixelShuffle(z(1, 3, 2, 2), 2);
            case "pixel_shuffle_rank" -> () -> F.pixelShuffle(z(3, 2), 2);
            case "pixel_shuffle_factor" -> () -> F.pixelShuffle(z(1, 8, 2, 2), 0);
            case "pixel_unshuffle_height" -> () -> F.pixelUnshuffle(z(1, 3, 3, 2), 2);
            case "pixel_unshuffle_width" -> () -> F.pixelUnshuffle(z(1, 3, 4, 3), 2);
            case "channel_shuffle_rank" -> () -> F.channelShuffle(z(2, 4), 2);
            case "channel_shuffle_groups" -> () -> F.channelShuffle(z(2, 4, 3), 0);
            case "channel_shuffle_divisible" -> () -> F.channelShuffle(z(2, 3, 2), 2);
            case "local_response_norm_rank" -> () -> F.localResponseNorm(z(2, 3), 2);
            case "cosine_similarity_shapes" -> () -> F.cosineSimilarity(z(2, 3), z(2, 4));
            case "cosine_similarity_dim" -> () -> F.cosineSimilarity(z(2, 3), z(2, 3), 2, 1e-8);
            case "pairwise_distance_shapes" -> () -> F.pairwiseDistance(z(2, 3), z(2, 4));
            case "normalize_dim" -> () -> F.normalize(z(2, 3), 2.0, 2, 1e-12);
            case "rnn_cell_rank" -> () -> new RNNCell(3, 4).call(z(2, 2, 3), null);
            case "lstm_cell_input_size" -> () -> new LSTMCell(3, 4).call(z(2, 5), null);
            case "gru_cell_hidden_size" -> () -> new GRUCell(3, 4).call(z(2, 3), z(2, 5));
            case "gru_cell_batch" -> () -> new GRUCell(3, 4).call(z(2, 3), z(3, 4));
            case "lstm_cell_unbatched_state" -> () -> new LSTMCell(3, 4).call(z(3), new LSTM.State(z(1, 4), z(1, 4)));
            case "rnn_cell_nonlinearity" -> () -> new RNNCell(3, 4, true, "foo").call(z(2, 3), null);
            case "multi_margin_p" -> () -> new MultiMarginLoss(3, 1.0, null, Reduction.MEAN);
            case "multi_margin_target_range" -> () -> F.multiMarginLoss(z(2, 3), longs(new long[] {0, 3}, 2), 1, 1.0, null,
                    Reduction.MEAN);
            case "multi_margin_target_size" -> () -> F.multiMarginLoss(z(2, 3), longs(new long[] {0, 1, 2}, 3), 1, 1.0, null,
                    Reduction.MEAN);
            case "multi_margin_rank" -> () -> F.multiMarginLoss(z(2, 3, 2), longs(new long[] {0, 1}, 2), 1, 1.0, null, Reduction.MEAN);
            case "multi_margin_weight_rank" -> () -> F.multiMarginLoss(z(2, 3), longs(new long[] {0, 1}, 2), 1, 1.0, Torch.ones(2, 2),
                    Reduction.MEAN);
            case "multilabel_margin_range" -> () -> F.multilabelMarginLoss(z(2, 3), longs(new long[] {0, 3, -1, 0, 1, 2}, 2, 3),
                    Reduction.MEAN);
            case "multilabel_margin_size" -> () -> F.multilabelMarginLoss(z(2, 3), longs(new long[] {0, 1, 0, 1}, 2, 2), Reduction.MEAN);
            case "gaussian_nll_var_size" -> () -> F.gaussianNllLoss(z(2, 3), z(2, 3), Torch.ones(3, 3), false, 1e-6, Reduction.MEAN);
            case "gaussian_nll_var_negative" -> () -> F.gaussianNllLoss(z(2, 3), z(2, 3), Torch.ones(2, 3).neg(), false, 1e-6,
                    Reduction.MEAN);
            case "triplet_margin_dims" -> () -> F.tripletMarginLoss(z(2, 3), z(2, 3), z(3), 1.0, 2.0, 1e-6, false, Reduction.MEAN);
            case "soft_margin_shapes" -> () -> F.softMarginLoss(z(2, 3), z(2, 4), Reduction.MEAN);
            case "max_unpool_shape" -> () -> F.maxUnpool2d(z(1, 1, 2, 2), Torch.zeros(new long[] {1, 1, 2, 3}, DType.INT64),
                    new long[] {2}, null, new long[] {0}, null);
            case "max_unpool_index" -> () -> F.maxUnpool2d(z(1, 1, 2, 2), Torch.full(new long[] {1, 1, 2, 2}, 20L, DType.INT64,
                    org.torch4j.Device.CPU), new long[] {2}, null, new long[] {0}, null);
            case "max_unpool1d_index" -> () -> F.maxUnpool1d(z(1, 1, 2), Torch.full(new long[] {1, 1, 2}, 7L, DType.INT64,
                    org.torch4j.Device.CPU), 2, 2, 0, null);
            case "max_unpool_dtype" -> () -> F.maxUnpool2d(z(1, 1, 2, 2), z(1, 1, 2, 2), new long[] {2}, null, new long[] {0}, null);
            case "adaptive_max_pool1d_rank" -> () -> F.adaptiveMaxPool1d(z(2, 3, 4, 5), 2);
            case "batchnorm3d_rank" -> () -> new BatchNorm3d(3).call(z(2, 3, 4, 4));
            case "instancenorm1d_rank" -> () -> new InstanceNorm1d(3).call(z(2, 3, 4, 4));
            case "instancenorm3d_rank" -> () -> new InstanceNorm3d(3).call(z(2, 3, 4));
            case "instancenorm_weight_size" -> () -> new InstanceNorm1d(3, 1e-5, 0.1, true, false).call(z(2, 4, 5));
            case "zero_pad2d_odd" -> () -> new ZeroPad2d(1, 2, 3).call(z(1, 2, 2));
            case "replication_pad3d_rank" -> () -> new ReplicationPad3d(1).call(z(2, 2));
            default -> throw new IllegalArgumentException("unknown error case " + key);
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> file() {
        return (Map<String, Object>) Reference.load("nn/modules_extra.json");
    }

    @TestFactory
    Stream<DynamicTest> reprsAndKeys() {
        return NnReference.reprsAndKeys(file(), k -> module(k));
    }

    @TestFactory
    Stream<DynamicTest> errors() {
        return NnReference.errors(file(), k -> error(k));
    }


    /** Every later module class that takes parameters keeps them after a bad call: the error comes before any change. */
    @TestFactory
    Stream<DynamicTest> badInputLeavesStateAlone() {
        List<Supplier<Module>> makers = List.of(() -> new PReLU(3, 0.1), () -> new GRUCell(3, 4), () -> new InstanceNorm1d(3, 1e-5, 0.1, true, true));
        return makers.stream().map(make -> DynamicTest.dynamicTest(make.get().getClass().getSimpleName(), () -> {
            Torch.manualSeed(0);
            Module m = make.get();
            Map<String, Tensor> before = new LinkedHashMap<>();
            m.stateDict().forEach((k, v) -> before.put(k, v.clone()));
            assertThrows(IllegalArgumentException.class, () -> m.call(z(2, 5, 7, 1, 1)));
            m.stateDict().forEach((k, v) -> assertEquals(0.0, v.toDouble().sub(before.get(k).toDouble()).abs().sum().item(), 0.0, k));
        }));
    }
}
