package org.torch4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.trace.Trace;

/**
 * The shared machinery of {@link RNN}, {@link LSTM} and {@link GRU}: parameters with PyTorch's names
 * ({@code weight_ih_l0}, {@code bias_hh_l1_reverse}, ...) and initialisation, layers, directions,
 * inter-layer dropout, batch_first, unbatched inputs and packed variable-length sequences. The input
 * projection of a whole sequence is one GEMM; each layer and direction then runs as one {@link RecurrentLayer}
 * (fused cells, one autograd node), except LSTM's projections ({@code projSize}), which step through the cell ops.
 */
public abstract class RNNBase extends Module {

    /** The number of input features and the size of the hidden (and cell) state. */
    public final long inputSize, hiddenSize;
    /** The number of stacked recurrent layers. */
    public final int numLayers;
    /**
     * Whether the layers have {@code bias_ih}/{@code bias_hh}; whether batched input and output are {@code (N, L, *)}
     * instead of {@code (L, N, *)}; whether each layer also runs backwards in time.
     */
    public final boolean bias, batchFirst, bidirectional;
    /** The dropout probability on the outputs of every layer but the last, in training mode. */
    public final double dropout;
    /** The size of LSTM's projected hidden state h (0: no projection, h has hiddenSize). */
    public final long projSize;
    private final int gates;

    /**
     * A recurrent network without projection ({@code proj_size = 0}); see the constructor below for the checks.
     *
     * @param gates the number of gate blocks stacked in each weight (1 for RNN, 3 for GRU, 4 for LSTM)
     * @param inputSize the number of input features
     * @param hiddenSize the size of the hidden state
     * @param numLayers the number of stacked layers
     * @param bias whether the layers have biases
     * @param batchFirst whether batched input and output put the batch first
     * @param dropout the dropout probability between layers
     * @param bidirectional whether each layer also runs backwards
     */
    protected RNNBase(int gates, long inputSize, long hiddenSize, int numLayers, boolean bias, boolean batchFirst, double dropout,
                      boolean bidirectional) {
        this(gates, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, 0);
    }

    /** With {@code projSize} > 0 (LSTM only) each layer and direction also has {@code weight_hr} [projSize, hiddenSize]. */
    protected RNNBase(int gates, long inputSize, long hiddenSize, int numLayers, boolean bias, boolean batchFirst, double dropout,
                      boolean bidirectional, long projSize) {
        if (dropout < 0 || dropout > 1) {
            throw new IllegalArgumentException("dropout should be a number in range [0, 1] representing the probability of an "
                    + "element being zeroed");
        }
        if (hiddenSize <= 0) throw new IllegalArgumentException("hidden_size must be greater than zero");
        if (numLayers <= 0) throw new IllegalArgumentException("num_layers must be greater than zero");
        if (projSize < 0) throw new IllegalArgumentException("proj_size should be a positive integer or zero to disable projections");
        if (projSize >= hiddenSize) throw new IllegalArgumentException("proj_size has to be smaller than hidden_size");
        this.projSize = projSize;
        this.gates = gates;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.numLayers = numLayers;
        this.bias = bias;
        this.batchFirst = batchFirst;
        this.dropout = dropout;
        this.bidirectional = bidirectional;
        int dirs = bidirectional ? 2 : 1;
        long out = outputSize();
        for (int l = 0; l < numLayers; l++) {
            for (int d = 0; d < dirs; d++) {
                String sfx = "_l" + l + (d == 1 ? "_reverse" : "");
                long in = l == 0 ? inputSize : out * dirs;
                registerParameter("weight_ih" + sfx, new Parameter(Torch.empty(new long[] {gates * hiddenSize, in}, DType.FLOAT32)));
                registerParameter("weight_hh" + sfx, new Parameter(Torch.empty(new long[] {gates * hiddenSize, out}, DType.FLOAT32)));
                if (bias) {
                    registerParameter("bias_ih" + sfx, new Parameter(Torch.empty(new long[] {gates * hiddenSize}, DType.FLOAT32)));
                    registerParameter("bias_hh" + sfx, new Parameter(Torch.empty(new long[] {gates * hiddenSize}, DType.FLOAT32)));
                }
                // registered after the biases, so PyTorch's initialisation order draws it last
                if (projSize > 0) registerParameter("weight_hr" + sfx, new Parameter(Torch.empty(new long[] {projSize, hiddenSize}, DType.FLOAT32)));
            }
        }
        resetParameters();
    }

    /** Every weight uniform in +-1/sqrt(hidden_size), in registration order, as PyTorch. */
    public void resetParameters() {
        double k = 1 / Math.sqrt(hiddenSize);
        for (Parameter p : namedParametersOwn()) Init.uniform_(p, -k, k);
    }

    /** The size of h and of each direction's output: projSize when projecting, else hiddenSize. */
    public long outputSize() {
        return projSize > 0 ? projSize : hiddenSize;
    }

