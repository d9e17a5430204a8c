package org.torch4j.onnx.export;

import static org.torch4j.onnx.export.ExportLayersTest.fn;
import static org.torch4j.onnx.export.ExportLayersTest.layer;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.*;
import org.torch4j.nn.Module;

/**
 * The nn modules added after the first nn issue (activations, cells, padding, 3-d pooling, normalisation,
 * shuffles, similarity) exported at batch 2 and run in ONNX Runtime at batch 2 and 5, then read back with
 * Onnx.load, as {@link ExportLayersTest} does for the first ones.
 */
class ExportExtraLayersTest {

    static Stream<ExportLayersTest.Case> cases() {
        return Stream.of(
                layer("PReLU", () -> new PReLU(3, 0.2), 3, 5),
                layer("PReLUShared", PReLU::new, 3, 5),
                layer("SELU", SELU::new, 6),
                layer("CELU", () -> new CELU(0.7), 6),
                layer("GLU", () -> new GLU(1), 8),
                layer("Softmin", () -> new Softmin(1), 6),
                layer("Softsign", Softsign::new, 6),
                layer("Hardshrink", () -> new Hardshrink(0.4), 6),
                layer("Softshrink", () -> new Softshrink(0.3), 6),
                layer("Tanhshrink", Tanhshrink::new, 6),
                layer("Threshold", () -> new Threshold(0.1, -2.0), 6),
                layer("LogSigmoid", LogSigmoid::new, 6),
                layer("ReLU6", ReLU6::new, 6),
                layer("Hardtanh", () -> new Hardtanh(-0.5, 0.75), 6),
                layer("Softmax2d", Softmax2d::new, 3, 4, 4),
                layer("LocalResponseNorm", () -> new LocalResponseNorm(3, 1e-3, 0.75, 2.0), 5, 4, 4),
                fn("CosineSimilarity", CosineSimilarity::new, b -> List.of(Torch.randn(b, 6), Torch.randn(b, 6)),
                        (m, xs) -> List.of(((CosineSimilarity) m).forward(xs.get(0), xs.get(1))), 0),
                fn("PairwiseDistance", () -> new PairwiseDistance(3.0, 1e-6, true), b -> List.of(Torch.randn(b, 6), Torch.randn(b, 6)),
                        (m, xs) -> List.of(((PairwiseDistance) m).forward(xs.get(0), xs.get(1))), 0),
                layer("PixelShuffle", () -> new PixelShuffle(2), 8, 3, 3),
                layer("PixelUnshuffle", () -> new PixelUnshuffle(2), 2, 4, 6),
                layer("ChannelShuffle", () -> new ChannelShuffle(3), 6, 2, 2),
                fn("RNNCell", () -> new RNNCell(5, 4, true, "relu"), b -> List.of(Torch.randn(b, 5), Torch.randn(b, 4)),
                        (m, xs) -> List.of(((RNNCell) m).forward(xs.get(0), xs.get(1))), 0),
                fn("LSTMCell", () -> new LSTMCell(5, 4), b -> List.of(Torch.randn(b, 5), Torch.randn(b, 4), Torch.randn(b, 4)),
                        (m, xs) -> {
                            LSTM.State s = ((LSTMCell) m).forward(xs.get(0), new LSTM.State(xs.get(1), xs.get(2)));
                            return List.of(s.h(), s.c());
                        }, 0),
                fn("GRUCell", () -> new GRUCell(5, 4), b -> List.of(Torch.randn(b, 5), Torch.randn(b, 4)),
                        (m, xs) -> List.of(((GRUCell) m).forward(xs.get(0), xs.get(1))), 0),
                layer("ConstantPad1d", () -> new ConstantPad1d(new long[] {1, 2}, 0.5), 3, 5),
                layer("ConstantPad3d", () -> new ConstantPad3d(1, -1.0), 2, 3, 3, 3),
                layer("ReflectionPad1d", () -> new ReflectionPad1d(2, 1), 3, 5),
                layer("ReflectionPad2d", () -> new ReflectionPad2d(1, 2, 2, 1), 2, 4, 5),
                layer("ReplicationPad1d", () -> new ReplicationPad1d(2), 3, 5),
                layer("ReplicationPad3d", () -> new ReplicationPad3d(1), 2, 3, 3, 3),
                layer("ZeroPad2d", () -> new ZeroPad2d(1, 0, 2, 1), 2, 3, 3),
                layer("Unfold", () -> new Unfold(new long[] {2, 3}, new long[] {1, 1}, new long[] {1, 0}, new long[] {1, 2}), 3, 5, 7),
                layer("Fold", () -> new Fold(new long[] {4, 5}, new long[] {2, 2}), 12, 12),
                layer("MaxPool3d", () -> new MaxPool3d(new long[] {2, 2, 2}, new long[] {2, 1, 2}, new long[] {1, 0, 1},
                        new long[] {1, 1, 1}, false), 2, 5, 6, 5),
                layer("AvgPool3d", () -> new AvgPool3d(new long[] {2, 3, 2}, new long[] {2, 2, 1}, new long[] {1, 1, 0}, false, false, null),
                        2, 5, 6, 5),
                layer("AdaptiveAvgPool3d", () -> new AdaptiveAvgPool3d(1, 1, 1), 3, 4, 5, 6),
                layer("AdaptiveMaxPool1dDivisible", () -> new AdaptiveMaxPool1d(4), 3, 8),
                layer("LPPool1d", () -> new LPPool1d(2.0, 3, 2L, false), 3, 9),
                layer("LPPool2d", () -> new LPPool2d(3.0, new long[] {2, 2}, new long[] {2, 1}, false), 3, 6, 5),
                fn("MaxUnpool2d", () -> new MaxUnpool2d(2), b -> {
                            var pooled = org.torch4j.nn.F.maxPool2dWithIndices(Torch.randn(b, 3, 4, 6), new long[] {2, 2}, new long[] {2, 2},
                                    new long[] {0, 0}, new long[] {1, 1}, false);
                            return List.of(pooled.values(), pooled.indices());
                        }, (m, xs) -> List.of(((MaxUnpool2d) m).forward(xs.get(0), xs.get(1))), 0),
                layer("BatchNorm3d", () -> evaluatingBatchNorm(new BatchNorm3d(3)), 3, 2, 3, 2),
                layer("InstanceNorm1d", () -> new InstanceNorm1d(4, 1e-5, 0.1, true, false), 4, 7),
                layer("InstanceNorm3d", () -> new InstanceNorm3d(2), 2, 3, 3, 4),
                // the spatial ops and options added later
                fn("GridSampleBilinearZeros", ExportLayersTest::none, b -> List.of(Torch.randn(b, 3, 5, 6), Torch.rand(b, 4, 7, 2).mul(2.4).sub(1.2)),
                        (m, xs) -> List.of(F.gridSample(xs.get(0), xs.get(1))), 0),
                fn("GridSampleNearestBorderCorners", ExportLayersTest::none, b -> List.of(Torch.randn(b, 2, 5, 6), Torch.rand(b, 4, 3, 2).mul(2.4).sub(1.2)),
                        (m, xs) -> List.of(F.gridSample(xs.get(0), xs.get(1), "nearest", "border", true)), 0),
                fn("GridSampleBicubicReflection", ExportLayersTest::none, b -> List.of(Torch.randn(b, 2, 5, 6), Torch.rand(b, 4, 3, 2).mul(2.4).sub(1.2)),
                        (m, xs) -> List.of(F.gridSample(xs.get(0), xs.get(1), "bicubic", "reflection", false)), 0),
                fn("AffineGrid", ExportLayersTest::none, b -> List.of(Torch.randn(b, 2, 3)),
                        (m, xs) -> List.of(F.affineGrid(xs.get(0), new long[] {xs.get(0).size(0), 3, 4, 5}, false)), 0),
                fn("AffineGrid3dCorners", ExportLayersTest::none, b -> List.of(Torch.randn(b, 3, 4)),
                        (m, xs) -> List.of(F.affineGrid(xs.get(0), new long[] {xs.get(0).size(0), 1, 2, 3, 4}, true)), 0),
                layer("UpsampleBicubic", () -> new Upsample(new long[] {7, 9}, null, "bicubic", false), 3, 4, 5),
                layer("UpsampleBicubicScale", () -> new Upsample(2.0, "bicubic"), 3, 4, 5),
                layer("UpsampleNearestExact", () -> new Upsample(new long[] {7, 9}, null, "nearest-exact", null), 3, 4, 5),
                layer("UpsampleNearestExactScale", () -> new Upsample(2.0, "nearest-exact"), 3, 4, 5),
                fn("InterpolateArea", ExportLayersTest::none, b -> List.of(Torch.randn(b, 3, 8, 6)),
                        (m, xs) -> List.of(F.interpolate(xs.get(0), new long[] {4, 3}, "area")), 0),
                fn("InterpolateRecomputeScale", ExportLayersTest::none, b -> List.of(Torch.randn(b, 3, 5, 6)),
                        (m, xs) -> List.of(F.interpolate(xs.get(0), null, new double[] {1.7}, "bilinear", false, true)), 0),
                layer("UpsamplingBilinear2d", () -> new UpsamplingBilinear2d(2.0), 2, 3, 4),
                layer("ConvTranspose3d", () -> new ConvTranspose3d(2, 3, 2, 2), 2, 3, 3, 3),
                layer("AdaptiveMaxPool3d", () -> new AdaptiveMaxPool3d(2, 1, 3), 2, 4, 3, 6),
                fn("MaxUnpool3d", () -> new MaxUnpool3d(2), b -> {
                            var pooled = F.maxPool3dWithIndices(Torch.randn(b, 2, 4, 4, 6), new long[] {2, 2, 2}, new long[] {2, 2, 2},
                                    new long[] {0, 0, 0}, new long[] {1, 1, 1}, false);
                            return List.of(pooled.values(), pooled.indices());
                        }, (m, xs) -> List.of(((MaxUnpool3d) m).forward(xs.get(0), xs.get(1))), 0),
                layer("ReflectionPad3d", () -> new ReflectionPad3d(1), 2, 3, 3, 4),
                layer("RReLUEval", () -> evaluating(new RReLU(0.1, 0.3)), 6),
                layer("Dropout1dEval", () -> evaluating(new Dropout1d(0.5)), 3, 5),
                layer("AlphaDropoutEval", () -> evaluating(new AlphaDropout(0.5)), 6));
    }

    /** A module in eval mode, as exported for inference. */
    private static Module evaluating(Module m) {
        m.eval();
        return m;
    }

    /** A batch norm with non-trivial running statistics, in eval mode (as exported for inference). */
    private static Module evaluatingBatchNorm(BatchNorm3d bn) {
        bn.call(Torch.randn(4, 3, 2, 3, 2).mul(2.0).add(1.0));
        bn.eval();
        return bn;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void exportsAndRunsInOrtAtAnotherBatch(ExportLayersTest.Case c, @TempDir Path dir) throws Exception {
        ExportLayersTest.check(c, dir);
    }
}
