/**
 * The tracing hook: a thread-local {@link org.torch4j.trace.Tracer} that op entry points notify
 * with the op's PyTorch name ({@code aten::add}, {@code aten::convolution}, ...), its arguments and
 * its result. Exporters (ONNX) build graphs from it; the api itself knows nothing of them.
 */
@Export
@Version("0.1.0")
package org.torch4j.trace;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
