package org.torch4j.onnx;

/**
 * An ONNX model that cannot be loaded or run: an invalid graph, tensor or attribute, an operator
 * torch4j does not implement, or a node whose computation failed. When a node is to blame the
 * message starts with it, e.g. {@code node 'conv1' (Conv, opset 11): ...}, and {@link #node()},
 * {@link #opType()} and {@link #opset()} say which.
 */
public class OnnxException extends RuntimeException {

    /** The failing node's name, or null when no single node is to blame. */
    private final String node;
    /** The failing node's operator, or null. */
    private final String opType;
    /** The opset the failing node was read with, or -1. */
    private final long opset;

    /** An error that no single node is responsible for (a malformed file, a missing graph input). */
    public OnnxException(String message) {
        this(message, null);
    }

    /**
     * An error that no single node is responsible for, caused by {@code cause}.
     *
     * @param message the message
     * @param cause the underlying exception, or null
     */
    public OnnxException(String message, Throwable cause) {
        super(message, cause);
        this.node = null;
        this.opType = null;
        this.opset = -1;
    }

    /** An error in a node; the message is prefixed with the node's name, operator and opset. */
    public OnnxException(String node, String opType, long opset, String message, Throwable cause) {
        super("node '" + node + "' (" + opType + ", opset " + opset + "): " + message, cause);
        this.node = node;
        this.opType = opType;
        this.opset = opset;
    }

    /** The name of the failing node (ONNX's name, or {@code OpType_index} for unnamed nodes), or null. */
    public String node() {
        return node;
    }

    /** The operator of the failing node, or null. */
    public String opType() {
        return opType;
    }

    /** The opset the failing node was read with, or -1. */
    public long opset() {
        return opset;
    }
}
