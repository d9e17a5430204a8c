package org.torch4j.audio.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Init;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parameter;

/**
 * torchaudio's {@code wav2vec2.components.MaskGenerator}, HuBERT's span masking: time spans are replaced by a learned
 * mask embedding and channel spans by zeros. The spans are drawn from torch's generator exactly as torchaudio's
 * {@code _compute_mask_indices} draws them (no numpy there), so {@code Torch.manualSeed} gives torchaudio's masks. It
 * masks in evaluation mode too, as torchaudio does.
 */
public class MaskGenerator extends Module {
    /**
     * What the generator gives.
     *
     * @param x the masked features
     * @param maskIndices bool [B, T], true at the frames replaced by the mask embedding; null when {@code maskProb} is 0
     */
    public record Output(Tensor x, Tensor maskIndices) {}

    /** {@code mask_embedding} [encoderEmbedDim]: what masked frames become (uniform in [0, 1) at first). */
    public final Parameter maskEmbedding;
    /** Probability and span length of time masks; the spans' distribution ("static", "uniform", "normal" or "poisson") and its parameter. */
    public final double maskProb, maskOther;
    /** The span distribution of time masks. */
    public final String maskSelection;
    /** Time mask span length and the least gap between spans without overlap. */
    public final long maskLength, maskMinSpace;
    /** Whether time spans may not overlap. */
    public final boolean noMaskOverlap;
    /** Probability, distribution parameter, distribution, length, overlap and gap of channel masks. */
    public final double maskChannelProb, maskChannelOther;
    /** The span distribution of channel masks. */
    public final String maskChannelSelection;
    /** Channel mask span length and the least gap between spans without overlap. */
    public final long maskChannelLength, maskChannelMinSpace;
    /** Whether channel spans may not overlap. */
    public final boolean noMaskChannelOverlap;

    /** torchaudio's constructor, every argument in its order. */
    public MaskGenerator(long encoderEmbedDim, double maskProb, String maskSelection, double maskOther, long maskLength, boolean noMaskOverlap,
                         long maskMinSpace, double maskChannelProb, String maskChannelSelection, double maskChannelOther,
                         long maskChannelLength, boolean noMaskChannelOverlap, long maskChannelMinSpace) {
        this.maskProb = maskProb;
        this.maskSelection = maskSelection;
        this.maskOther = maskOther;
        this.maskLength = maskLength;
        this.noMaskOverlap = noMaskOverlap;
        this.maskMinSpace = maskMinSpace;
        this.maskChannelProb = maskChannelProb;
        this.maskChannelSelection = maskChannelSelection;
        this.maskChannelOther = maskChannelOther;
        this.maskChannelLength = maskChannelLength;
        this.noMaskChannelOverlap = noMaskChannelOverlap;
        this.maskChannelMinSpace = maskChannelMinSpace;
        maskEmbedding = registerParameter("mask_embedding", new Parameter(Torch.zeros(encoderEmbedDim)));
        Init.uniform_(maskEmbedding, 0, 1);
    }

