package org.torch4j.quantization.qat;

import org.torch4j.Tensor;
import org.torch4j.nn.F;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parameter;
import org.torch4j.quantization.QConfig;

/**
 * A linear layer for quantization-aware training ({@code torch.ao.nn.qat.Linear}): {@code y = x fq(W)^T + b}, where
 * {@code fq} is the {@code weight_fake_quant} module made by the qconfig's weight factory. Parameters {@code weight},
 * {@code bias}; child {@code weight_fake_quant}.
 */
public class Linear extends Module {
    /** The input size. */
    public final long inFeatures;
    /** The output size. */
    public final long outFeatures;
    /** The weight {@code (outFeatures, inFeatures)}. */
    public final Parameter weight;
    /** The bias {@code (outFeatures)}, or null. */
    public final Parameter bias;
    private final QConfig qconfig;
    private final Module weightFakeQuant;

    /**
     * A layer initialised as {@link org.torch4j.nn.Linear} initialises one (the same random draws).
     *
     * @param inFeatures the input size
     * @param outFeatures the output size
     * @param bias whether to learn a bias
     * @param qconfig makes the weight's fake quantizer
     * @throws IllegalArgumentException without a qconfig ({@code qconfig must be provided for QAT module})
     */
    public Linear(long inFeatures, long outFeatures, boolean bias, QConfig qconfig) {
        this(new org.torch4j.nn.Linear(inFeatures, outFeatures, bias), qconfig);
    }

    /** A layer over {@code linear}'s parameters (shared, as PyTorch's {@code from_float} shares them). */
    Linear(org.torch4j.nn.Linear linear, QConfig qconfig) {
        if (qconfig == null) throw new IllegalArgumentException("qconfig must be provided for QAT module");
        this.inFeatures = linear.inFeatures;
        this.outFeatures = linear.outFeatures;
        this.weight = registerParameter("weight", linear.weight);
        this.bias = registerParameter("bias", linear.bias);
        this.qconfig = qconfig;
        this.weightFakeQuant = registerModule("weight_fake_quant", qconfig.weight().get());
    }

    /**
     * {@code from_float}: a QAT layer sharing the float layer's weight and bias. As PyTorch, it first builds a layer of
     * that size, so it draws from the global generator as the constructor does.
     *
     * @param mod an {@link org.torch4j.nn.Linear} (exactly that class)
     * @param qconfig the qconfig PyTorch reads from {@code mod.qconfig}
     * @return the QAT layer
     * @throws IllegalArgumentException for another module type, or without a qconfig
     */
    public static Linear fromFloat(Module mod, QConfig qconfig) {
        if (mod == null || mod.getClass() != org.torch4j.nn.Linear.class) {
            throw new IllegalArgumentException(" qat.Linear.from_float only works for Linear");
        }
        return new Linear(drawn((org.torch4j.nn.Linear) mod, qconfig), qconfig);
    }

    /** The float layer, after the random draws PyTorch's {@code cls(...)} makes in {@code from_float}. */
    static org.torch4j.nn.Linear drawn(org.torch4j.nn.Linear lin, QConfig qconfig) {
        if (qconfig == null) throw new IllegalArgumentException("Input float module must have qconfig defined");
        new org.torch4j.nn.Linear(lin.inFeatures, lin.outFeatures, lin.bias != null);
        return lin;
    }

    /** The qconfig the layer was made with. */
    public QConfig qconfig() {
        return qconfig;
    }

    /** The weight's fake quantizer ({@code weight_fake_quant}). */
    public Module weightFakeQuant() {
        return weightFakeQuant;
    }

    /**
     * {@code to_float}: a float {@link org.torch4j.nn.Linear} with copies of the weight and bias, in this layer's mode.
     *
     * @return the float layer
     */
    public Module toFloat() {
        org.torch4j.nn.Linear lin = floatLinear();
        lin.train(isTraining());
        return lin;
    }

    /** A float layer holding copies of the parameters (built as PyTorch builds it, drawing its initial values). */
    org.torch4j.nn.Linear floatLinear() {
        org.torch4j.nn.Linear lin = new org.torch4j.nn.Linear(inFeatures, outFeatures, bias != null);
        QatSupport.copy(lin.weight, weight);
        if (bias != null) QatSupport.copy(lin.bias, bias);
        return lin;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.linear(input, weightFakeQuant.call(weight), bias);
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias != null ? "True" : "False");
    }
}
