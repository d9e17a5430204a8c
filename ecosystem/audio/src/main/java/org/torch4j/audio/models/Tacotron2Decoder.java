package org.torch4j.audio.models;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.nn.LSTM;
import org.torch4j.nn.LSTMCell;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;

/**
 * Tacotron2's autoregressive decoder with attention (torchaudio's {@code _Decoder}): per frame, the
 * prenet of the previous frame and the previous context feed the attention LSTM, the attention gives a
 * new context, and the decoder LSTM's output with that context is projected to the next frame and to the
 * stop-token (gate) logit. {@link #forward(Tensor, Tensor, Tensor)} is teacher-forced; {@link #infer}
 * feeds back its own frames until every gate passes the threshold or {@code decoderMaxStep} frames.
 */
public class Tacotron2Decoder extends Module {
    private static final System.Logger LOG = System.getLogger(Tacotron2Decoder.class.getName());

    /** Mel bins, frames per step, encoder width, attention LSTM width, decoder LSTM width and prenet width. */
    public final long nMels, nFramesPerStep, encoderEmbeddingDim, attentionRnnDim, decoderRnnDim, prenetDim;
    /** The most frames {@link #infer} decodes. */
    public final int decoderMaxStep;
    /** The stop-token probability above which a sequence is finished; settable, as torchaudio's attribute. */
    public double gateThreshold;
    /** Dropout on the attention and the decoder LSTMs' outputs in training. */
    public final double attentionDropout, decoderDropout;
    /** Whether {@link #infer} stops once every sequence is finished. */
    public final boolean decoderEarlyStopping;
    /** {@code prenet}: two layers of {@code prenetDim}. */
    public final Tacotron2Prenet prenet;
    /** {@code attention_rnn} and {@code decoder_rnn}. */
    public final LSTMCell attentionRnn, decoderRnn;
    /** {@code attention_layer}. */
    public final Tacotron2Attention attentionLayer;
    /** {@code linear_projection} (to the frame) and {@code gate_layer} (to the stop logit, sigmoid gain). */
    public final Linear linearProjection, gateLayer;

    /**
     * The decoder's outputs.
     *
     * @param melSpecgram [batch, nMels, frames]
     * @param melSpecgramLengths int32 [batch], the frames before each sequence's gate passed (infer only; null in forward)
     * @param gateOutputs [batch, frames], the stop logits
     * @param alignments [batch, frames, tokens], the attention weights
     */
    public record Output(Tensor melSpecgram, Tensor melSpecgramLengths, Tensor gateOutputs, Tensor alignments) {}

    /** The recurrent state carried from frame to frame ({@code _initialize_decoder_states}). */
    private record State(Tensor attentionHidden, Tensor attentionCell, Tensor decoderHidden, Tensor decoderCell, Tensor attentionWeights,
                         Tensor attentionWeightsCum, Tensor attentionContext) {}

    /** One frame's outputs and the next state. */
    private record Step(Tensor frame, Tensor gate, State state) {}

