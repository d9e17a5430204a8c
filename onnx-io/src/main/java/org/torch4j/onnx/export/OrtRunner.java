package org.torch4j.onnx.export;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.OnnxException;

/**
 * Runs a model file in ONNX Runtime (its Java API): torch4j tensors in, torch4j tensors out. Every
 * native object (session, options, input and output tensors) is closed before returning. Only this
 * class touches {@code ai.onnxruntime}, so the rest of the bundle works without it.
 */
public final class OrtRunner {
    private OrtRunner() {}

    /** Runs {@code model} once with ORT's default options but {@code threads} intra-op threads (0: ORT's default). */
    public static Map<String, Tensor> run(Path model, Map<String, Tensor> inputs, int threads) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            if (threads > 0) so.setIntraOpNumThreads(threads);
            try (OrtSession s = env.createSession(model.toString(), so)) {
                return run(env, s, inputs);
            }
        } catch (OrtException e) {
            throw new OnnxException("ONNX Runtime failed on " + model + ": " + e.getMessage(), e);
        }
    }

    /** Runs an open session (a benchmark keeps one open). */
    public static Map<String, Tensor> run(OrtEnvironment env, OrtSession s, Map<String, Tensor> inputs) throws OrtException {
        List<String> expected = new ArrayList<>(s.getInputNames());
        if (!expected.containsAll(inputs.keySet()) || !inputs.keySet().containsAll(expected)) {
            throw new IllegalArgumentException("the model's inputs are " + expected + " but " + inputs.keySet() + " were given");
        }
        Map<String, OnnxTensor> in = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Tensor> e : inputs.entrySet()) in.put(e.getKey(), toOrt(env, e.getValue()));
            Map<String, Tensor> out = new LinkedHashMap<>();
            try (OrtSession.Result r = s.run(in)) {
                for (Map.Entry<String, OnnxValue> e : r) {
                    if (!(e.getValue() instanceof OnnxTensor t)) throw new OnnxException("output '" + e.getKey() + "' is not a tensor");
                    out.put(e.getKey(), fromOrt(t));
                }
            }
            return out;
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
    }

    private static OnnxTensor toOrt(OrtEnvironment env, Tensor t) throws OrtException {
        Tensor c = t.cpu().contiguous();
        long[] shape = c.shape();
        return switch (c.dtype()) {
            case FLOAT32 -> OnnxTensor.createTensor(env, FloatBuffer.wrap(c.toFloatArray()), shape);
            case FLOAT64 -> OnnxTensor.createTensor(env, DoubleBuffer.wrap(c.toDoubleArray()), shape);
            case INT64 -> OnnxTensor.createTensor(env, LongBuffer.wrap(c.toLongArray()), shape);
            case INT32 -> OnnxTensor.createTensor(env, IntBuffer.wrap(c.toIntArray()), shape);
            case BOOL -> {
                int[] v = c.toIntArray();
                ByteBuffer b = ByteBuffer.allocateDirect(v.length);
                for (int x : v) b.put((byte) x);
                b.rewind();
                yield OnnxTensor.createTensor(env, b, shape, OnnxJavaType.BOOL);
            }
            default -> throw new IllegalArgumentException("ONNX Runtime inputs of dtype " + c.dtype() + " are not supported here");
        };
    }

    private static Tensor fromOrt(OnnxTensor t) {
        TensorInfo info = t.getInfo();
        long[] shape = info.getShape();
        Tensor flat = fromOrtFlat(t, info, shape);
        // Torch.tensor reads an empty shape as "1-d"; ORT's scalars are 0-d
        return shape.length == 0 ? flat.reshape() : flat;
    }

    private static Tensor fromOrtFlat(OnnxTensor t, TensorInfo info, long[] shape) {
        return switch (info.type) {
            case FLOAT -> {
                FloatBuffer b = t.getFloatBuffer();
                float[] a = new float[b.remaining()];
                b.get(a);
                yield Torch.tensor(a, shape);
            }
            case DOUBLE -> {
                DoubleBuffer b = t.getDoubleBuffer();
                double[] a = new double[b.remaining()];
                b.get(a);
                yield Torch.tensor(a, shape);
            }
            case INT64 -> {
                LongBuffer b = t.getLongBuffer();
                long[] a = new long[b.remaining()];
                b.get(a);
                yield Torch.tensor(a, shape);
            }
            case INT32 -> {
                IntBuffer b = t.getIntBuffer();
                int[] a = new int[b.remaining()];
                b.get(a);
                yield Torch.tensor(a, shape);
            }
            case BOOL -> {
                ByteBuffer b = t.getByteBuffer();
                boolean[] a = new boolean[b.remaining()];
                for (int i = 0; i < a.length; i++) a[i] = b.get() != 0;
                yield Torch.tensor(a, shape);
            }
            default -> throw new OnnxException("ONNX Runtime output of type " + info.type + " is not supported here");
        };
    }
}
