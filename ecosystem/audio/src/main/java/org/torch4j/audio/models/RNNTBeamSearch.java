package org.torch4j.audio.models;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.ValuesIndices;
import org.torch4j.nn.F;
import org.torch4j.nn.Module;

/**
 * Beam search decoding of an {@link RNNT} (torchaudio's {@code RNNTBeamSearch}): per encoder frame, hypotheses
 * are extended by non-blank tokens (the best {@code beamWidth} extensions that beat the {@code beamWidth}-th
 * blank-terminated hypothesis) until none is left or {@code stepMaxTokens} were emitted, blank-terminated
 * hypotheses with the same tokens merged by log-add; the frame keeps the {@code beamWidth} best by the sort key
 * (by default the score divided by the number of tokens plus one). Scores are rounded where torchaudio rounds
 * them (its float32 score tensors), so the hypotheses and scores match torchaudio's.
 */
public class RNNTBeamSearch extends Module {
    /**
     * What {@link #infer} gives.
     *
     * @param hypotheses the best hypotheses, best first
     * @param state the transcription network's state for the next segment
     */
    public record InferOutput(List<Hypothesis> hypotheses, List<EmformerLayer.State> state) {}

    /** {@code model}: the RNN-T decoded. */
    public final RNNT model;
    /** The blank token. */
    public final int blank;
    /** The joint network's logits are divided by it before the log-softmax. */
    public final double temperature;
    /** Ranks each frame's final hypotheses (higher is better). */
    public final ToDoubleFunction<Hypothesis> hypoSortKey;
    /** The most tokens emitted per frame. */
    public final int stepMaxTokens;

    /**
     * torchaudio's constructor.
     *
     * @param blank the blank token's index
     * @param temperature torchaudio's default 1.0
     * @param hypoSortKey null for torchaudio's default, {@code score / (tokens + 1)}
     * @param stepMaxTokens torchaudio's default 100
     */
    public RNNTBeamSearch(RNNT model, int blank, double temperature, ToDoubleFunction<Hypothesis> hypoSortKey, int stepMaxTokens) {
        this.model = registerModule("model", model);
        this.blank = blank;
        this.temperature = temperature;
        this.hypoSortKey = hypoSortKey == null ? h -> h.score() / (h.tokens().size() + 1) : hypoSortKey;
        this.stepMaxTokens = stepMaxTokens;
    }

    /** With torchaudio's defaults: temperature 1, the default sort key, 100 tokens per step. */
    public RNNTBeamSearch(RNNT model, int blank) {
        this(model, blank, 1.0, null, 100);
    }

