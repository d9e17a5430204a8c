package org.torch4j.text.models;

import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.nn.Module;

/**
 * {@code torchtext.models.RobertaModel}: a RoBERTa / XLM-R encoder ({@code encoder}) and an optional head
 * ({@code head}), with torchtext's state-dict keys, so torchtext's checkpoints load as they are (older layer names
 * included):
 *
 * <pre>{@code
 * RobertaModel xlmr = new RobertaModel(RobertaEncoderConf.xlmrBase(), new RobertaClassificationHead(2, 768), false);
 * xlmr.loadStateDict(PyTorchCheckpoint.load(Path.of("xlmr.base.encoder.pt")), false);  // the head stays fresh
 * Tensor scores = xlmr.eval().call(tokens);   // tokens [B, T]: <s>=0 ... </s>=2, padded with 1
 * }</pre>
 */
public class RobertaModel extends Module {
    /** The encoder. */
    public final RobertaEncoder encoder;
    /** The head, or null for the features. */
    public final Module head;

    /** An encoder of {@code conf} without a head. */
    public RobertaModel(RobertaEncoderConf conf) {
        this(conf, null, false);
    }

    /**
     * An encoder of {@code conf} and {@code head}.
     *
     * @param head applied to the features [B, T, C], or null
     * @param freezeEncoder the encoder's parameters do not require gradients (fine-tune only the head)
     */
    public RobertaModel(RobertaEncoderConf conf, Module head, boolean freezeEncoder) {
        this.encoder = registerModule("encoder", new RobertaEncoder(conf, freezeEncoder));
        this.head = head == null ? null : registerModule("head", head);
    }

    /** The head's output on {@code tokens} [B, T], or the features [B, T, C] without a head. */
    @Override
    public Tensor forward(Tensor tokens) {
        return forward(tokens, null);
    }

    /** As {@link #forward(Tensor)}, the encoder keeping only the {@code maskedTokens} positions ([K, C]). */
    public Tensor forward(Tensor tokens, Tensor maskedTokens) {
        Tensor features = encoder.call(tokens, maskedTokens);
        return head == null ? features : head.call(features);
    }

    /** {@code model(tokens, masked_tokens)} with the hooks around it. */
    public final Tensor call(Tensor tokens, Tensor maskedTokens) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), tokens, maskedTokens);
    }

    /** Loads {@code state}, taking torchtext's older layer names too. */
    @Override
    public LoadResult loadStateDict(Map<String, Tensor> state, boolean strict) {
        return super.loadStateDict(RobertaTransformerEncoder.upgradeLegacyNames(state, "encoder.transformer."), strict);
    }
}
