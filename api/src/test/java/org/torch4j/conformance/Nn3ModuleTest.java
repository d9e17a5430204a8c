package org.torch4j.conformance;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.nn.FractionalMaxPool2d;
import org.torch4j.nn.Fusion;
import org.torch4j.nn.FractionalMaxPool3d;
import org.torch4j.nn.AdaptiveLogSoftmaxWithLoss;
import org.torch4j.nn.BatchNorm1d;
import org.torch4j.nn.LazyBatchNorm1d;
import org.torch4j.nn.LazyConv2d;
import org.torch4j.nn.LazyConvTranspose1d;
import org.torch4j.nn.LazyLinear;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parametrizations;
import org.torch4j.nn.Parametrize;
import org.torch4j.nn.Prune;

/**
 * The third round of nn modules and utilities beyond their layer cases: reprs and state_dict keys, and
 * PyTorch's error (type and wording) for each bad input ({@code reference/nn/nn3_modules.json}, written by
 * {@code tools/gen_nn3_reference.py}).
 */
class Nn3ModuleTest {

    @SuppressWarnings("unchecked")
    static Map<String, Object> file() {
        return (Map<String, Object>) Reference.load("nn/nn3_modules.json");
    }

    private static Module module(String key) {
        return switch (key) {
            case "fmp2d" -> FractionalMaxPool2d.ofSize(new long[] {2}, 3);
            case "fmp3d" -> FractionalMaxPool3d.ofRatio(new long[] {2, 1, 2}, 0.5);
            default -> throw new IllegalArgumentException("unknown module " + key);
        };
    }

    private static Tensor z(long... shape) {
        return Torch.zeros(shape);
    }

    private static Tensor u(long... shape) {
        return Torch.full(shape, 0.5);
    }

    private static final long[] K2 = {2}, K3 = {3}, ONE = {1}, ZERO = {0};

