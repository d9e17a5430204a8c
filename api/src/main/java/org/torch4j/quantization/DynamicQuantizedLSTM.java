package org.torch4j.quantization;

import org.torch4j.internal.PyFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.LSTM;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parameter;
import org.torch4j.trace.Trace;

/**
 * A dynamically quantized LSTM ({@code torch.ao.nn.quantized.dynamic.LSTM}, printed {@code DynamicQuantizedLSTM}):
 * each weight is quantized to qint8 (per tensor, symmetric); as PyTorch's CPU {@code quantized_lstm}, a layer's input
 * projection runs once over the whole sequence and the hidden projection once per step, each through
 * {@link DynamicQuantizedLinear}'s dynamic arithmetic (activations quantized from their min and max), and the gates
 * are computed in float32. For inference: dropout between layers is not applied.
 */
public class DynamicQuantizedLSTM extends Module {
    private final long inputSize;
    private final long hiddenSize;
    private final int numLayers;
    private final boolean batchFirst;
    private final boolean bidirectional;
    private final double dropout;
    private final QuantizedTensor[] weightIh;
    private final QuantizedTensor[] weightHh;
    private final Tensor[] biasIh;
    private final Tensor[] biasHh;
    /** The weights packed for {@link DynamicQuantizedLinear#linearDynamic}, and the biases' values. */
    private final QuantizedKernels.Weight[] packedIh, packedHh;
    private final float[][] biasIhValues, biasHhValues;

    private DynamicQuantizedLSTM(LSTM lstm) {
        this.inputSize = lstm.inputSize;
        this.hiddenSize = lstm.hiddenSize;
        this.numLayers = lstm.numLayers;
        this.batchFirst = lstm.batchFirst;
        this.bidirectional = lstm.bidirectional;
        this.dropout = lstm.dropout;
        int dirs = bidirectional ? 2 : 1;
        weightIh = new QuantizedTensor[numLayers * dirs];
        weightHh = new QuantizedTensor[numLayers * dirs];
        biasIh = new Tensor[numLayers * dirs];
        biasHh = new Tensor[numLayers * dirs];
        packedIh = new QuantizedKernels.Weight[numLayers * dirs];
        packedHh = new QuantizedKernels.Weight[numLayers * dirs];
        biasIhValues = new float[numLayers * dirs][];
        biasHhValues = new float[numLayers * dirs][];
        Map<String, Parameter> p = lstm.namedParameters();
        for (int l = 0; l < numLayers; l++) {
            for (int d = 0; d < dirs; d++) {
                String suffix = "_l" + l + (d == 1 ? "_reverse" : "");
                int i = l * dirs + d;
                weightIh[i] = DynamicQuantizedLinear.quantizeWeight(p.get("weight_ih" + suffix));
                weightHh[i] = DynamicQuantizedLinear.quantizeWeight(p.get("weight_hh" + suffix));
                biasIh[i] = p.get("bias_ih" + suffix).detach().contiguous();
                biasHh[i] = p.get("bias_hh" + suffix).detach().contiguous();
                packedIh[i] = QuantizedKernels.Weight.of(weightIh[i]);
                packedHh[i] = QuantizedKernels.Weight.of(weightHh[i]);
                biasIhValues[i] = DynamicQuantizedLinear.floats(biasIh[i]);
                biasHhValues[i] = DynamicQuantizedLinear.floats(biasHh[i]);
            }
        }
    }

    /**
     * The quantized counterpart of {@code lstm} ({@code from_float}).
     *
     * @param lstm a float LSTM with biases and without projections
     * @return the new module
     * @throws IllegalArgumentException for an LSTM without bias (PyTorch asserts {@code mod.bias}) or with {@code proj_size}
     */
    public static DynamicQuantizedLSTM fromFloat(LSTM lstm) {
        if (!lstm.bias) throw new IllegalArgumentException("DynamicQuantizedLSTM: an LSTM without bias cannot be quantized (PyTorch asserts mod.bias)");
        if (lstm.projSize != 0) throw new IllegalArgumentException("DynamicQuantizedLSTM: proj_size is not supported");
        return new DynamicQuantizedLSTM(lstm);
    }

    /** The quantized input-hidden weights, one per layer and direction ({@code weight_ih_l0}, {@code weight_ih_l0_reverse}, ...). */
    public List<QuantizedTensor> weightsIh() {
        return List.of(weightIh);
    }