    /** {@code decoder(input, length, beam_width)}: {@link #forward(Tensor, Tensor, int)} with this module's hooks around it. */
    @SuppressWarnings("unchecked")
    public final List<Hypothesis> call(Tensor input, Tensor length, int beamWidth) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1), (Integer) args.get(2)), input, length, beamWidth);
    }

    /**
     * Decodes one whole utterance (non-streaming).
     *
     * @param input [T, D] or [1, T, D] frames right-padded with the right context
     * @param length shape () or (1,): the valid frames
     * @return the {@code beamWidth} best hypotheses, best first
     * @throws IllegalArgumentException for other shapes
     */
    public List<Hypothesis> forward(Tensor input, Tensor length, int beamWidth) {
        input = batched(input);
        checkLength(length);
        return search(model.transcribe(input, length).output(), null, beamWidth);
    }

    /**
     * Decodes one segment of a stream.
     *
     * @param input [T, D] or [1, T, D]: a segment right-padded with its right context
     * @param length shape () or (1,): the valid frames
     * @param state the previous call's transcription state, or null at the start
     * @param hypothesis the previous call's best hypothesis to continue from, or null
     * @throws IllegalArgumentException for other shapes
     */
    public InferOutput infer(Tensor input, Tensor length, int beamWidth, List<EmformerLayer.State> state, Hypothesis hypothesis) {
        input = batched(input);
        checkLength(length);
        if (length.dim() == 0) length = length.unsqueeze(0);
        Emformer.InferOutput enc = model.transcribeStreaming(input, length, state);
        return new InferOutput(search(enc.output(), hypothesis, beamWidth), enc.states());
    }

    private static Tensor batched(Tensor input) {
        if (input.dim() != 2 && !(input.dim() == 3 && input.size(0) == 1)) {
            throw new IllegalArgumentException("input must be of shape (T, D) or (1, T, D)");
        }
        return input.dim() == 2 ? input.unsqueeze(0) : input;
    }

    private static void checkLength(Tensor length) {
        if (length.dim() > 1 || length.dim() == 1 && length.size(0) != 1) {
            throw new IllegalArgumentException("length must be of shape () or (1,)");
        }
    }

    private List<Hypothesis> search(Tensor encOut, Hypothesis hypo, int beamWidth) {
        Device device = encOut.device();
        List<Hypothesis> bHypos = initialHypotheses(hypo, device);
        for (long t = 0; t < encOut.size(1); t++) {
            List<Hypothesis> aHypos = bHypos;
            bHypos = new ArrayList<>();
            Map<List<Integer>, Hypothesis> keyToBHypo = new HashMap<>();
            int symbols = 0;
            while (!aHypos.isEmpty()) {
                Tensor probs = nextTokenProbs(encOut.narrow(1, t, 1), aHypos, device).cpu();
                bHypos = blankTerminated(bHypos, aHypos, probs, keyToBHypo);
                if (symbols == stepMaxTokens) break;
                aHypos = extended(aHypos, bHypos, probs, beamWidth, device);
                if (!aHypos.isEmpty()) symbols++;
            }
            float[] keys = new float[bHypos.size()];
            for (int i = 0; i < keys.length; i++) keys[i] = (float) hypoSortKey.applyAsDouble(bHypos.get(i));
            long[] best = Torch.tensor(keys, keys.length).topk(beamWidth).indices().toLongArray();
            List<Hypothesis> kept = new ArrayList<>();
            for (long i : best) kept.add(bHypos.get((int) i));
            bHypos = kept;
        }
        return bHypos;
    }

    /** torchaudio's {@code _init_b_hypos}: the blank, or the given hypothesis's last token and state, through the predictor. */
    private List<Hypothesis> initialHypotheses(Hypothesis hypo, Device device) {
        int token = hypo == null ? blank : hypo.tokens().get(hypo.tokens().size() - 1);
        List<CustomLSTM.State> state = hypo == null ? null : hypo.state();
        Predictor.Output out = model.predict(Torch.tensor(new long[] {token}, 1, 1).to(device), ones(1, device), state);
        return new ArrayList<>(List.of(new Hypothesis(List.of(token), out.output().select(0, 0).detach(), out.state(), 0.0)));
    }

    /** The log-softmax of the joint network over each hypothesis with frame {@code enc} [1, 1, D]: [hypotheses, symbols]. */
    private Tensor nextTokenProbs(Tensor enc, List<Hypothesis> hypos, Device device) {
        List<Tensor> outs = new ArrayList<>();
        for (Hypothesis h : hypos) outs.add(h.predictorOut());
        Tensor joined = model.join(enc, ones(1, device), Torch.stack(outs, 0), ones(hypos.size(), device)).output();
        return F.logSoftmax(joined.div(temperature), 3).select(2, 0).select(1, 0);
    }

    /** torchaudio's {@code _gen_b_hypos}: each hypothesis ended by a blank, merged with an equal one; sorted by score. */
    private static List<Hypothesis> blankTerminated(List<Hypothesis> bHypos, List<Hypothesis> aHypos, Tensor probs,
                                                    Map<List<Integer>, Hypothesis> keyToBHypo) {
        DType dtype = probs.dtype();
        long symbols = probs.size(1);
        double[] p = probs.to(DType.FLOAT64).toDoubleArray();
        for (int i = 0; i < aHypos.size(); i++) {
            Hypothesis a = aHypos.get(i);
            double appendBlank = inDtype(inDtype(a.score(), dtype) + p[(int) (i * symbols + symbols - 1)], dtype);
            Hypothesis b = keyToBHypo.get(a.tokens());
            double score;
            if (b != null) {
                for (int j = 0; j < bHypos.size(); j++) {
                    if (bHypos.get(j).tokens().equals(b.tokens())) {
                        bHypos.remove(j);
                        break;
                    }
                }
                // torch.tensor(score) is float32; the log-add runs in the wider dtype
                score = inDtype(logaddexp((float) b.score(), appendBlank), dtype == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32);
            } else {
                score = appendBlank;
            }
            Hypothesis merged = new Hypothesis(a.tokens(), a.predictorOut(), a.state(), score);
            bHypos.add(merged);
            keyToBHypo.put(merged.tokens(), merged);
        }
        float[] scores = new float[bHypos.size()];
        for (int i = 0; i < scores.length; i++) scores[i] = (float) bHypos.get(i).score();
        List<Hypothesis> sorted = new ArrayList<>();
        for (long i : Torch.tensor(scores, scores.length).sort().indices().toLongArray()) sorted.add(bHypos.get((int) i));
        return sorted;
    }

    /** torchaudio's {@code _gen_a_hypos}: the best non-blank extensions that beat the beam's worst blank-terminated score. */
    private List<Hypothesis> extended(List<Hypothesis> aHypos, List<Hypothesis> bHypos, Tensor probs, int beamWidth, Device device) {
        float[] hypoScores = new float[aHypos.size()];
        for (int i = 0; i < hypoScores.length; i++) hypoScores[i] = (float) aHypos.get(i).score();
        long nonBlank = probs.size(1) - 1;
        Tensor scores = Torch.tensor(hypoScores, hypoScores.length, 1).add(probs.narrow(1, 0, nonBlank));
        ValuesIndices best = scores.reshape(-1).topk(beamWidth);
        double[] bestScores = best.values().to(DType.FLOAT64).toDoubleArray();
        long[] bestIdx = best.indices().toLongArray();
        double bNbestScore = bHypos.size() < beamWidth ? Double.NEGATIVE_INFINITY : bHypos.get(bHypos.size() - beamWidth).score();
        List<Hypothesis> base = new ArrayList<>();
        List<Integer> tokens = new ArrayList<>();
        List<Double> newScores = new ArrayList<>();
        for (int i = 0; i < beamWidth; i++) {
            if (bestScores[i] > bNbestScore) {
                base.add(aHypos.get((int) (bestIdx[i] / nonBlank)));
                tokens.add((int) (bestIdx[i] % nonBlank));
                newScores.add(bestScores[i]);
            }
        }
        return base.isEmpty() ? new ArrayList<>() : newHypotheses(base, tokens, newScores, device);
    }

    /** torchaudio's {@code _gen_new_hypos}: the base hypotheses with their new tokens through the predictor, batched. */
    private List<Hypothesis> newHypotheses(List<Hypothesis> base, List<Integer> tokens, List<Double> scores, Device device) {
        long[] tgt = new long[tokens.size()];
        for (int i = 0; i < tgt.length; i++) tgt[i] = tokens.get(i);
        List<CustomLSTM.State> states = new ArrayList<>();
        for (int layer = 0; layer < base.get(0).state().size(); layer++) {
            List<Tensor> h = new ArrayList<>(), c = new ArrayList<>();
            for (Hypothesis hypo : base) {
                h.add(hypo.state().get(layer).h());
                c.add(hypo.state().get(layer).c());
            }
            states.add(new CustomLSTM.State(Torch.cat(h), Torch.cat(c)));
        }
        Predictor.Output out = model.predict(Torch.tensor(tgt, tgt.length, 1).to(device), ones(tgt.length, device), states);
        List<Hypothesis> hypos = new ArrayList<>();
        for (int i = 0; i < base.size(); i++) {
            List<Integer> newTokens = new ArrayList<>(base.get(i).tokens());
            newTokens.add(tokens.get(i));
            List<CustomLSTM.State> sliced = new ArrayList<>();
            for (CustomLSTM.State s : out.state()) sliced.add(new CustomLSTM.State(s.h().narrow(0, i, 1), s.c().narrow(0, i, 1)));
            hypos.add(new Hypothesis(List.copyOf(newTokens), out.output().select(0, i).detach(), sliced, scores.get(i)));
        }
        return hypos;
    }

    private static Tensor ones(int n, Device device) {
        return Torch.full(new long[] {n}, 1L, DType.INT64, device);
    }

    /** A value as a tensor of {@code dtype} holds it: float32 rounds, wider types keep it. */
    private static double inDtype(double v, DType dtype) {
        return dtype == DType.FLOAT64 ? v : (float) v;
    }

    private static double logaddexp(double a, double b) {
        if (Double.isInfinite(a) && a == b) return a;
        return Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b)));
    }
}
