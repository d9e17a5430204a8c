package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * A stack of copies of one decoder layer and an optional final norm ({@code torch.nn.TransformerDecoder}),
 * each called through its {@code call}.
 */
public class TransformerDecoder extends Module {
    /** The decoder layers, applied in order. */
    public final ModuleList layers;
    /** The norm applied to the last layer's output, or null. */
    public final Module norm;

    /**
     * {@code numLayers} copies of {@code layer} (same initial weights, as PyTorch's deepcopy) and an optional final norm.
     *
     * @param layer the layer to copy
     * @param numLayers the number of copies
     * @param norm the final norm, or null (PyTorch's default {@code None})
     */
    public TransformerDecoder(TransformerDecoderLayer layer, int numLayers, Module norm) {
        ModuleList list = new ModuleList();
        for (int i = 0; i < numLayers; i++) list.add(layer.copy());
        this.layers = registerModule("layers", list);
        this.norm = norm == null ? null : registerModule("norm", norm);
    }

    /**
     * Passes {@code tgt} through every layer, each attending over {@code memory}, then the norm; masks may be null.
     *
     * @param tgt {@code (T, N, E)} ({@code (N, T, E)} with batch_first layers, or unbatched {@code (T, E)})
     * @param memory the encoder output {@code (S, N, E)}
     * @param tgtMask the self-attention mask {@code (T, T)}, bool (true = not attended) or float (added)
     * @param memoryMask the attention mask over the memory {@code (T, S)}
     * @param tgtKeyPaddingMask {@code (N, T)} with true at padding positions
     * @param memoryKeyPaddingMask {@code (N, S)} with true at padding positions
     * @return the decoded sequence, shaped as {@code tgt}
     */
    public Tensor forward(Tensor tgt, Tensor memory, Tensor tgtMask, Tensor memoryMask, Tensor tgtKeyPaddingMask,
                          Tensor memoryKeyPaddingMask) {
        Tensor x = tgt;
        for (Module m : layers) {
            x = ((TransformerDecoderLayer) m).call(x, memory, tgtMask, memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask);
        }
        return norm == null ? x : norm.call(x);
    }

    /** {@code decoder(tgt, memory, ...)}: forward with the hooks around it; they see the six arguments. */
    public final Tensor call(Tensor tgt, Tensor memory, Tensor tgtMask, Tensor memoryMask, Tensor tgtKeyPaddingMask,
                             Tensor memoryKeyPaddingMask) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1), (Tensor) args.get(2), (Tensor) args.get(3),
                (Tensor) args.get(4), (Tensor) args.get(5)), tgt, memory, tgtMask, memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask);
    }
}
