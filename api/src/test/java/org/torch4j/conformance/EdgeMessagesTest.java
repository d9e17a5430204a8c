package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Bilinear;
import org.torch4j.nn.ConvTranspose1d;
import org.torch4j.nn.Embedding;
import org.torch4j.nn.F;
import org.torch4j.nn.Init;
import org.torch4j.nn.Module;
import org.torch4j.nn.ModuleDict;
import org.torch4j.nn.ModuleList;
import org.torch4j.nn.MultiheadAttention;
import org.torch4j.nn.ParameterList;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.TransformerDecoderLayer;
import org.torch4j.nn.TransformerEncoderLayer;
import org.torch4j.nn.Unflatten;

/**
 * Corner cases found while documenting the API, each with PyTorch 1.13's behaviour and message (taken from
 * Debian's python3-torch): size/stride of a 0-dim tensor, splitting, rolling and unflattening a 0-dim tensor, scatter's and gather's shape checks, topk of 0, masked_fill's value, Kaiming's mode, the transformer
 * layers' activation, attention's key padding mask, adaptive_avg_pool1d's rank, ModuleList's index, pooling windows, convolution and im2col parameters, repeat's negative sizes, empty adaptive max pooling, transposed convolutions' output padding, batch norm's and bilinear's input checks, registered names, convolution and pooling ranks, normalization's affine tensors, convolution bias, embedding_bag's, ctc_loss's and fractional max pooling's arguments, histogram's range, schedulers' periods, dataset indices and split lengths, ldl_solve's pivots, tensorsolve's dims, Unflatten's print form, buffers registered under two names, and odd arguments a fuzzing of the public API found failing inside the library (as_strided's offset, multinomial's count, batch norm over no channels, attention's embedding size, CrossMapLRN2d's size).
 */
class EdgeMessagesTest {

    private static String message(Class<? extends Throwable> kind, Runnable r) {
        return assertThrows(kind, r::run).getMessage();
    }

    @Test
    void zeroDimTensorsHaveNoDimsToMeasure() {
        Tensor x = Torch.tensor(1.0);
        assertEquals("Dimension specified as 0 but tensor has no dimensions", message(IndexOutOfBoundsException.class, () -> x.size(0)));
        assertEquals("Dimension specified as -1 but tensor has no dimensions", message(IndexOutOfBoundsException.class, () -> x.stride(-1)));
        assertEquals(3, Torch.zeros(2, 3).size(-1));
    }

    @Test
    void zeroDimTensorsCannotBeSplit() {
        Tensor x = Torch.tensor(1.5);
        assertEquals("chunk expects at least a 1-dimensional tensor", message(IllegalArgumentException.class, () -> x.chunk(2)));
        assertEquals("split expects at least a 1-dimensional tensor", message(IllegalArgumentException.class, () -> x.split(2)));
        assertEquals("Dimension specified as 0 but tensor has no dimensions", message(IndexOutOfBoundsException.class, () -> x.unbind(-1)));
        assertEquals("Dimension out of range (expected to be in range of [-1, 0], but got 2)",
                message(IndexOutOfBoundsException.class, () -> x.unbind(2)));
    }

    @Test
    void zeroDimTensorsCannotBeRolledOrUnflattened() {
        Tensor x = Torch.tensor(1.5);
        assertEquals("Dimension specified as -1 but tensor has no dimensions",
                message(IndexOutOfBoundsException.class, () -> x.roll(new long[] {1}, new int[] {-1})));
        assertEquals(1.5, x.roll(new long[] {1}, new int[0]).item(), 0.0);   // without dims it rolls the flattened tensor
        assertEquals("unflatten: sizes must be non-empty", message(IllegalArgumentException.class, () -> Torch.zeros(3).unflatten(0)));
        assertEquals("split expects at least a 1-dimensional tensor",
                message(IllegalArgumentException.class, () -> x.splitWithSizes(new long[0], 0)));
    }

    @Test
    void scatterAndGatherNameTheShapesAsPyTorch() {
        Tensor self = Torch.zeros(3, 3), wide = Torch.zeros(new long[] {2, 4}, org.torch4j.DType.INT64);
        Tensor square = Torch.zeros(new long[] {2, 2}, org.torch4j.DType.INT64);
        assertEquals("Expected index [2, 4] to be smaller than self [3, 3] apart from dimension 0",
                message(IllegalArgumentException.class, () -> self.scatter(0, wide, 1.0)));
        assertEquals("Expected index [2, 2] to be smaller than self [3, 3] apart from dimension 0 and to be smaller size than src [1, 2]",
                message(IllegalArgumentException.class, () -> self.scatterAdd(0, square, Torch.zeros(1, 2))));
        assertEquals("Size does not match at dimension 1 expected index [2, 4] to be smaller than self [3, 3] apart from dimension 0",
                message(IllegalArgumentException.class, () -> self.gather(0, wide)));
        // a 0-dim src failed with ArrayIndexOutOfBounds
        assertEquals("Index tensor must have the same number of dimensions as src tensor",
                message(IllegalArgumentException.class, () -> self.scatter(0, square, Torch.tensor(1.5))));
        assertEquals("Expected index [2] to be smaller than self [3] apart from dimension 0 and to be smaller size than src []",
                message(IllegalArgumentException.class, () -> Torch.zeros(3).scatter(0, Torch.zeros(new long[] {2}, org.torch4j.DType.INT64),
                        Torch.tensor(1.0f))));
    }

