/**
 * Checkpoint files: {@link org.torch4j.io.SafeTensors} reads and writes Hugging Face's safetensors
 * format (the portable, safe way to exchange weights with Python), and
 * {@link org.torch4j.io.PyTorchCheckpoint} reads the zip files of PyTorch's {@code torch.save}
 * ({@code .pt}, {@code .pth}) through a restricted unpickler that never executes code from the file.
 *
 * <pre>{@code
 * SafeTensors.save(model.stateDict(), Path.of("model.safetensors"));
 * model.loadStateDict(SafeTensors.load(Path.of("model.safetensors")));
 * model.loadStateDict(PyTorchCheckpoint.load(Path.of("model.pt")));   // written by torch.save(model.state_dict(), ...)
 * }</pre>
 *
 * <p>Malformed or hostile files fail with a {@link org.torch4j.io.CheckpointException} (a refused
 * pickle with its subclass {@link org.torch4j.io.UnsafeCheckpointException}); I/O errors surface as
 * {@link java.io.UncheckedIOException}.
 *
 * <p>{@link org.torch4j.io.Json} is the small strict JSON codec the platform's bundles share.
 */
@Export
@Version("0.2.0")
package org.torch4j.io;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
