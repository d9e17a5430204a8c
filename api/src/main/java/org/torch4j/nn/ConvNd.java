package org.torch4j.nn;

import java.util.Arrays;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The shared part of the convolution layers: options, weight [out, in/groups, k...] (or
 * [in, out/groups, k...] when transposed), bias, PyTorch's default initialisation, padding modes
 * ("zeros", "reflect", "replicate", "circular") and padding strings ("same", "valid").
 */
public abstract class ConvNd extends Module {

    /** The input channels: set by the constructor, or by a lazy module's first forward ({@link LazyConv2d} and friends). */
    public long inChannels;
    /** The output channels and the number of groups. */
    public final long outChannels, groups;
    /** The per-dim kernel size, stride, padding (from a padding string where one was given), dilation and output padding (0 unless transposed). */
    protected final long[] kernelSize, stride, padding, dilation, outputPadding;
    /** The padding as a string ("same" or "valid"), or null when given as sizes. */
    protected final String paddingString;
    /** How the input is padded: "zeros", "reflect", "replicate" or "circular". */
    protected final String paddingMode;
    /** Whether this is a transposed convolution (weight {@code (in, out/groups, k...)}). */
    protected final boolean transposed;
    /** The kernel, float32: {@code (out, in/groups, k...)}, or {@code (in, out/groups, k...)} when transposed. */
    public final Parameter weight;
    /** The per-output-channel bias {@code (out)}, float32, or null without bias. */
    public final Parameter bias;

    /** The per-dim kernel size ({@code conv.kernel_size}); a copy. */
    public long[] kernelSize() {
        return kernelSize.clone();
    }

    /** The per-dim stride ({@code conv.stride}); a copy. */
    public long[] stride() {
        return stride.clone();
    }

    /** The per-dim padding sizes ({@code conv.padding}, resolved from "same"/"valid" where one was given); a copy. */
    public long[] padding() {
        return padding.clone();
    }

    /** The per-dim dilation ({@code conv.dilation}); a copy. */
    public long[] dilation() {
        return dilation.clone();
    }

    /** How the input is padded ({@code conv.padding_mode}): "zeros", "reflect", "replicate" or "circular". */
    public String paddingMode() {
        return paddingMode;
    }