    @Test
    void zeroDimTensorsFlipAndGatherAsOneElement() {
        // before, each of these failed with ArrayIndexOutOfBounds
        Tensor x = Torch.tensor(1.5);
        assertEquals(1.5, x.flip(-1).item(), 0.0);
        assertEquals("Dimension out of range (expected to be in range of [-1, 0], but got 1)",
                message(IndexOutOfBoundsException.class, () -> x.flip(1)));
        Tensor g = x.gather(0, Torch.tensor(new long[] {0}));
        assertEquals(List.of(1L), java.util.Arrays.stream(g.shape()).boxed().toList());
        assertEquals(1.5, g.item(), 0.0);
        assertEquals(0, x.gather(0, Torch.tensor(0L)).dim());
        assertEquals("Dimension specified as 0 but tensor has no dimensions",
                message(IndexOutOfBoundsException.class, () -> x.unflatten(0, 2, 2)));
        assertEquals("index_copy_(): When source is scalar, index should have one element (got 3)", message(IndexOutOfBoundsException.class,
                () -> Torch.randn(2, 3, 4, 4).indexCopy_(2, Torch.arange(3), Torch.tensor(1.5f))));
    }

    @Test
    void topkOfZeroIsEmpty() {
        // before, k = 0 failed inside the float64 and integer kernels
        for (Tensor x : List.of(Torch.randn(2, 3).toDouble(), Torch.arange(6).reshape(2, 3), Torch.randn(2, 3))) {
            var r = x.topk(0);
            assertEquals(List.of(2L, 0L), java.util.Arrays.stream(r.values().shape()).boxed().toList());
            assertEquals(x.dtype(), r.values().dtype());
            assertEquals(List.of(2L, 0L), java.util.Arrays.stream(r.indices().shape()).boxed().toList());
        }
        var scalar = Torch.tensor(2.0).topk(0);   // PyTorch gives a 0-dim tensor its value back for any k
        assertEquals(2.0, scalar.values().item(), 0.0);
        assertEquals(0.0, scalar.indices().item(), 0.0);
    }

    @Test
    void maskedFillTakesA0DimValue() {
        Tensor x = Torch.zeros(3), mask = Torch.tensor(new boolean[] {true, false, true});
        assertEquals("masked_fill_ only supports a 0-dimensional value tensor, but got tensor with 1 dimension(s).",
                message(IllegalArgumentException.class, () -> x.maskedFill(mask, Torch.tensor(new double[] {1, 2, 3}))));
        // 1.13 lets an integer mask through (and a float one silently fills nothing); torch4j refuses any non-bool mask
        assertEquals("masked_fill_ only supports boolean masks, but got mask with dtype Long",
                message(IllegalArgumentException.class, () -> x.maskedFill(Torch.tensor(new long[] {1, 0, 1}), Torch.tensor(2.0))));
        Reference.assertTensor(Reference.spec(Torch.tensor(new float[] {2, 0, 2})), x.maskedFill(mask, Torch.tensor(2.0)), 0, 0, "filled");
    }

    @Test
    void kaimingRefusesAnUnknownMode() {
        assertEquals("Mode fanout not supported, please use one of ['fan_in', 'fan_out']",
                message(IllegalArgumentException.class, () -> Init.kaimingUniform_(Torch.zeros(3, 3), 0, "fanout", "leaky_relu")));
        assertEquals("Mode fanout not supported, please use one of ['fan_in', 'fan_out']",
                message(IllegalArgumentException.class, () -> Init.kaimingNormal_(Torch.zeros(3, 3), 0, "fanout", "leaky_relu")));
    }

    @Test
    void transformerLayersRefuseAnUnknownActivationAtOnce() {
        assertEquals("activation should be relu/gelu, not tanh",
                message(IllegalArgumentException.class, () -> new TransformerEncoderLayer(8, 2, 16, 0.1, "tanh", 1e-5, false, false)));
        assertEquals("activation should be relu/gelu, not tanh",
                message(IllegalArgumentException.class, () -> new TransformerDecoderLayer(8, 2, 16, 0.1, "tanh", 1e-5, false, false)));
    }

    @Test
    void attentionChecksTheKeyPaddingMaskShape() {
        var mha = new org.torch4j.nn.MultiheadAttention(4, 2);
        Tensor q = Torch.randn(5, 2, 4);
        assertEquals("expecting key_padding_mask shape of (2, 5), but got torch.Size([2, 4])", message(IllegalArgumentException.class,
                () -> mha.forward(q, q, q, Torch.zeros(new long[] {2, 4}, org.torch4j.DType.BOOL), true, null)));
    }