    /** The quantized hidden-hidden weights, in the order of {@link #weightsIh()}. */
    public List<QuantizedTensor> weightsHh() {
        return List.of(weightHh);
    }

    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null).output();
    }

    /**
     * Runs the LSTM over a batch of sequences.
     *
     * @param input {@code (seq, batch, input_size)}, or {@code (batch, seq, input_size)} with batch_first
     * @param state the initial h and c, each {@code (num_layers * directions, batch, hidden_size)}, or null for zeros
     * @return the output {@code (seq, batch, directions * hidden_size)} (batch first with batch_first) and the final state
     */
    public LSTM.Output forward(Tensor input, LSTM.State state) {
        if (Trace.recording()) {
            return Trace.op("aten::quantized_lstm", () -> forward(input, state), input, state == null ? null : state.h(),
                    state == null ? null : state.c(), this);
        }
        if (input.dim() != 3) throw new IllegalArgumentException("DynamicQuantizedLSTM: expected a 3-d input, got " + input.dim() + "-d");
        if (input.shape()[2] != inputSize) {
            throw new IllegalArgumentException("input.size(-1) must be equal to input_size. Expected " + inputSize + ", got " + input.shape()[2]);
        }
        try (var g = Torch.noGrad()) {
            Tensor x = batchFirst ? input.transpose(0, 1) : input;
            int steps = (int) x.shape()[0];
            long batch = x.shape()[1];
            int dirs = bidirectional ? 2 : 1;
            long[] stateShape = {(long) numLayers * dirs, batch, hiddenSize};
            Tensor h0 = state == null ? Torch.zeros(stateShape) : state.h();
            Tensor c0 = state == null ? Torch.zeros(stateShape) : state.c();
            List<Tensor> hN = new ArrayList<>(), cN = new ArrayList<>();
            Tensor layerInput = x;
            for (int l = 0; l < numLayers; l++) {
                List<Tensor> outputs = new ArrayList<>();
                for (int d = 0; d < dirs; d++) {
                    int i = l * dirs + d;
                    Tensor ih = DynamicQuantizedLinear.linearDynamic(layerInput, packedIh[i], biasIhValues[i]);
                    Tensor h = h0.select(0, i), c = c0.select(0, i);
                    Tensor[] out = new Tensor[steps];
                    for (int s = 0; s < steps; s++) {
                        int t = d == 0 ? s : steps - 1 - s;
                        Tensor gates = DynamicQuantizedLinear.linearDynamic(h, packedHh[i], biasHhValues[i]).add(ih.select(0, t));
                        List<Tensor> gs = gates.chunk(4, 1);
                        Tensor in = gs.get(0).sigmoid(), forget = gs.get(1).sigmoid(), cell = gs.get(2).tanh(), o = gs.get(3).sigmoid();
                        c = forget.mul(c).add(in.mul(cell));
                        h = o.mul(c.tanh());
                        out[t] = h;
                    }
                    outputs.add(Torch.stack(List.of(out), 0));
                    hN.add(h);
                    cN.add(c);
                }
                layerInput = dirs == 2 ? Torch.cat(outputs, 2) : outputs.get(0);
            }
            Tensor output = batchFirst ? layerInput.transpose(0, 1) : layerInput;
            return new LSTM.Output(output, new LSTM.State(Torch.stack(hN, 0), Torch.stack(cN, 0)));
        }
    }

    /**
     * {@code lstm(input, state)}: {@link #forward(Tensor, LSTM.State)} with the hooks around it.
     *
     * @param input the input sequences
     * @param state the initial state, or null for zeros
     * @return the output and the final state
     */
    public final LSTM.Output call(Tensor input, LSTM.State state) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (LSTM.State) args.get(1)), input, state);
    }

    @Override
    protected String extraRepr() {
        StringBuilder sb = new StringBuilder().append(inputSize).append(", ").append(hiddenSize);
        if (numLayers != 1) sb.append(", num_layers=").append(numLayers);
        if (batchFirst) sb.append(", batch_first=True");
        if (dropout != 0) sb.append(", dropout=").append(PyFormat.repr(dropout));
        if (bidirectional) sb.append(", bidirectional=True");
        return sb.toString();
    }
}