    /** {@code mask_generator(x, padding_mask)}: {@link #forward(Tensor, Tensor)} with this module's hooks around it. */
    public final Output call(Tensor x, Tensor paddingMask) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), x, paddingMask);
    }

    /**
     * Masks [B, T, C] features.
     *
     * @param paddingMask bool [B, T], true at padded frames (never masked), or null
     * @throws IllegalArgumentException for an unknown mask selection
     */
    public Output forward(Tensor x, Tensor paddingMask) {
        long b = x.size(0), t = x.size(1), c = x.size(2);
        Tensor maskIndices = null;
        if (maskProb > 0) {
            maskIndices = computeMaskIndices(b, t, paddingMask, maskProb, maskLength, maskSelection, maskOther, 2, noMaskOverlap, maskMinSpace)
                    .to(x.device());
            x = Torch.where(maskIndices.unsqueeze(-1), maskEmbedding.to(x.dtype()), x);
        }
        if (maskChannelProb > 0) {
            Tensor channels = computeMaskIndices(b, c, null, maskChannelProb, maskChannelLength, maskChannelSelection, maskChannelOther, 0,
                    noMaskChannelOverlap, maskChannelMinSpace).to(x.device()).unsqueeze(1).expand(-1, t, -1);
            x = x.maskedFill(channels, 0.0);
        }
        return new Output(x, maskIndices);
    }

    /**
     * torchaudio's {@code _compute_mask_indices}: random spans over a [batch, frame] grid, drawn from torch's
     * generator in torchaudio's order. Each row gets {@code max(minMasks, int(maskProb * size / maskLength + rand))}
     * spans (size: its unpadded frames) of lengths from {@code maskType}; rows are then thinned at random to the
     * fewest masked frames of any row.
     *
     * @param paddingMask bool [batch, frame], true at padded frames, or null
     * @param maskType "static" (every span {@code maskLength}), "uniform" (integers in [maskOther, 2 maskLength]),
     *     "normal" (mean {@code maskLength}, deviation {@code maskOther}, rounded, at least 1) or "poisson"
     * @param noOverlap spans kept apart by {@code minSpace} frames (torchaudio 0.13 fails on this branch with a
     *     TypeError in {@code torch.randint}; this follows its code with integer bounds)
     * @return bool [batch, frame]
     * @throws IllegalArgumentException for an unknown mask type
     */
    public static Tensor computeMaskIndices(long batch, long frame, Tensor paddingMask, double maskProb, long maskLength, String maskType,
                                            double maskOther, long minMasks, boolean noOverlap, long minSpace) {
        long allNumMask = Math.max(minMasks, numMask(maskProb, frame, maskLength));
        boolean[] padded = paddingMask == null ? null : toBooleans(paddingMask);
        List<long[]> maskIdcs = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            long sz = frame, num = allNumMask;
            if (padded != null) {
                for (long f = 0; f < frame; f++) if (padded[(int) (i * frame + f)]) sz--;
                num = Math.max(minMasks, numMask(maskProb, sz, maskLength));
            }
            long[] lengths = lengths(maskType, num, maskLength, maskOther);
            if (Arrays.stream(lengths).sum() == 0) lengths[0] = Math.min(maskLength, sz - 1);
            long[] maskIdc = noOverlap ? nonOverlapping(lengths, sz, minSpace) : spans(lengths, sz, num);
            long size = sz;
            maskIdcs.add(Arrays.stream(maskIdc).filter(v -> v < size).distinct().sorted().toArray());
        }
        int minLen = maskIdcs.stream().mapToInt(m -> m.length).min().orElse(0);
        boolean[] mask = new boolean[(int) (batch * frame)];
        for (int i = 0; i < batch; i++) {
            long[] idc = maskIdcs.get(i);
            if (idc.length > minLen) {
                long[] perm = Torch.randperm(idc.length).toLongArray();
                long[] kept = new long[minLen];
                for (int j = 0; j < minLen; j++) kept[j] = idc[(int) perm[j]];
                idc = kept;
            }
            for (long v : idc) mask[(int) (i * frame + v)] = true;
        }
        return Torch.tensor(mask, batch, frame);
    }

    /** {@code int(mask_prob * size / float(mask_length) + torch.rand(1))}: the sum is a float32 tensor's. */
    private static long numMask(double maskProb, long size, long maskLength) {
        float r = Torch.rand(1).toFloatArray()[0];
        return (long) ((float) (maskProb * size / (double) maskLength) + r);
    }

    private static long[] lengths(String maskType, long num, long maskLength, double maskOther) {
        return switch (maskType) {
            case "static" -> filled(num, maskLength);
            case "uniform" -> Torch.randint((long) maskOther, maskLength * 2 + 1, num).toLongArray();
            case "normal" -> Torch.normal(maskLength, maskOther, num).round().clampMin(1.0).to(DType.INT32).to(DType.INT64).toLongArray();
            case "poisson" -> Torch.poisson(Torch.full(new long[] {num}, (double) maskLength, DType.FLOAT32)).round().to(DType.INT64).toLongArray();
            default -> throw new IllegalArgumentException("unknown mask selection: " + maskType);
        };
    }

    private static long[] filled(long n, long value) {
        long[] out = new long[(int) n];
        Arrays.fill(out, value);
        return out;
    }

    private static boolean[] toBooleans(Tensor mask) {
        long[] v = mask.to(DType.INT64).contiguous().toLongArray();
        boolean[] out = new boolean[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i] != 0;
        return out;
    }

    /** The overlapping branch: span starts from a random permutation, each span {@code lengths[j]} frames. */
    private static long[] spans(long[] lengths, long sz, long num) {
        long minLen = Arrays.stream(lengths).min().orElseThrow();
        if (sz - minLen <= num) minLen = sz - num - 1;
        long[] perm = Torch.randperm(sz - minLen).toLongArray();
        List<Long> out = new ArrayList<>();
        for (int j = 0; j < Math.min(num, perm.length); j++) {
            for (long offset = 0; offset < lengths[j]; offset++) out.add(perm[j] + offset);
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    /** The non-overlapping branch: longest spans first, each placed in a free part chosen in proportion to its length. */
    private static long[] nonOverlapping(long[] lengths, long sz, long minSpace) {
        List<Long> maskIdc = new ArrayList<>();
        List<long[]> parts = new ArrayList<>(List.of(new long[] {0, sz}));
        long minLength = Arrays.stream(lengths).min().orElseThrow();
        Long[] sorted = Arrays.stream(lengths).boxed().sorted(Comparator.reverseOrder()).toArray(Long[]::new);
        for (long length : sorted) {
            int[] lens = new int[parts.size()];
            for (int k = 0; k < lens.length; k++) {
                long l = parts.get(k)[1] - parts.get(k)[0];
                lens[k] = l < length + minSpace ? 0 : (int) l;
            }
            Tensor lensT = Torch.tensor(lens, lens.length);
            Tensor lSum = lensT.sum();
            if (lSum.itemLong() == 0) break;
            Tensor probs = lensT.div(lSum);
            probs = probs.div(probs.sum(new int[] {-1}, true));
            int c = (int) Torch.multinomial(probs.reshape(1, -1), 1, true).itemLong();
            long[] se = parts.remove(c);
            long s = se[0], e = se[1];
            long spanStart = Torch.randint(s, e - length, 1).itemLong();
            for (long k = 0; k < length; k++) maskIdc.add(spanStart + k);
            if (spanStart - s - minSpace >= minLength) parts.add(new long[] {s, spanStart - minSpace + 1});
            if (e - spanStart - minLength - minSpace > minLength) parts.add(new long[] {spanStart + length + minSpace, e});
        }
        return maskIdc.stream().mapToLong(Long::longValue).toArray();
    }
}