    /**
     * Checks the options, registers {@code weight} and {@code bias} and initialises them as {@link #resetParameters()}.
     * Each size array may hold one value (for every dim) or {@code dims} values.
     *
     * @param dims the number of spatial dims (1, 2 or 3)
     * @param inChannels the input channels
     * @param outChannels the output channels
     * @param kernelSize the kernel size
     * @param stride the stride
     * @param padding the padding sizes; ignored when {@code paddingString} is given
     * @param paddingString "same" or "valid", or null to use {@code padding}
     * @param dilation the dilation
     * @param groups the number of blocked connections from input to output channels
     * @param bias whether to learn a bias
     * @param paddingMode "zeros", "reflect", "replicate" or "circular"
     * @param transposed whether this is a transposed convolution
     * @param outputPadding the extra size added to one side of a transposed convolution's output, or null for 0
     * @throws IllegalArgumentException if {@code groups} is not positive or does not divide both channel counts, or
     *         the padding mode or string is unknown, as PyTorch words it
     */
    protected ConvNd(int dims, long inChannels, long outChannels, long[] kernelSize, long[] stride, long[] padding,
                     String paddingString, long[] dilation, long groups, boolean bias, String paddingMode, boolean transposed,
                     long[] outputPadding) {
        if (groups <= 0) throw new IllegalArgumentException("groups must be a positive integer");
        if (inChannels % groups != 0) throw new IllegalArgumentException("in_channels must be divisible by groups");
        if (outChannels % groups != 0) throw new IllegalArgumentException("out_channels must be divisible by groups");
        if (!Arrays.asList("zeros", "reflect", "replicate", "circular").contains(paddingMode)) {
            throw new IllegalArgumentException("padding_mode must be one of ['zeros', 'reflect', 'replicate', 'circular'], but got padding_mode='" + paddingMode + "'");
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.groups = groups;
        this.kernelSize = Windows.expand(kernelSize, dims, "kernel_size");
        this.stride = Windows.expand(stride, dims, "stride");
        this.dilation = Windows.expand(dilation, dims, "dilation");
        this.paddingString = paddingString;
        if (paddingString != null) {
            long[] p = Convolution.stringPadding(paddingString, dims, this.kernelSize, this.dilation, this.stride);
            this.padding = p == null ? new long[dims] : p;
        } else {
            this.padding = Windows.expand(padding, dims, "padding");
        }
        this.outputPadding = outputPadding == null ? new long[dims] : Windows.expand(outputPadding, dims, "output_padding");
        this.paddingMode = paddingMode;
        this.transposed = transposed;
        long[] shape = new long[dims + 2];
        shape[0] = transposed ? inChannels : outChannels;
        shape[1] = transposed ? outChannels / groups : inChannels / groups;
        System.arraycopy(this.kernelSize, 0, shape, 2, dims);
        this.weight = registerParameter("weight", new Parameter(Torch.empty(shape, DType.FLOAT32)));
        this.bias = registerParameter("bias", bias ? new Parameter(Torch.empty(new long[] {outChannels}, DType.FLOAT32)) : null);
        resetParameters();
    }

    /** kaiming_uniform_(weight, a=sqrt(5)); bias uniform in +-1/sqrt(fan_in), as PyTorch's _ConvNd. */
    public void resetParameters() {
        Init.kaimingUniform_(weight, Math.sqrt(5), "fan_in", "leaky_relu");
        if (bias != null) {
            long fanIn = Init.fans(weight)[0];
            if (fanIn != 0) {
                double bound = 1 / Math.sqrt(fanIn);
                Init.uniform_(bias, -bound, bound);
            }
        }
    }

    /** The input padded by the padding mode (non-zero modes pad explicitly, then convolve without padding). */
    protected Tensor padInput(Tensor input) {
        if (paddingMode.equals("zeros")) return input;
        int d = kernelSize.length;
        long[] pads = new long[2 * d];
        for (int i = 0; i < d; i++) {
            pads[2 * (d - 1 - i)] = padding[i];
            pads[2 * (d - 1 - i) + 1] = padding[i];
        }
        return Convolution.allZero(pads) ? input : Torch.pad(input, pads, paddingMode, 0);
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor[] ac = transposed ? null : org.torch4j.amp.Autocast.lowerPrecision(input, weight, bias);
        if (ac != null) return castForward(ac[0], ac[1], ac[2]);
        if (transposed) {
            return Convolution.convTranspose(input, weight, bias, stride, padding, outputPadding, dilation, groups);
        }
        if ("same".equals(paddingString)) {
            return Convolution.conv(Convolution.padSame(input, kernelSize, dilation), weight, bias, stride,
                    new long[kernelSize.length], dilation, groups);
        }
        if (!paddingMode.equals("zeros")) {
            return Convolution.conv(padInput(input), weight, bias, stride, new long[kernelSize.length], dilation, groups);
        }
        return Convolution.conv(input, weight, bias, stride, padding, dilation, groups);
    }

    /** The convolution of {@link #forward} with autocast's casts of input, weight and bias. */
    private Tensor castForward(Tensor input, Tensor weight, Tensor bias) {
        if ("same".equals(paddingString)) {
            return Convolution.conv(Convolution.padSame(input, kernelSize, dilation), weight, bias, stride,
                    new long[kernelSize.length], dilation, groups);
        }
        if (!paddingMode.equals("zeros")) {
            return Convolution.conv(padInput(input), weight, bias, stride, new long[kernelSize.length], dilation, groups);
        }
        return Convolution.conv(input, weight, bias, stride, padding, dilation, groups);
    }

    @Override
    protected String extraRepr() {
        StringBuilder sb = new StringBuilder();
        sb.append(inChannels).append(", ").append(outChannels).append(", kernel_size=").append(tuple(kernelSize))
                .append(", stride=").append(tuple(stride));
        if (paddingString != null) sb.append(", padding=").append(paddingString);
        else if (Arrays.stream(padding).anyMatch(p -> p != 0)) sb.append(", padding=").append(tuple(padding));
        if (Arrays.stream(dilation).anyMatch(x -> x != 1)) sb.append(", dilation=").append(tuple(dilation));
        if (Arrays.stream(outputPadding).anyMatch(x -> x != 0)) sb.append(", output_padding=").append(tuple(outputPadding));
        if (groups != 1) sb.append(", groups=").append(groups);
        if (bias == null) sb.append(", bias=False");
        if (!paddingMode.equals("zeros")) sb.append(", padding_mode=").append(paddingMode);
        return sb.toString();
    }

    static String tuple(long[] v) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) sb.append(i > 0 ? ", " : "").append(v[i]);
        if (v.length == 1) sb.append(",");
        return sb.append(")").toString();
    }
}