    private static Executable error(String key) {
        Tensor x = z(1, 2, 5, 5);
        return switch (key) {
            case "fmp2d_samples_dtype" -> () -> F.fractionalMaxPool2d(x, K2, new long[] {3}, null, u(1, 2, 2).to(DType.FLOAT64));
            case "fmp2d_pool_too_large" -> () -> F.fractionalMaxPool2d(x, K2, new long[] {5}, null, u(1, 2, 2));
            case "fmp2d_width_too_large" -> () -> F.fractionalMaxPool2d(x, new long[] {1, 3}, new long[] {4}, null, u(1, 2, 2));
            case "fmp2d_no_size" -> () -> F.fractionalMaxPool2d(x, K2, null, null, null);
            case "fmp2d_long" -> () -> F.fractionalMaxPool2d(x.toLong(), K2, new long[] {3}, null, null);
            case "fmp2d_rank" -> () -> F.fractionalMaxPool2d(z(5, 5), K2, new long[] {3}, null, null);
            case "fmp2d_rank_5d" -> () -> F.fractionalMaxPool2d(z(1, 1, 1, 5, 5), K2, new long[] {3}, null, u(1, 1, 2));
            case "fmp2d_empty" -> () -> F.fractionalMaxPool2d(z(1, 0, 4, 4), K2, new long[] {2}, null, u(1, 0, 2));
            case "fmp2d_module_none" -> () -> new FractionalMaxPool2d(K2, null, null, null);
            case "fmp2d_module_both" -> () -> new FractionalMaxPool2d(K2, new long[] {2}, new double[] {0.5}, null);
            case "fmp2d_module_ratio" -> () -> FractionalMaxPool2d.ofRatio(K2, 1.5);
            case "fmp2d_module_ratio_pair" -> () -> FractionalMaxPool2d.ofRatio(K2, 0.5, 1.0);
            case "fmp3d_module_ratio" -> () -> FractionalMaxPool3d.ofRatio(K2, 0.0);
            case "fmp3d_module_none" -> () -> new FractionalMaxPool3d(K2, null, null, null);
            case "fmp3d_time_too_large" -> () -> F.fractionalMaxPool3d(z(1, 1, 4, 4, 4), K2, new long[] {3}, null, u(1, 1, 3));
            case "fmp3d_width_before_height" -> () -> F.fractionalMaxPool3d(z(1, 1, 6, 5, 5), K2, new long[] {4}, null, u(1, 1, 3));
            case "fmp3d_rank" -> () -> F.fractionalMaxPool3d(z(4, 4), K2, new long[] {2}, null, null);
            case "fmp3d_no_size" -> () -> F.fractionalMaxPool3d(z(1, 1, 4, 4, 4), K2, null, null, null);
            case "lazy_into_eager" -> () -> new Linear(5, 3).loadStateDict(new LazyLinear(3).stateDict());
            case "lazy_bn_into_eager" -> () -> new BatchNorm1d(2).loadStateDict(new LazyBatchNorm1d().stateDict());
            case "lazy_conv_groups" -> () -> new LazyConv2d(4, K3, ONE, ZERO, ONE, 2, true, "zeros").call(z(1, 3, 5, 5));
            case "lazy_conv_rank" -> () -> new LazyConv2d(4, K3, ONE, ZERO, ONE, 1, true, "zeros").call(z(2, 2));
            case "lazy_conv_transpose_rank" -> () -> new LazyConvTranspose1d(4, 3, 1).call(z(2, 2, 2, 2));
            case "lazy_linear_scalar" -> () -> new LazyLinear(3).call(z());
            case "lazy_batch_norm_1d_input" -> () -> new LazyBatchNorm1d().call(z(3));
            case "param_unknown_name" -> () -> Parametrize.registerParametrization(chained(), "foo", new Nn3ParametrizeTest.Scale(2));
            case "param_remove_unparametrized" -> () -> Parametrize.removeParametrizations(chained(), "bias");
            case "param_remove_plain" -> () -> Parametrize.removeParametrizations(new Linear(2, 2), "weight");
            case "param_shape" -> () -> Parametrize.registerParametrization(new Linear(3, 4), "weight", new Nn3ParametrizeTest.Row());
            case "param_dtype" -> () -> Parametrize.registerParametrization(new Linear(3, 4), "weight", new Nn3ParametrizeTest.ToDouble());
            case "param_inverse_dtype" -> () -> Parametrize.registerParametrization(new Linear(3, 4), "weight",
                    new Nn3ParametrizeTest.DoubleInverse());
            case "param_append_shape" -> () -> Parametrize.registerParametrization(symmetric(), "weight", new Nn3ParametrizeTest.Row());
            case "param_append_dtype" -> () -> Parametrize.registerParametrization(symmetric(), "weight",
                    new Nn3ParametrizeTest.ToDouble());
            case "param_append_inverse_shape" -> () -> Parametrize.registerParametrization(symmetric(), "weight",
                    new Nn3ParametrizeTest.RowInverse());
            case "param_append_inverse_dtype" -> () -> Parametrize.registerParametrization(symmetric(), "weight",
                    new Nn3ParametrizeTest.DoubleInverse());
            case "param_assign_no_inverse" -> () -> Parametrize.set(Parametrize.registerParametrization(new Linear(3, 3), "weight",
                    new Nn3ParametrizeTest.Exp()), "weight", z(3, 3));
            case "param_symmetric_not_square" -> () -> Parametrize.registerParametrization(new Linear(3, 4), "weight",
                    new Nn3ParametrizeTest.Symmetric());
            case "prune_amount_fraction" -> () -> Prune.l1Unstructured(new Linear(3, 2), "weight", 1.5, null);
            case "prune_amount_negative" -> () -> Prune.randomUnstructured(new Linear(3, 2), "weight", -1);
            case "prune_amount_count" -> () -> Prune.l1Unstructured(new Linear(3, 2), "weight", 7, null);
            case "prune_structured_1d" -> () -> Prune.lnStructured(new Linear(3, 2), "bias", 1, 2, 0, null);
            case "prune_structured_dim" -> () -> Prune.randomStructured(new Linear(3, 2), "weight", 1, 2);
            case "prune_remove_unpruned" -> () -> Prune.remove(new Linear(3, 2), "weight");
            case "prune_global_structured" -> () -> Prune.globalUnstructured(List.of(new Prune.Target(new Linear(3, 2), "weight")),
                    new Prune.RandomStructured(1, 0), null);
            case "sn_iterations" -> () -> Parametrizations.spectralNorm(new Linear(3, 2), "weight", 0, 1e-12, null);
            case "sn_dim" -> () -> Parametrizations.spectralNorm(new Linear(3, 2), "weight", 1, 1e-12, 2);
            case "sn_name" -> () -> Parametrizations.spectralNorm(new Linear(3, 2), "foo", 1, 1e-12, null);
            case "fusion_training" -> () -> Fusion.fuseLinearBnEval(new Linear(3, 2), new BatchNorm1d(2));
            case "asm_cutoffs" -> () -> new AdaptiveLogSoftmaxWithLoss(8, 10, 6, 3);
            case "asm_cutoffs_range" -> () -> new AdaptiveLogSoftmaxWithLoss(8, 10, 3, 10);
            case "asm_target_range" -> () -> new AdaptiveLogSoftmaxWithLoss(4, 10, 3).call(z(2, 4), Torch.tensor(new long[] {1, 12}, 2));
            case "asm_multi_target" -> () -> new AdaptiveLogSoftmaxWithLoss(4, 10, 3).call(z(2, 4), z(2, 2).toLong());
            case "asm_batch" -> () -> new AdaptiveLogSoftmaxWithLoss(4, 10, 3).call(z(2, 4), Torch.tensor(new long[] {1, 2, 3}, 3));
            case "orthogonal_vector" -> () -> Parametrizations.orthogonal(new Linear(3, 2), "bias", null, true);
            case "orthogonal_map" -> () -> Parametrizations.orthogonal(new Linear(3, 2), "weight", "qr", true);
            default -> throw new IllegalArgumentException("unknown error case " + key);
        };
    }

    private static Linear symmetric() {
        return Parametrize.registerParametrization(new Linear(3, 3), "weight", new Nn3ParametrizeTest.Symmetric());
    }

    private static Linear chained() {
        return Parametrize.registerParametrization(symmetric(), "weight", new Nn3ParametrizeTest.Scale(2));
    }

    @TestFactory
    Stream<DynamicTest> reprsAndKeys() {
        return NnReference.reprsAndKeys(file(), Nn3ModuleTest::module);
    }

    @TestFactory
    Stream<DynamicTest> errors() {
        return NnReference.errors(file(), Nn3ModuleTest::error);
    }
}
