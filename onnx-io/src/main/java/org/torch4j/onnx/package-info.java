/**
 * ONNX interchange. Import: {@link org.torch4j.onnx.Onnx#load} reads a model as an
 * {@link org.torch4j.onnx.OnnxModule} (a trainable torch4j module that runs the graph with tensor
 * ops; {@link org.torch4j.onnx.OnnxType} says which Java value each graph input and output takes:
 * tensors, lists for sequences, optionals); {@link org.torch4j.onnx.ConformanceRunner} runs ONNX
 * backend test cases against it; {@link org.torch4j.onnx.ModelSummary} describes a model without
 * running it.
 */
@Export
@Version("0.3.0")
package org.torch4j.onnx;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
