/**
 * {@code torch.distributed} on the CPU: key-value stores for rendezvous ({@link org.torch4j.distributed.TCPStore},
 * {@link org.torch4j.distributed.HashStore}, {@link org.torch4j.distributed.PrefixStore}), process groups whose
 * ranks talk over a full mesh of TCP connections (PyTorch's "gloo" backend, written in Java), the collectives and
 * point-to-point operations of the {@link org.torch4j.distributed.Dist} facade, and the {@code torchrun}
 * launcher {@link org.torch4j.distributed.Run}. See {@code docs/distributed.md}.
 */
@Export
@Version("0.1.0")
package org.torch4j.distributed;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
