package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * A stack of copies of one decoder layer and an optional final norm ({@code torch.nn.TransformerDecoder}),
 * each called through its {@code call}.
 */
public class TransformerDecoder extends Module {
    public final ModuleList layers;
    public final Module norm;

    public TransformerDecoder(TransformerDecoderLayer layer, int numLayers, Module norm) {
        ModuleList list = new ModuleList();
        for (int i = 0; i < numLayers; i++) list.add(layer.copy());
        this.layers = registerModule("layers", list);
        this.norm = norm == null ? null : registerModule("norm", norm);
    }

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
