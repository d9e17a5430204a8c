package org.torch4j.io;

/**
 * A {@code torch.save} file whose pickle asks for something the restricted unpickler of
 * {@link PyTorchCheckpoint} refuses: a global outside its short list (such as {@code os.system} or
 * {@code builtins.eval}), or an opcode that would build arbitrary objects. Nothing from the file was
 * executed. Such a file is either hostile or holds more than tensors, numbers, strings and
 * containers; convert it with PyTorch to a plain state dict or to safetensors.
 */
public class UnsafeCheckpointException extends CheckpointException {
    private static final long serialVersionUID = 1L;

    /** A refusal with its message, which names the global or opcode. */
    public UnsafeCheckpointException(String message) {
        super(message);
    }
}
