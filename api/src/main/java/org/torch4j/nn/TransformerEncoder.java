package org.torch4j.nn;

import org.torch4j.Tensor;

/** A stack of copies of one encoder layer and an optional final norm ({@code torch.nn.TransformerEncoder}). */
public class TransformerEncoder extends Module {
    public final ModuleList layers;
    public final Module norm;

    /** {@code numLayers} copies of {@code layer} (same initial weights, as PyTorch's deepcopy); {@code norm} may be null. */
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

    public Tensor forward(Tensor src, Tensor mask, Tensor srcKeyPaddingMask) {
        Tensor x = src;
        for (Module m : layers) x = ((TransformerEncoderLayer) m).forward(x, mask, srcKeyPaddingMask);
        return norm == null ? x : norm.call(x);
    }
}
