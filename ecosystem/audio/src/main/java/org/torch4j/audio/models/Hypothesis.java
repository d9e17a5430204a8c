package org.torch4j.audio.models;

import java.util.List;
import org.torch4j.Tensor;

/**
 * One hypothesis of {@link RNNTBeamSearch} (torchaudio's {@code Hypothesis} tuple).
 *
 * @param tokens the decoded tokens, starting with the blank (or, after a streaming call, the previous best
 *     hypothesis's last token)
 * @param predictorOut [1, D] the prediction network's output after the last token
 * @param state the prediction network's state after the last token
 * @param score the hypothesis's log probability
 */
public record Hypothesis(List<Integer> tokens, Tensor predictorOut, List<CustomLSTM.State> state, double score) {}
