package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * A stack of copies of one encoder layer and an optional final norm ({@code torch.nn.TransformerEncoder}),
 * each called through its {@code call}. PyTorch's nested-tensor fast path is not implemented.
 */
public class TransformerEncoder extends Module {
    /** The encoder layers, applied in order. */
    public final ModuleList layers;
    /** The norm applied to the last layer's output, or null. */
    public final Module norm;

    /**
     * {@code numLayers} copies of {@code layer} (same initial weights, as PyTorch's deepcopy) and an optional final
     * norm; {@code enable_nested_tensor} is not an option (there is no fast path).
     *
     * @param layer the layer to copy
     * @param numLayers the number of copies
     * @param norm the final norm, or null (PyTorch's default {@code None})
     */
    public TransformerEncoder(TransformerEncoderLayer layer, int numLayers, Module norm) {
        ModuleList list = new ModuleList();
        for (int i = 0; i < numLayers; i++) list.add(layer.copy());
        this.layers = registerModule("layers", list);
        this.norm = norm == null ? null : registerModule("norm", norm);
    }

    @Override
    public Tensor forward(Tensor src) {
        return forward(src, null, null);
    }

    /**
     * Passes {@code src} through every layer, then the norm.
     *
     * @param src {@code (S, N, E)} ({@code (N, S, E)} with batch_first layers, or unbatched {@code (S, E)})
     * @param mask the self-attention mask {@code (S, S)}, bool (true = not attended) or float (added), or null
     * @param srcKeyPaddingMask {@code (N, S)} with true at padding positions, or null
     * @return the encoded sequence, shaped as {@code src}
     */
    public Tensor forward(Tensor src, Tensor mask, Tensor srcKeyPaddingMask) {
        Tensor x = src;
        for (Module m : layers) x = ((TransformerEncoderLayer) m).call(x, mask, srcKeyPaddingMask);
        return norm == null ? x : norm.call(x);
    }

    /** {@code encoder(src, mask, src_key_padding_mask)}: forward with the hooks around it; they see the three arguments. */
    public final Tensor call(Tensor src, Tensor mask, Tensor srcKeyPaddingMask) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1), (Tensor) args.get(2)), src, mask,
                srcKeyPaddingMask);
    }
}