    private List<Parameter> namedParametersOwn() {
        return new ArrayList<>(namedParameters().values());
    }

    private Tensor param(String name) {
        return namedParameters().get(name);
    }

    /** The number of state tensors: 1 (h) or 2 (h and c). */
    protected abstract int stateCount();

    /** One step: the input projection x W_ih^T + b_ih for this step, the state, and the recurrent weights. */
    protected abstract Tensor[] cell(Tensor xProj, Tensor[] state, Tensor whh, Tensor bhh);

    /** Runs every layer and direction over padded [T, N, in] with optional lengths; returns {output, finals...}. */
    protected Tensor[] run(Tensor x, long[] lengths, Tensor[] initial) {
        int dirs = bidirectional ? 2 : 1;
        long t = x.size(0), n = x.size(1);
        if (x.size(2) != inputSize) {
            throw new IllegalArgumentException("input.size(-1) must be equal to input_size. Expected " + inputSize + ", got " + x.size(2));
        }
        int k = stateCount();
        Tensor[][] finals = new Tensor[k][numLayers * dirs];
        Tensor mask = null, reverseIdx = null;
        if (lengths != null) {
            long[] m = new long[(int) (t * n)], rev = new long[(int) (t * n)];
            for (int s = 0; s < t; s++) {
                for (int b = 0; b < n; b++) {
                    m[(int) (s * n + b)] = s < lengths[b] ? 1 : 0;
                    rev[(int) (s * n + b)] = s < lengths[b] ? lengths[b] - 1 - s : s;
                }
            }
            mask = Torch.tensor(m, t, n, 1).to(x.device()).toBool();
            reverseIdx = Torch.tensor(rev, t, n, 1).to(x.device());
        }
        Tensor layerInput = x;
        for (int l = 0; l < numLayers; l++) {
            List<Tensor> outs = new ArrayList<>();
            for (int d = 0; d < dirs; d++) {
                String sfx = "_l" + l + (d == 1 ? "_reverse" : "");
                Tensor in = d == 0 ? layerInput : reverseTime(layerInput, reverseIdx);
                // as one 2-d product, whose bias is added by the GEMM itself (a 3-d one adds it in a broadcast pass)
                Tensor proj = F.linear(in.reshape(t * n, in.size(2)), param("weight_ih" + sfx), bias ? param("bias_ih" + sfx) : null)
                        .reshape(t, n, (long) gates * hiddenSize);
                Tensor whh = param("weight_hh" + sfx), bhh = bias ? param("bias_hh" + sfx) : null;
                Tensor whr = projSize > 0 ? param("weight_hr" + sfx) : null;
                Tensor[] state = new Tensor[k];
                for (int s = 0; s < k; s++) state[s] = initial[s].select(0, l * dirs + d);
                RecurrentLayer.Kind fused = whr == null ? fusedKind() : null;
                if (fused != null) {
                    Tensor[] r = RecurrentLayer.run(fused, proj, state[0], k > 1 ? state[1] : null, whh, bhh, lengths);
                    outs.add(d == 0 ? r[0] : reverseTime(r[0], reverseIdx));
                    for (int j = 0; j < k; j++) finals[j][l * dirs + d] = r[1 + j];
                    continue;
                }
                List<Tensor> steps = new ArrayList<>();
                for (int s = 0; s < t; s++) {
                    Tensor[] next = cell(proj.select(0, s), state, whh, bhh);
                    if (whr != null) next[0] = F.linear(next[0], whr, null);   // LSTM's projection of h = o * tanh(c)
                    if (mask != null) {
                        Tensor active = mask.select(0, s);
                        for (int j = 0; j < k; j++) next[j] = Torch.where(active, next[j], state[j]);
                        steps.add(Torch.where(active, next[0], Torch.zerosLike(next[0])));
                    } else {
                        steps.add(next[0]);
                    }
                    state = next;
                }
                Tensor out = Torch.stack(steps, 0);
                outs.add(d == 0 ? out : reverseTime(out, reverseIdx));
                for (int j = 0; j < k; j++) finals[j][l * dirs + d] = state[j];
            }
            layerInput = dirs == 1 ? outs.get(0) : Torch.cat(outs, 2);
            if (l < numLayers - 1 && dropout > 0) layerInput = F.dropout(layerInput, dropout, training);
        }
        Tensor[] result = new Tensor[1 + k];
        result[0] = layerInput;
        for (int j = 0; j < k; j++) result[1 + j] = Torch.stack(List.of(finals[j]), 0);
        return result;
    }