    @Test
    void adaptiveAvgPool1dTakesTwoOrThreeDims() {
        assertEquals("Expected 2 to 3 dimensions, but got 4-dimensional tensor for argument #1 'self' (while checking arguments for "
                + "adaptive_avg_pool1d)", message(IllegalArgumentException.class, () -> org.torch4j.nn.F.adaptiveAvgPool1d(Torch.zeros(2, 3, 4, 5), 2)));
        assertEquals(List.of(3L, 2L), java.util.Arrays.stream(org.torch4j.nn.F.adaptiveAvgPool1d(Torch.zeros(3, 5), 2).shape()).boxed().toList());
    }

    @Test
    void poolingRefusesZeroOrNegativeWindows() {
        Tensor x1 = Torch.zeros(1, 2, 8), x2 = Torch.zeros(1, 2, 8, 8), x3 = Torch.zeros(1, 2, 8, 8, 8);
        long[] none = {0, 0}, one = {1, 1};
        // before, a zero stride divided by zero while sizing the output
        assertEquals("stride should not be zero", message(IllegalArgumentException.class,
                () -> F.maxPool2d(x2, new long[] {2, 2}, new long[] {0, 0}, none, one, false)));
        assertEquals("stride should not be zero", message(IllegalArgumentException.class,
                () -> F.avgPool2d(x2, new long[] {0, 2}, null, none, false, true, null)));
        assertEquals("stride should be greater than zero, but got dH: 1 dW: -1", message(IllegalArgumentException.class,
                () -> F.maxPool2d(x2, new long[] {2, 2}, new long[] {1, -1}, none, one, false)));
        assertEquals("stride should be greater than zero, but got dT: -1 dH: -1 dW: -1", message(IllegalArgumentException.class,
                () -> F.avgPool3d(x3, new long[] {2}, new long[] {-1}, new long[] {0}, false, true, null)));
        assertEquals("dilation should be greater than zero, but got dilationT: 0 dilationH: 0 dilationW: 0",
                message(IllegalArgumentException.class, () -> F.maxPool3d(x3, new long[] {2}, null, new long[] {0}, new long[] {0}, false)));
        assertEquals("kernel size should be greater than zero, but got kH: 1 kW: -1",
                message(IllegalArgumentException.class, () -> F.avgPool1d(x1, -1, 0, 0, false, true)));
        assertEquals("max_pool1d() kernel_size must be greater than zero, but got -1",
                message(IllegalArgumentException.class, () -> F.maxPool1d(x1, -1, 0, 0, 1, false)));
        assertEquals("max_pool1d() dilation must be greater than zero, but got 0",
                message(IllegalArgumentException.class, () -> F.maxPool1d(x1, 2, 0, 0, 0, false)));
    }

    @Test
    void convolutionRefusesNonPositiveParameters() {
        Tensor x = Torch.zeros(2, 3, 8, 8), w = Torch.zeros(4, 3, 3, 3), wt = Torch.zeros(3, 4, 3, 3);
        long[] zero = {0, 0}, one = {1, 1};
        // before: a zero stride divided by zero, a zero dilation ran, a negative padding read outside the input
        assertEquals("non-positive stride is not supported",
                message(IllegalArgumentException.class, () -> F.conv2d(x, w, null, zero, zero, one, 1)));
        assertEquals("non-positive dilation is not supported",
                message(IllegalArgumentException.class, () -> F.conv2d(x, w, null, one, zero, zero, 1)));
        assertEquals("negative padding is not supported",
                message(IllegalArgumentException.class, () -> F.conv2d(x, w, null, zero, new long[] {-1, -1}, one, 1)));
        assertEquals("non-positive groups is not supported",
                message(IllegalArgumentException.class, () -> F.conv2d(x, w, null, zero, zero, one, 0)));
        assertEquals("non-positive stride is not supported",
                message(IllegalArgumentException.class, () -> F.convTranspose2d(x, wt, null, zero, zero, zero, 1, one)));
        assertEquals("negative output_padding is not supported",
                message(IllegalArgumentException.class, () -> F.convTranspose2d(x, wt, null, one, zero, new long[] {-1, -1}, 1, one)));
    }

    @Test
    void unfoldAndFoldCheckTheirBlocks() {
        Tensor x = Torch.zeros(2, 3, 8, 8), cols = Torch.zeros(1, 12, 16);
        long[] two = {2, 2}, one = {1, 1}, zero = {0, 0};
        assertEquals("stride should be greater than zero, but got stride_height: 0 stride_width: 0",
                message(IllegalArgumentException.class, () -> F.unfold(x, two, one, zero, zero)));
        assertEquals("dilation should be greater than zero, but got dilation_height: 0 dilation_width: 0",
                message(IllegalArgumentException.class, () -> F.unfold(x, two, zero, new long[] {-1, -1}, zero)));
        assertEquals("padding should be non-negative, but got pad_height: -1 pad_width: -1",
                message(IllegalArgumentException.class, () -> F.unfold(x, two, one, new long[] {-1, -1}, zero)));
        assertEquals("kernel size should be greater than zero, but got kernel_height: 0 kernel_width: 0",
                message(IllegalArgumentException.class, () -> F.fold(cols, new long[] {5, 5}, zero, zero, zero, zero)));
        // fold checks the stride before the dilation
        assertEquals("stride should be greater than zero, but got stride_height: 0 stride_width: 0",
                message(IllegalArgumentException.class, () -> F.fold(cols, new long[] {5, 5}, two, zero, zero, zero)));
        assertEquals("size is -1 but must be >= 0", message(IllegalArgumentException.class, () -> Torch.zeros(10).unfold(0, -1, 1)));
    }