    /**
     * torchaudio's constructor.
     *
     * @param nMels mel bins
     * @param nFramesPerStep frames per decoder step (torchaudio supports only 1)
     * @param encoderEmbeddingDim the encoder outputs' width
     * @param decoderRnnDim the decoder LSTM's width
     * @param decoderMaxStep the most frames {@link #infer} decodes
     * @param decoderDropout dropout on the decoder LSTM's output in training
     * @param decoderEarlyStopping stop {@link #infer} once every sequence is finished
     * @param attentionRnnDim the attention LSTM's width
     * @param attentionHiddenDim the attention's hidden width
     * @param attentionLocationNFilter the location convolution's filters
     * @param attentionLocationKernelSize the location convolution's kernel
     * @param attentionDropout dropout on the attention LSTM's output in training
     * @param prenetDim the prenet's width
     * @param gateThreshold the stop-token probability that finishes a sequence
     */
    public Tacotron2Decoder(long nMels, long nFramesPerStep, long encoderEmbeddingDim, long decoderRnnDim, int decoderMaxStep,
                            double decoderDropout, boolean decoderEarlyStopping, long attentionRnnDim, long attentionHiddenDim,
                            long attentionLocationNFilter, long attentionLocationKernelSize, double attentionDropout, long prenetDim,
                            double gateThreshold) {
        this.nMels = nMels;
        this.nFramesPerStep = nFramesPerStep;
        this.encoderEmbeddingDim = encoderEmbeddingDim;
        this.attentionRnnDim = attentionRnnDim;
        this.decoderRnnDim = decoderRnnDim;
        this.prenetDim = prenetDim;
        this.decoderMaxStep = decoderMaxStep;
        this.gateThreshold = gateThreshold;
        this.attentionDropout = attentionDropout;
        this.decoderDropout = decoderDropout;
        this.decoderEarlyStopping = decoderEarlyStopping;
        prenet = registerModule("prenet", new Tacotron2Prenet(nMels * nFramesPerStep, List.of(prenetDim, prenetDim)));
        attentionRnn = registerModule("attention_rnn", new LSTMCell(prenetDim + encoderEmbeddingDim, attentionRnnDim));
        attentionLayer = registerModule("attention_layer", new Tacotron2Attention(attentionRnnDim, encoderEmbeddingDim, attentionHiddenDim,
                attentionLocationNFilter, attentionLocationKernelSize));
        decoderRnn = registerModule("decoder_rnn", new LSTMCell(attentionRnnDim + encoderEmbeddingDim, decoderRnnDim, true));
        linearProjection = registerModule("linear_projection",
                Tacotron2Layers.linear(decoderRnnDim + encoderEmbeddingDim, nMels * nFramesPerStep, true, "linear"));
        gateLayer = registerModule("gate_layer", Tacotron2Layers.linear(decoderRnnDim + encoderEmbeddingDim, 1, true, "sigmoid"));
    }

    /** Not a one-input module: use {@link #forward(Tensor, Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("Tacotron2Decoder takes the memory, the target mel spectrogram and the memory lengths");
    }

    /** {@code decoder(memory, mel_specgram_truth, memory_lengths)}: {@link #forward(Tensor, Tensor, Tensor)} with the hooks around it. */
    public final Output call(Tensor memory, Tensor melSpecgramTruth, Tensor memoryLengths) {
        return callWithHooks(a -> forward((Tensor) a.get(0), (Tensor) a.get(1), (Tensor) a.get(2)), memory, melSpecgramTruth, memoryLengths);
    }

    /**
     * Teacher-forced decoding: frame {@code t} is predicted from the true frame {@code t - 1} (zeros first).
     *
     * @param memory [batch, tokens, encoderEmbeddingDim], the encoder outputs
     * @param melSpecgramTruth [batch, nMels, frames]
     * @param memoryLengths int64 [batch], the tokens of each sequence
     * @return the mel spectrogram, null lengths, the gate logits and the alignments
     */
    public Output forward(Tensor memory, Tensor melSpecgramTruth, Tensor memoryLengths) {
        Tensor inputs = melSpecgramTruth.transpose(1, 2);
        inputs = inputs.reshape(inputs.size(0), inputs.size(1) / nFramesPerStep, -1).transpose(0, 1);
        inputs = prenet.call(Torch.cat(List.of(goFrame(memory).unsqueeze(0), inputs), 0));
        Tensor mask = Tacotron2Layers.paddingMask(memoryLengths);
        Tensor processedMemory = attentionLayer.memoryLayer.call(memory);
        State state = initialState(memory);
        List<Tensor> frames = new ArrayList<>(), gates = new ArrayList<>(), alignments = new ArrayList<>();
        for (long t = 0; t < inputs.size(0) - 1; t++) {
            Step step = decode(inputs.select(0, t), state, memory, processedMemory, mask);
            state = step.state();
            frames.add(step.frame());
            gates.add(step.gate().squeeze(1));
            alignments.add(state.attentionWeights());
        }
        return parse(Torch.stack(frames), null, Torch.stack(gates), Torch.stack(alignments));
    }