    /**
     * The cell {@link RecurrentLayer} runs for this module, or null for other classes (subclasses too, which may
     * override {@link #cell}): those step through {@code cell}.
     */
    private RecurrentLayer.Kind fusedKind() {
        if (getClass() == LSTM.class) return RecurrentLayer.Kind.LSTM;
        if (getClass() == GRU.class) return RecurrentLayer.Kind.GRU;
        if (getClass() == RNN.class) return ((RNN) this).nonlinearity.equals("tanh") ? RecurrentLayer.Kind.RNN_TANH : RecurrentLayer.Kind.RNN_RELU;
        return null;
    }

    /** Reverses each sequence within its own length (or the whole time axis without lengths). */
    private static Tensor reverseTime(Tensor x, Tensor reverseIdx) {
        if (reverseIdx == null) return x.flip(0);
        return x.gather(0, reverseIdx.expand(x.shape()).contiguous());
    }

    /**
     * Zero states, or the given ones checked against [layers * directions, N, H] (h has projSize
     * instead of H when projecting; LSTM's message names hidden[0] and hidden[1], as PyTorch's).
     */
    protected Tensor[] initialState(Tensor[] given, long n, Tensor like) {
        int dirs = bidirectional ? 2 : 1;
        Tensor[] s = new Tensor[stateCount()];
        for (int j = 0; j < s.length; j++) {
            long[] shape = {(long) numLayers * dirs, n, j == 0 ? outputSize() : hiddenSize};
            if (given == null || given[j] == null) {
                s[j] = Torch.zeros(shape, like.dtype(), like.device());
            } else {
                if (!java.util.Arrays.equals(given[j].shape(), shape)) {
                    throw new IllegalArgumentException("Expected hidden" + (s.length > 1 ? "[" + j + "]" : "") + " size " + java.util.Arrays.toString(shape).replace('[', '(').replace(']', ')')
                            + ", got " + java.util.Arrays.toString(given[j].shape()));
                }
                s[j] = given[j];
            }
        }
        return s;
    }

    /** The forward on a padded tensor: handles batch_first and unbatched [T, in] inputs. */
    protected Tensor[] forwardPadded(Tensor input, Tensor[] state) {
        if (Trace.recording()) return Trace.op(this instanceof LSTM ? "aten::lstm" : this instanceof GRU ? "aten::gru" : "aten::rnn", () -> forwardPadded(input, state), input, state, this);
        boolean unbatched = input.dim() == 2;
        if (!unbatched && input.dim() != 3) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": Expected input to be 2D or 3D, got " + input.dim() + "D instead");
        }
        Tensor x = unbatched ? input.unsqueeze(1) : batchFirst ? input.transpose(0, 1) : input;
        Tensor[] given = state;
        if (unbatched && state != null) {
            given = new Tensor[state.length];
            for (int j = 0; j < state.length; j++) given[j] = state[j] == null ? null : state[j].unsqueeze(1);
        }
        Tensor[] r = run(x, null, initialState(given, x.size(1), x));
        Tensor out = r[0];
        if (unbatched) {
            out = out.squeeze(1);
            for (int j = 1; j < r.length; j++) r[j] = r[j].squeeze(1);
        } else if (batchFirst) {
            out = out.transpose(0, 1);
        }
        r[0] = out;
        return r;
    }

    /** The forward on a packed sequence; states are in the caller's batch order. */
    protected Tensor[] forwardPacked(PackedSequence input, Tensor[] state) {
        PackedSequence.Padded padded = new PackedSequence(input.data(), input.batchSizes(), null, null).pad(false, 0, null);
        long[] lengths = input.sortedLengths();
        long n = lengths.length;
        Tensor order = input.sortedIndices() == null ? null : Torch.tensor(input.sortedIndices(), n);
        Tensor[] given = state;
        if (state != null && order != null) {
            given = new Tensor[state.length];
            for (int j = 0; j < state.length; j++) given[j] = state[j] == null ? null : state[j].indexSelect(1, order.to(state[j].device()));
        }
        Tensor[] r = run(padded.output(), lengths, initialState(given, n, input.data()));
        PackedSequence out = PackedSequence.pack(r[0], lengths, false, true);
        Tensor[] result = new Tensor[r.length];
        result[0] = out.data();
        for (int j = 1; j < r.length; j++) {
            result[j] = input.unsortedIndices() == null ? r[j] : r[j].indexSelect(1, Torch.tensor(input.unsortedIndices(), n).to(r[j].device()));
        }
        return result;
    }

    @Override
    protected String extraRepr() {
        StringBuilder sb = new StringBuilder().append(inputSize).append(", ").append(hiddenSize);
        if (projSize != 0) sb.append(", proj_size=").append(projSize);
        if (numLayers != 1) sb.append(", num_layers=").append(numLayers);
        if (!bias) sb.append(", bias=False");
        if (batchFirst) sb.append(", batch_first=True");
        if (dropout != 0) sb.append(", dropout=").append(Py.repr(dropout));
        if (bidirectional) sb.append(", bidirectional=True");
        return sb.toString();
    }
}
