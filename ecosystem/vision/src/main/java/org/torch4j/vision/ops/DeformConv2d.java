package org.torch4j.vision.ops;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Init;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parameter;

/**
 * The module form of {@link DeformConv#deformConv2d} ({@code torchvision.ops.DeformConv2d}): parameters
 * {@code weight} {@code [out, in / groups, kh, kw]} and {@code bias} {@code [out]}, initialised as torchvision's
 * {@code reset_parameters} does (so a seeded module has torchvision's weights); the offsets and the optional mask
 * come with each call.
 */
public class DeformConv2d extends Module {
    /** The input's channels. */
    public final long inChannels;
    /** The output's channels. */
    public final long outChannels;
    /** {@code (kh, kw)}, {@code (sh, sw)}, {@code (ph, pw)}, {@code (dh, dw)}. */
    public final long[] kernelSize, stride, padding, dilation;
    /** The weight groups. */
    public final long groups;
    /** {@code [out, in / groups, kh, kw]}, float32. */
    public final Parameter weight;
    /** {@code [out]}, float32, or null without bias. */
    public final Parameter bias;

    /** A square kernel with stride 1, no padding, dilation 1, one group and a bias. */
    public DeformConv2d(long inChannels, long outChannels, long kernelSize) {
        this(inChannels, outChannels, new long[] {kernelSize}, new long[] {1}, new long[] {0}, new long[] {1}, 1, true);
    }

    /**
     * A deformable convolution; each size is {@code {v}} for both axes or {@code {h, w}}.
     *
     * @param inChannels the input's channels
     * @param outChannels the output's channels
     * @param kernelSize the kernel's size
     * @param stride the stride (torchvision's default 1)
     * @param padding the zero padding (default 0)
     * @param dilation the spacing of the kernel taps (default 1)
     * @param groups the weight groups (default 1)
     * @param bias whether to learn a bias (default true)
     * @throws IllegalArgumentException when {@code groups} does not divide the channels, as torchvision words it
     */
    public DeformConv2d(long inChannels, long outChannels, long[] kernelSize, long[] stride, long[] padding, long[] dilation, long groups,
                        boolean bias) {
        if (groups <= 0) throw new IllegalArgumentException("groups must be positive, got " + groups);   // torchvision: a zero division
        if (inChannels % groups != 0) throw new IllegalArgumentException("in_channels must be divisible by groups");
        if (outChannels % groups != 0) throw new IllegalArgumentException("out_channels must be divisible by groups");
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelSize = DeformConv.pair(kernelSize, "kernel_size");
        this.stride = DeformConv.pair(stride, "stride");
        this.padding = DeformConv.pair(padding, "padding");
        this.dilation = DeformConv.pair(dilation, "dilation");
        this.groups = groups;
        long[] shape = {outChannels, inChannels / groups, this.kernelSize[0], this.kernelSize[1]};
        weight = registerParameter("weight", new Parameter(Torch.empty(shape, DType.FLOAT32)));
        this.bias = registerParameter("bias", bias ? new Parameter(Torch.empty(new long[] {outChannels}, DType.FLOAT32)) : null);
        resetParameters();
    }

    /** torchvision's {@code reset_parameters}: {@code kaiming_uniform_(weight, a=sqrt(5))}, bias uniform in +-1/sqrt(fan_in). */
    public void resetParameters() {
        Init.kaimingUniform_(weight, Math.sqrt(5), "fan_in", "leaky_relu");
        if (bias != null) {
            long fanIn = Init.fans(weight)[0];
            double bound = 1 / Math.sqrt(fanIn);
            Init.uniform_(bias, -bound, bound);
        }
    }

    /** Deformable convolution v1 of {@code input} with the given offsets. */
    public Tensor forward(Tensor input, Tensor offset) {
        return forward(input, offset, null);
    }

    /**
     * Deformable convolution of {@code input}.
     *
     * @param input {@code [N, in, H, W]}
     * @param offset {@code [N, 2 * offsetGroups * kh * kw, outH, outW]}
     * @param mask {@code [N, offsetGroups * kh * kw, outH, outW]}, or null for v1
     * @return {@code [N, out, outH, outW]}
     */
    public Tensor forward(Tensor input, Tensor offset, Tensor mask) {
        return DeformConv.deformConv2d(input, offset, weight, bias, stride, padding, dilation, mask);
    }

    /** {@code module(input, offset)}: {@link #forward(Tensor, Tensor)} with the hooks around it. */
    public Tensor call(Tensor input, Tensor offset) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), input, offset);
    }

    /** {@code module(input, offset, mask)}: {@link #forward(Tensor, Tensor, Tensor)} with the hooks around it. */
    public Tensor call(Tensor input, Tensor offset, Tensor mask) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1), (Tensor) args.get(2)), input, offset, mask);
    }

    /** torchvision's own print form: the options that differ from their defaults. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("DeformConv2d(").append(inChannels).append(", ").append(outChannels)
                .append(", kernel_size=").append(tuple(kernelSize)).append(", stride=").append(tuple(stride));
        if (padding[0] != 0 || padding[1] != 0) s.append(", padding=").append(tuple(padding));
        if (dilation[0] != 1 || dilation[1] != 1) s.append(", dilation=").append(tuple(dilation));
        if (groups != 1) s.append(", groups=").append(groups);
        if (bias == null) s.append(", bias=False");
        return s.append(")").toString();
    }

    private static String tuple(long[] v) {
        return "(" + v[0] + ", " + v[1] + ")";
    }
}