    /**
     * Autoregressive decoding from a zero frame: each step's frame is the next step's input. A sequence
     * counts frames until the sigmoid of its gate exceeds {@link #gateThreshold}; with early stopping the
     * loop ends when all have, else after {@code decoderMaxStep} frames (logged as a warning, as torchaudio warns).
     *
     * @param memory [batch, tokens, encoderEmbeddingDim], the encoder outputs
     * @param memoryLengths int64 [batch], the tokens of each sequence
     * @return the mel spectrogram [batch, nMels, steps], int32 lengths, gate logits [batch, steps] and
     *     alignments [batch, steps, tokens]
     */
    public Output infer(Tensor memory, Tensor memoryLengths) {
        int batch = (int) memory.size(0);
        Tensor input = goFrame(memory);
        Tensor mask = Tacotron2Layers.paddingMask(memoryLengths);
        Tensor processedMemory = attentionLayer.memoryLayer.call(memory);
        State state = initialState(memory);
        int[] lengths = new int[batch];
        boolean[] finished = new boolean[batch];
        List<Tensor> frames = new ArrayList<>(), gates = new ArrayList<>(), alignments = new ArrayList<>();
        for (int t = 0; t < decoderMaxStep; t++) {
            Step step = decode(prenet.call(input), state, memory, processedMemory, mask);
            state = step.state();
            frames.add(step.frame());
            gates.add(step.gate().squeeze(1));
            alignments.add(state.attentionWeights());
            double[] stop = step.gate().squeeze(1).sigmoid().toDouble().toDoubleArray();
            boolean all = true;
            for (int b = 0; b < batch; b++) {
                if (!finished[b]) lengths[b]++;
                finished[b] |= stop[b] > gateThreshold;
                all &= finished[b];
            }
            if (decoderEarlyStopping && all) break;
            input = step.frame();
        }
        if (frames.size() == decoderMaxStep) {
            LOG.log(System.Logger.Level.WARNING, "Reached max decoder steps. The generated spectrogram might not cover the whole transcript.");
        }
        Tensor melLengths = Torch.tensor(lengths, batch).to(memory.device());
        return parse(Torch.stack(frames), melLengths, Torch.stack(gates), Torch.stack(alignments));
    }

    /** {@code decode}: one frame from the prenet's output and the state. */
    private Step decode(Tensor decoderInput, State s, Tensor memory, Tensor processedMemory, Tensor mask) {
        LSTM.State att = attentionRnn.call(Torch.cat(List.of(decoderInput, s.attentionContext()), -1),
                new LSTM.State(s.attentionHidden(), s.attentionCell()));
        Tensor attentionHidden = F.dropout(att.h(), attentionDropout, isTraining());
        Tensor weightsCat = Torch.cat(List.of(s.attentionWeights().unsqueeze(1), s.attentionWeightsCum().unsqueeze(1)), 1);
        Tacotron2Attention.Result r = attentionLayer.call(attentionHidden, memory, processedMemory, weightsCat, mask);
        Tensor weightsCum = s.attentionWeightsCum().add(r.attentionWeights());
        LSTM.State dec = decoderRnn.call(Torch.cat(List.of(attentionHidden, r.attentionContext()), -1),
                new LSTM.State(s.decoderHidden(), s.decoderCell()));
        Tensor decoderHidden = F.dropout(dec.h(), decoderDropout, isTraining());
        Tensor hiddenAndContext = Torch.cat(List.of(decoderHidden, r.attentionContext()), 1);
        State next = new State(attentionHidden, att.c(), decoderHidden, dec.c(), r.attentionWeights(), weightsCum, r.attentionContext());
        return new Step(linearProjection.call(hiddenAndContext), gateLayer.call(hiddenAndContext), next);
    }

    /** The all-zeros first input frame [batch, nMels * nFramesPerStep]. */
    private Tensor goFrame(Tensor memory) {
        return Torch.zeros(new long[] {memory.size(0), nMels * nFramesPerStep}, memory.dtype(), memory.device());
    }

    private State initialState(Tensor memory) {
        long batch = memory.size(0), tokens = memory.size(1);
        DType dtype = memory.dtype();
        Tensor attention = Torch.zeros(new long[] {batch, attentionRnnDim}, dtype, memory.device());
        Tensor decoder = Torch.zeros(new long[] {batch, decoderRnnDim}, dtype, memory.device());
        Tensor weights = Torch.zeros(new long[] {batch, tokens}, dtype, memory.device());
        Tensor context = Torch.zeros(new long[] {batch, encoderEmbeddingDim}, dtype, memory.device());
        return new State(attention, attention, decoder, decoder, weights, weights, context);
    }

    /** {@code _parse_decoder_outputs}: time-major stacks to batch-major outputs. */
    private Output parse(Tensor frames, Tensor lengths, Tensor gates, Tensor alignments) {
        Tensor mel = frames.transpose(0, 1).contiguous();
        mel = mel.view(mel.size(0), -1, nMels).transpose(1, 2);
        return new Output(mel, lengths, gates.transpose(0, 1).contiguous(), alignments.transpose(0, 1).contiguous());
    }
}