    @Test
    void repeatNamesTheNegativeTargetSize() {
        assertEquals("Trying to create tensor with negative dimension -3: [-3]",
                message(IllegalArgumentException.class, () -> Torch.zeros(3).repeat(-1)));
        assertEquals("Trying to create tensor with negative dimension -6: [2, -6]",
                message(IllegalArgumentException.class, () -> Torch.zeros(2, 3).tile(-2)));
    }

    @Test
    void adaptiveMaxPoolToAZeroSizeIsEmpty() {
        Tensor x = Torch.randn(2, 3, 8, 8).requiresGrad_(true);
        var r = F.adaptiveMaxPool2dWithIndices(x, 0, 2);
        assertEquals(List.of(2L, 3L, 0L, 2L), java.util.Arrays.stream(r.values().shape()).boxed().toList());
        assertEquals(List.of(2L, 3L, 0L, 2L), java.util.Arrays.stream(r.indices().shape()).boxed().toList());
        r.values().sum().backward();   // PyTorch 1.13's backward refuses the empty gradient; torch4j gives zeros
        assertEquals(0.0, x.grad().abs().sum().item(), 0.0);
    }

    @Test
    void transposedConvolutionNamesItsOutputPadding() {
        assertEquals("output padding must be smaller than either stride or dilation, but got output_padding_height: 2 "
                + "output_padding_width: 1 stride_height: 2 stride_width: 3 dilation_height: 1 dilation_width: 1",
                message(IllegalArgumentException.class, () -> F.convTranspose2d(Torch.zeros(1, 3, 4, 4), Torch.zeros(3, 4, 3, 3), null,
                        new long[] {2, 3}, new long[] {0, 0}, new long[] {2, 1}, 1, new long[] {1, 1})));
        assertEquals("output padding must be smaller than either stride or dilation, but got output_padding_height: 0 "
                + "output_padding_width: 2 stride_height: 1 stride_width: 2 dilation_height: 1 dilation_width: 1",
                message(IllegalArgumentException.class, () -> new ConvTranspose1d(3, 4, new long[] {3}, new long[] {2}, new long[] {0},
                        new long[] {2}, 1, true, new long[] {1}).forward(Torch.zeros(1, 3, 4))));
    }

    @Test
    void batchNormChecksItsPerChannelTensorsBeforeUpdatingThem() {
        BatchNorm2d bn = new BatchNorm2d(4);
        assertEquals("running_mean should contain 3 elements not 4",
                message(IllegalArgumentException.class, () -> bn.forward(Torch.randn(2, 3, 4, 4))));
        assertEquals(0.0, bn.namedBuffers().get("running_mean").abs().sum().item(), 0.0);   // before, updated in part
        assertEquals("weight should contain 3 elements not 4", message(IllegalArgumentException.class,
                () -> F.batchNorm(Torch.randn(2, 3, 2, 2), null, null, Torch.ones(4), null, true, 0.1, 1e-5)));
        assertEquals("running_mean must be defined in evaluation mode", message(IllegalArgumentException.class,
                () -> F.batchNorm(Torch.randn(2, 3, 2, 2), null, null, null, null, false, 0.1, 1e-5)));
    }

    @Test
    void bilinearChecksItsInputs() {
        Bilinear b = new Bilinear(2, 3, 4);
        assertEquals("bilinear(): input batch dimensions do not match at dim 0: got 5 and 4",
                message(IllegalArgumentException.class, () -> b.forward(Torch.zeros(5, 2), Torch.zeros(4, 3))));
        assertEquals("bilinear(): input1 size does not match weight size: got 3 but expected 2",
                message(IllegalArgumentException.class, () -> b.forward(Torch.zeros(5, 3), Torch.zeros(5, 3))));
        assertEquals("bilinear(): input2 size does not match weight size: got 4 but expected 3",
                message(IllegalArgumentException.class, () -> b.forward(Torch.zeros(5, 2), Torch.zeros(5, 4))));
        assertEquals("bilinear(): input dimensions do not match: got 2 and 1",
                message(IllegalArgumentException.class, () -> b.forward(Torch.zeros(5, 2), Torch.zeros(3))));
    }

    @Test
    void registeredNamesAndIndicesAreWordedAsPyTorch() {
        assertEquals("module name can't contain \".\", got: a.b",
                message(IllegalArgumentException.class, () -> new ModuleDict().put("a.b", new ReLU())));
        assertEquals("module name can't be empty string \"\"", message(IllegalArgumentException.class, () -> new ModuleDict().put("", new ReLU())));
        assertEquals("index -3 is out of range",
                message(IndexOutOfBoundsException.class, () -> new ParameterList(Torch.ones(1)).get(-3)));
        assertEquals("Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got "
                + "torch.DoubleTensor instead (while checking arguments for embedding)",
                message(IllegalArgumentException.class, () -> new Embedding(5, 3).forward(Torch.tensor(new double[] {1}))));
    }

