package org.torch4j.text.transforms;

import org.torch4j.DType;
import org.torch4j.Index;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code torchtext.transforms.MaskTransform}, BERT's masked-language-model corruption: in each row of a
 * [batch, length] token tensor, {@code floor(length * maskProb)} positions are chosen by a random permutation
 * (never padding, nor the begin token unless {@code maskBos}; if none is left anywhere, position [0, 0]); of those,
 * 80% become {@code maskIdx}, 10% a random token in [0, vocabLen) and 10% stay. Draws from the default generator in
 * torchtext's order (a permutation per row, then uniform floats, then random tokens), so after
 * {@link Torch#manualSeed} the result equals torchtext's.
 */
public final class MaskTransform {
    /** The share of chosen tokens replaced by the mask token: those with a uniform draw of at least 1 - 0.8. */
    public static final double MASK_MASK_PROB = 0.8;
    /** The share of chosen tokens replaced by a random token: those with a uniform draw under 0.1. */
    public static final double RAND_MASK_PROB = 0.1;

    private final long vocabLen, maskIdx, bosIdx, padIdx;
    private final boolean maskBos;
    private final double maskProb;

    /**
     * What the transform returns.
     *
     * @param maskedTokens the corrupted tokens, int64 [batch, length]
     * @param targetTokens the original tokens at the chosen positions, row-major, 1-d
     * @param mask 1 at the chosen positions, int32 [batch, length]
     */
    public record Result(Tensor maskedTokens, Tensor targetTokens, Tensor mask) {}

    /** torchtext's defaults: the begin token is never chosen, 15% of each row is. */
    public MaskTransform(long vocabLen, long maskIdx, long bosIdx, long padIdx) {
        this(vocabLen, maskIdx, bosIdx, padIdx, false, 0.15);
    }

    /**
     * @param vocabLen random replacements are drawn from [0, vocabLen)
     * @param maskIdx the mask token
     * @param bosIdx the begin-of-sequence token
     * @param padIdx the padding token, never chosen
     * @param maskBos whether begin tokens may be chosen
     * @param maskProb the share of each row chosen
     */
    public MaskTransform(long vocabLen, long maskIdx, long bosIdx, long padIdx, boolean maskBos, double maskProb) {
        if (vocabLen <= 0) throw new IllegalArgumentException("vocabLen must be positive, got " + vocabLen);
        if (maskProb < 0 || maskProb > 1) throw new IllegalArgumentException("maskProb must be in [0, 1], got " + maskProb);
        this.vocabLen = vocabLen;
        this.maskIdx = maskIdx;
        this.bosIdx = bosIdx;
        this.padIdx = padIdx;
        this.maskBos = maskBos;
        this.maskProb = maskProb;
    }

    /**
     * Corrupts {@code tokens} [batch, length] (integers).
     *
     * @throws IllegalArgumentException unless {@code tokens} is a 2-d integer tensor
     */
    public Result forward(Tensor tokens) {
        if (tokens.dim() != 2 || tokens.dtype().isFloatingPoint() || tokens.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("MaskTransform expects [batch, length] integer token ids, got " + tokens.dtype() + " of shape "
                    + java.util.Arrays.toString(tokens.shape()));
        }
        long batch = tokens.size(0), length = tokens.size(1);
        Tensor mask = Torch.zeros(new long[] {batch, length}, DType.INT32);
        int chosen = (int) (length * maskProb);
        mask.index(Index.ALL, Index.slice(0L, (long) chosen)).fill_(1.0);
        for (long i = 0; i < batch; i++) {
            Tensor row = mask.select(0, i);
            row.copy_(row.indexSelect(0, Torch.randperm(length)));
        }
        if (!maskBos) mask.mul_(tokens.ne(bosIdx).to(DType.INT64)); // in place: the mask stays int32, as torchtext's
        mask.mul_(tokens.ne(padIdx).to(DType.INT64));
        if (batch > 0 && length > 0 && !mask.to(DType.UINT8).any().itemBool()) mask.index(Index.at(0), Index.at(0)).fill_(1.0);
        Tensor probs = Torch.rand(tokens.shape(), (org.torch4j.Generator) null);
        Tensor maskMask = probs.ge(1 - MASK_MASK_PROB).to(DType.INT64).mul(mask);
        Tensor randMask = probs.lt(RAND_MASK_PROB).to(DType.INT64).mul(mask);
        Tensor masked = replace(tokens, maskMask, Torch.scalarTensor(maskIdx));
        masked = replace(masked, randMask, Torch.randintLike(tokens, vocabLen));
        return new Result(masked, tokens.maskedSelect(mask.to(DType.BOOL)), mask);
    }

    /** torchtext's {@code _mask_input}: {@code tokens * (1 - mask) + replacement * mask}. */
    private static Tensor replace(Tensor tokens, Tensor mask, Tensor replacement) {
        return tokens.mul(mask.rsub(1)).add(replacement.mul(mask));
    }
}
