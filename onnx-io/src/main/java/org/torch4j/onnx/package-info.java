/** ONNX interchange: reading ONNX models ({@link org.torch4j.onnx.ModelSummary}). */
@Export
@Version("0.1.0")
package org.torch4j.onnx;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