    @Test
    void convolutionAndPoolingCheckRanks() {
        assertEquals("Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of size: [0]",
                message(IllegalArgumentException.class, () -> F.conv1d(Torch.zeros(0), Torch.zeros(2, 0), null)));
        assertEquals("weight should have at least three dimensions",
                message(IllegalArgumentException.class, () -> F.conv1d(Torch.zeros(2, 3, 5), Torch.zeros(2, 3), null)));
        assertEquals("expected stride to be a single integer value or a list of 1 values to match the convolution dimensions, "
                + "but got stride=[1, 1]", message(IllegalArgumentException.class, () -> F.conv2d(Torch.zeros(2, 3, 5, 5), Torch.zeros(2, 3, 3), null)));
        assertEquals("Expected 3D (unbatched) or 4D (batched) input to conv_transpose2d, but got input of size: [5]",
                message(IllegalArgumentException.class, () -> F.convTranspose2d(Torch.zeros(5), Torch.zeros(3, 2, 3, 3), null,
                        new long[] {1}, new long[] {0}, new long[] {0}, 1, new long[] {1})));
        assertEquals("non-empty 3D or 4D (batch mode) tensor expected for input",
                message(IllegalArgumentException.class, () -> F.avgPool2d(Torch.zeros(5), 2)));
        assertEquals("non-empty 4D or 5D (batch mode) tensor expected for input", message(IllegalArgumentException.class,
                () -> F.maxPool3d(Torch.zeros(1, 2, 3, 5, 5, 5), new long[] {2}, null, new long[] {0}, new long[] {1}, false)));
        assertEquals("max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got:[5]",
                message(IllegalArgumentException.class, () -> F.maxPool1d(Torch.zeros(5), 2, 0, 0, 1, false)));
        assertEquals("Expected 2 to 3 dimensions, but got 4-dimensional tensor for argument #1 'self' (while checking arguments for "
                + "avg_pool1d)", message(IllegalArgumentException.class, () -> F.avgPool1d(Torch.zeros(1, 2, 3, 5), 2, 0, 0, false, true)));
        // PyTorch 1.13 fails on a zero division for k = 0; torch4j names the argument
        assertEquals("lobpcg: expected at least one requested eigenpair, got k=0 and n=0",
                message(IllegalArgumentException.class, () -> Torch.lobpcg(Torch.eye(9), 0)));
    }

    @Test
    void normalizationChecksItsAffineTensors() {
        assertEquals("Expected weight to be of same shape as normalized_shape, but got weight of shape [4] and normalized_shape = [3]",
                message(IllegalArgumentException.class, () -> F.layerNorm(Torch.randn(2, 3), new long[] {3}, Torch.ones(4), null, 1e-5)));
        assertEquals("Given normalized_shape=[3], expected input with shape [*, 3], but got input of size[]",
                message(IllegalArgumentException.class, () -> F.layerNorm(Torch.tensor(1.5), new long[] {3}, null, null, 1e-5)));
        assertEquals("Expected weight to be a vector of size equal to the number of channels in input, but got weight of shape [3] "
                + "and input of shape [2, 4, 3]",
                message(IllegalArgumentException.class, () -> F.groupNorm(Torch.randn(2, 4, 3), 2, Torch.ones(3), null, 1e-5)));
        // PyTorch 1.13 fails on a zero division for these two; torch4j names the argument
        assertEquals("num_groups must be positive, got 0",
                message(IllegalArgumentException.class, () -> F.groupNorm(Torch.randn(3, 3), 0, null, null, 1e-5)));
        assertEquals("num_heads must be positive, got 0", message(IllegalArgumentException.class, () -> new MultiheadAttention(8, 0)));
        assertEquals("num_groups must be positive, got 0", message(IllegalArgumentException.class, () -> new org.torch4j.nn.GroupNorm(0, 2)));
    }

    @Test
    void convolutionChecksItsBias() {
        assertEquals("Given weight of size [4, 3, 3, 3], expected bias to be 1-dimensional with 4 elements, but got bias of size [] instead",
                message(IllegalArgumentException.class, () -> F.conv2d(Torch.randn(2, 3, 4, 4), Torch.randn(4, 3, 3, 3), Torch.tensor(1.5f))));
        assertEquals("Given transposed=1, weight of size [3, 4, 3, 3], expected bias to be 1-dimensional with 4 elements, but got bias "
                + "of size [3] instead", message(IllegalArgumentException.class, () -> F.convTranspose2d(Torch.randn(2, 3, 4, 4),
                        Torch.randn(3, 4, 3, 3), Torch.randn(3), new long[] {1}, new long[] {0}, new long[] {0}, 1, new long[] {1})));
    }

