/**
 * The profiler, PyTorch's {@code torch.profiler}: {@link org.torch4j.profiler.Profiler} records, on every thread,
 * the backend kernels each op runs (with their input shapes and allocated memory), the autograd nodes of backward
 * passes, module calls and {@linkplain org.torch4j.profiler.Profiler#recordFunction user ranges}, and reports them
 * as PyTorch's table ({@code prof.key_averages().table(sort_by=...)}) or as a Chrome trace.
 *
 * <pre>{@code
 * try (Profiler prof = Profiler.builder().recordShapes(true).profileMemory(true).start()) {
 *     try (RecordFunction r = Profiler.recordFunction("model_inference")) {
 *         model.call(x);
 *     }
 * }
 * System.out.println(prof.keyAverages().table("cpu_time_total", 10));
 * }</pre>
 *
 * <p>Events name the backend's kernels ({@code cpu::binary.add}, {@code cpu::matmul}) where PyTorch names its ATen
 * ops ({@code aten::add}): a torch4j op that is a composite of several kernels shows as those kernels, under the
 * module or range that called it. See {@code docs/profiler.md}.
 */
@Export
@Version("0.1.0")
package org.torch4j.profiler;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
