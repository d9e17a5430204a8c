/**
 * Automatic mixed precision ({@code torch.amp}): {@link org.torch4j.amp.Autocast}, behind
 * {@code Torch.autocast(device, dtype)}, which runs matrix products and convolutions in float16 or
 * bfloat16 and losses in float32; and {@link org.torch4j.amp.GradScaler}, which scales a loss so
 * that small float16 gradients do not underflow, and skips the steps whose gradients overflowed.
 */
@Export
@Version("0.1.0")
package org.torch4j.amp;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