    @Test
    void embeddingBagChecksItsArguments() {
        Tensor w = Torch.randn(10, 3), input = Torch.tensor(new long[] {1, 2, 3});
        assertEquals("input has to be 1D or 2D Tensor, but got Tensor of dimension 3", message(IllegalArgumentException.class,
                () -> F.embeddingBag(Torch.zeros(new long[] {2, 3, 4}, org.torch4j.DType.INT64), w, null, "mean", null, null)));
        assertEquals("offsets has to be a 1D Tensor", message(IllegalArgumentException.class,
                () -> F.embeddingBag(input, w, Torch.tensor(new long[] {0}).reshape(1, 1), "mean", null, null)));
        assertEquals("offsets[0] has to be 0, i.e., the first sequence in the mini-batch has to start from position 0. However, got 1",
                message(IllegalArgumentException.class, () -> F.embeddingBag(input, w, Torch.tensor(new long[] {1}), "sum", null, null)));
        assertEquals("offsets[-1] can not be greater than input's length 3 but got offsets[-1] of 5",
                message(IllegalArgumentException.class, () -> F.embeddingBag(input, w, Torch.tensor(new long[] {0, 5}), "sum", null, null)));
        // PyTorch reports decreasing offsets from inside its kernel; before, torch4j failed with ArrayIndexOutOfBounds
        assertEquals("offsets have to be non-decreasing, but got offsets[2] = 1 after offsets[1] = 2",
                message(IllegalArgumentException.class, () -> F.embeddingBag(input, w, Torch.tensor(new long[] {0, 2, 1}), "sum", null, null)));
        assertEquals("Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got "
                + "torch.FloatTensor instead (while checking arguments for embedding_bag)", message(IllegalArgumentException.class,
                () -> F.embeddingBag(Torch.tensor(new float[] {1, 2}), w, Torch.tensor(new long[] {0}), "sum", null, null)));
        assertEquals("mode has to be one of sum, mean or max",
                message(IllegalArgumentException.class, () -> F.embeddingBag(input, w, Torch.tensor(new long[] {0}), "foo", null, null)));
    }

    @Test
    void ctcLossChecksItsArguments() {
        Tensor lp = F.logSoftmax(Torch.randn(5, 2, 4), 2), targets = Torch.ones(new long[] {2, 3}, org.torch4j.DType.INT64);
        var sum = org.torch4j.nn.Reduction.SUM;
        assertEquals("input_lengths must be of size batch_size",
                message(IllegalArgumentException.class, () -> F.ctcLoss(lp, targets, new long[] {5}, new long[] {3, 3}, 0, sum, false)));
        assertEquals("target_lengths must be of size batch_size",
                message(IllegalArgumentException.class, () -> F.ctcLoss(lp, targets, new long[] {5, 5}, new long[] {3}, 0, sum, false)));
        assertEquals("Expected input_lengths to have value at most 5, but got value 6 (while checking arguments for ctc_loss_cpu)",
                message(IllegalArgumentException.class, () -> F.ctcLoss(lp, targets, new long[] {6, 5}, new long[] {3, 3}, 0, sum, false)));
        assertEquals("Expected tensor to have size at least 4 at dimension 1, but got size 3 for argument #2 'targets' (while checking "
                + "arguments for ctc_loss_cpu)",
                message(IllegalArgumentException.class, () -> F.ctcLoss(lp, targets, new long[] {5, 5}, new long[] {4, 3}, 0, sum, false)));
        assertEquals("blank must be in label range",
                message(IllegalArgumentException.class, () -> F.ctcLoss(lp, targets, new long[] {5, 5}, new long[] {3, 3}, 4, sum, false)));
    }

    @Test
    void fractionalMaxPoolRefusesNegativeOutputSizes() {
        // before: NegativeArraySizeException
        assertEquals("Trying to create tensor with negative dimension -2: [2, 3, 0, -2]", message(IllegalArgumentException.class,
                () -> F.fractionalMaxPool2d(Torch.randn(2, 3, 8, 8), new long[] {2}, new long[] {0, -2}, null, null)));
    }

    @Test
    void histogramTakesATwoElementRange() {
        // before, an empty range failed with ArrayIndexOutOfBounds
        assertEquals("torch.histogramdd: for a 1-dimensional histogram range should have 2 elements, but got 0",
                message(IllegalArgumentException.class, () -> Torch.histogram(Torch.zeros(2, 0), 2, new double[0], null, false)));
        assertEquals("torch.histogramdd: for a 1-dimensional histogram range should have 2 elements, but got 1",
                message(IllegalArgumentException.class, () -> Torch.histogram(Torch.zeros(3), 2, new double[] {1}, null, false)));
    }

    @Test
    void schedulersRefuseAZeroPeriod() {
        // PyTorch divides by zero at the first step (ZeroDivisionError); torch4j refuses at construction
        var sgd = new org.torch4j.optim.SGD(List.of(Torch.zeros(1).requiresGrad_(true)), 0.1);
        assertEquals("step_size must not be zero", message(IllegalArgumentException.class, () -> new org.torch4j.optim.StepLR(sgd, 0)));
        assertEquals("T_max must not be zero", message(IllegalArgumentException.class, () -> new org.torch4j.optim.CosineAnnealingLR(sgd, 0)));
        assertEquals(0.1, sgd.paramGroups().get(0).lr(), 0.0);
    }

