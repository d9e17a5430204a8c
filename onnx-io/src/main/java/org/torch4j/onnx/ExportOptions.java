package org.torch4j.onnx;

import java.util.List;
import java.util.Map;

/**
 * How {@link Onnx#export} writes a model.
 *
 * <pre>{@code
 * ExportOptions o = ExportOptions.builder().inputNames("x", "h0").outputNames("y").opset(13).build();
 * }</pre>
 *
 * @param inputNames   graph input names, one per example input; empty: {@code input} (or {@code input_0}, {@code input_1}, ...)
 * @param outputNames  graph output names, one per output; empty: {@code output} (or {@code output_0}, ...)
 * @param dynamicAxes  per input or output name, its symbolic dims ({@code {0: "batch"}}); null: dim 0 of every input
 *                     and output of rank 1 or more is {@code batch}. The first symbol of the inputs is tracked through
 *                     the graph, so reshapes keep it dynamic.
 * @param opset        the default-domain ONNX opset, 13 to 20 (default 17)
 * @param producer     the producer name written into the model
 * @param externalData write the weights into {@code <file>.data} beside the model (ONNX external data); done anyway
 *                     when they exceed protobuf's 2 GB limit
 */
public record ExportOptions(List<String> inputNames, List<String> outputNames, Map<String, Map<Integer, String>> dynamicAxes,
                            int opset, String producer, boolean externalData) {

    /** The default opset. */
    public static final int DEFAULT_OPSET = 17;

    public ExportOptions {
        inputNames = List.copyOf(inputNames);
        outputNames = List.copyOf(outputNames);
        if (opset < 13 || opset > 20) {
            throw new IllegalArgumentException("Unsupported ONNX opset " + opset + ": the exporter writes opsets 13 to 20");
        }
    }

    /** The defaults: generated names, batch-dynamic dim 0, opset 17, producer torch4j. */
    public static ExportOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder of {@link ExportOptions}. */
    public static final class Builder {
        private List<String> inputNames = List.of(), outputNames = List.of();
        private Map<String, Map<Integer, String>> dynamicAxes;
        private int opset = DEFAULT_OPSET;
        private String producer = "torch4j";
        private boolean externalData;

        private Builder() {}

        public Builder inputNames(String... names) {
            inputNames = List.of(names);
            return this;
        }

        public Builder outputNames(String... names) {
            outputNames = List.of(names);
            return this;
        }

        /** Symbolic dims per input/output name; an empty map makes every dim fixed. */
        public Builder dynamicAxes(Map<String, Map<Integer, String>> axes) {
            dynamicAxes = axes;
            return this;
        }

        public Builder opset(int opset) {
            this.opset = opset;
            return this;
        }

        public Builder producer(String producer) {
            this.producer = producer;
            return this;
        }

        public Builder externalData(boolean externalData) {
            this.externalData = externalData;
            return this;
        }

        public ExportOptions build() {
            return new ExportOptions(inputNames, outputNames, dynamicAxes, opset, producer, externalData);
        }
    }
}