    @Test
    void datasetsCheckIndicesAndLengths() {
        var ds = new org.torch4j.data.TensorDataset(Torch.arange(10).toFloat());
        var both = new org.torch4j.data.ConcatDataset<>(List.of(ds, ds));
        assertEquals("absolute value of index should not exceed dataset length",
                message(IllegalArgumentException.class, () -> both.get(-21)));
        assertEquals(9.0, both.get(-1).get(0).item(), 0.0);
        // before: "0 > -1" from inside the copy
        assertEquals("Length at index 0 is negative: -1", message(IllegalArgumentException.class,
                () -> org.torch4j.data.Datasets.randomSplit(ds, new double[] {-1, 11}, null)));
    }

    @Test
    void linalgChecksPivotsAndDims() {
        Tensor ld = Torch.randn(3, 3), b = Torch.randn(3, 2);
        // PyTorch hands these pivots to LAPACK unchecked (1.13 aborts with "free(): invalid next size"); before,
        // torch4j failed with ArrayIndexOutOfBounds
        assertEquals("torch.linalg.ldl_solve: invalid pivots: pivots[0] = 0 is not in [1, 3] or [-3, -1]", message(
                IllegalArgumentException.class, () -> org.torch4j.linalg.Linalg.ldlSolve(ld, Torch.tensor(new int[] {0, 1, 2}, 3), b)));
        assertEquals("torch.linalg.ldl_solve: invalid pivots: a 2x2 block needs pivots[2] = pivots[3] < 0, got -1 at the last row",
                message(IllegalArgumentException.class,
                        () -> org.torch4j.linalg.Linalg.ldlSolve(ld, Torch.tensor(new int[] {1, 2, -1}, 3), b)));
        assertEquals("Dimension out of range (expected to be in range of [-1, 0], but got -2)", message(IndexOutOfBoundsException.class,
                () -> org.torch4j.linalg.Linalg.tensorsolve(Torch.tensor(1.5), Torch.randn(3, 3), new int[] {0, 0})));
    }

    @Test
    void moduleListIndexOutOfRange() {
        ModuleList list = new ModuleList(new ReLU());
        assertEquals("index 5 is out of range", message(IndexOutOfBoundsException.class, () -> list.get(5)));
        assertEquals("index -2 is out of range", message(IndexOutOfBoundsException.class, () -> list.get(-2)));
        assertEquals(list.get(0), list.get(-1));
    }

    @Test
    void unflattenPrintsAOneSizeTupleAsPython() {
        assertEquals("Unflatten(dim=1, unflattened_size=(2,))", new Unflatten(1, new long[] {2}).toString());
    }

    @Test
    void aBufferUnderTwoNamesIsListedOnce() {
        Tensor shared = Torch.zeros(2);
        Module a = new Holder(shared), b = new Holder(shared);
        Module m = new Module() {
            {
                registerModule("a", a);
                registerModule("b", b);
            }
        };
        assertEquals(List.of("a.x"), List.copyOf(m.namedBuffers().keySet()));
        assertEquals(List.of("a.x", "b.x"), List.copyOf(m.stateDict().keySet()), "state dicts list it under each name, as PyTorch's");
    }

    /** Inputs a fuzzing of the public API over odd arguments found to fail inside the library rather than at the check. */
    @Test
    void oddArgumentsFoundByFuzzingFailAtTheirCheck() {
        Tensor x = Torch.randn(6);
        assertEquals("Tensor: invalid storage offset -1", message(IllegalArgumentException.class, () -> x.asStrided(new long[] {2}, new long[] {1}, -1)));
        assertEquals("cannot sample n_sample <= 0 samples",
                message(IllegalArgumentException.class, () -> Torch.tensor(new double[] {0.2, 0.8}).multinomial(-1)));
        // batch norm over no channels: PyTorch's "more than 1 value per channel" counts N x spatial, and the result is empty
        Tensor empty = F.batchNorm(Torch.randn(2, 0, 3), null, null, null, null, true, 0.1, 1e-5);
        assertEquals(List.of(2L, 0L, 3L), List.of(empty.size(0), empty.size(1), empty.size(2)));
        assertEquals("embed_dim must be positive, got 0", message(IllegalArgumentException.class, () -> new MultiheadAttention(0, 2)));
        assertEquals("was expecting embedding dimension of 4, but got 3",
                message(IllegalArgumentException.class, () -> new MultiheadAttention(4, 2).forward(Torch.randn(2, 3))));
        assertEquals("CrossMapLRN2d: size must be positive, got -3",
                message(IllegalArgumentException.class, () -> new org.torch4j.nn.CrossMapLRN2d(-3)));
        Tensor q = Torch.randn(1, 2, 4), w = Torch.randn(12, 4);
        assertEquals("multi_head_attention_forward expects batched 3-D query, key and value [L or S, N, E], but received 2-D, 3-D and 3-D tensors",
                message(IllegalArgumentException.class, () -> F.multiHeadAttention(Torch.randn(2, 4), q, q, 2, w, null, null, null, null,
                        Torch.randn(4, 4), null, null, null, false, true, 0.0, false)));
        assertEquals("in_proj_bias should be of shape [12] (3 x embed_dim), but got torch.Size([2, 3])",
                message(IllegalArgumentException.class, () -> F.multiHeadAttention(q, q, q, 2, w, Torch.randn(2, 3), null, null, null,
                        Torch.randn(4, 4), null, null, null, false, true, 0.0, false)));
    }

    /** PyTorch checks a dim against a 0-dim tensor as against [-1, 0]; these ops took any dim there (found by fuzzing). */
    @Test
    void zeroDimTensorsCheckTheirDims() {
        Tensor x = Torch.tensor(2.0), none = Torch.zeros(0).toLong();
        String expected = "Dimension out of range (expected to be in range of [-1, 0], but got 5)";
        for (Runnable r : List.<Runnable>of(() -> x.softmax(5), () -> x.cumsum(5), () -> x.sort(5, false), () -> x.argmax(5, false),
                () -> x.gather(5, none), () -> x.scatterAdd(5, none, Torch.randn(2, 3)), () -> x.unfold(5, 1, 1),
                () -> x.indexAdd(5, none, Torch.randn(2, 3)))) {
            assertEquals(expected, message(IndexOutOfBoundsException.class, r));
        }
        assertEquals(4.0, x.softmax(-1).add(3).item());
        // index_add took a float index, truncated (found by fuzzing the CUDA backend, whose kernel saw NaN as Long.MIN_VALUE)
        assertEquals("index_add_(): Expected dtype int32/int64 for index but got: Float", message(IllegalArgumentException.class,
                () -> Torch.zeros(2, 3).indexAdd_(0, Torch.tensor(new float[] {0, 1}, 2), Torch.ones(2, 3))));
    }

    /**
     * An as_strided view reading storage outside its (strided) input: PyTorch's backward drops what lands outside the
     * input, where torch4j refused (found by fuzzing). PyTorch 1.13 gives a single 1 at [1, 1] here.
     */
    @Test
    void asStridedReadingPastItsInputDifferentiates() {
        Tensor base = Torch.randn(4, 6).toDouble();
        Tensor x = base.slice(1, 0, 6, 2).detach().requiresGrad_(true);   // storage positions 0, 2, 4, 6, ...
        Tensor y = x.asStrided(new long[] {3}, new long[] {3}, 5);           // positions 5, 8 and 11: only 8 is x's [1, 1]
        assertEquals(List.of(base.flatten().get(5).item(), base.flatten().get(8).item(), base.flatten().get(11).item()),
                List.of(y.get(0).item(), y.get(1).item(), y.get(2).item()));
        y.sum().backward();
        Tensor expected = Torch.zeros(4, 3).toDouble();
        expected.get(1).get(1).fill_(1.0);
        assertEquals(0.0, x.grad().sub(expected).abs().max().item());
    }

    /** Negative pooling padding read outside the input; a transposed convolution of an empty batch divided by zero (fuzzing). */
    @Test
    void poolingPaddingAndEmptyTransposedConvolutions() {
        assertEquals("max_pool1d() padding must be non-negative, but got -1",
                message(IllegalArgumentException.class, () -> F.maxPool1d(Torch.randn(4, 3), 1, 1, -1, 2, true)));
        assertEquals("pad must be non-negative, but got pad: -1", message(IllegalArgumentException.class,
                () -> F.maxPool2d(Torch.randn(1, 4, 3), new long[] {2, 2}, new long[] {1, 1}, new long[] {-1, -1}, new long[] {1, 1}, false)));
        assertEquals("pad must be non-negative, but got pad: -1",
                message(IllegalArgumentException.class, () -> F.avgPool1d(Torch.randn(4, 3), 2, 1, -1, false, true)));
        Tensor y = F.convTranspose1d(Torch.randn(0, 2, 3), Torch.randn(2, 4, 3), null, 1, 0, 0, 1, 1);
        assertEquals(List.of(0L, 4L, 5L), List.of(y.size(0), y.size(1), y.size(2)));   // PyTorch 1.13's shape
    }

    /** The product of no elements is 1; its gradient is empty rather than a failed narrowing (found by fuzzing). */
    @Test
    void emptyProductsDifferentiate() {
        Tensor x = Torch.zeros(2, 0, 3).toDouble().requiresGrad_(true);
        Tensor all = x.prod();
        assertEquals(1.0, all.item());
        all.backward();
        assertEquals(List.of(2L, 0L, 3L), List.of(x.grad().size(0), x.grad().size(1), x.grad().size(2)));
        Tensor y = Torch.zeros(2, 0, 3).toDouble().requiresGrad_(true);
        y.prod(1, false).sum().backward();
        assertEquals(0, y.grad().numel());
    }

    private static final class Holder extends Module {
        Holder(Tensor buffer) {
            registerBuffer("x", buffer);
        }
    }
}
