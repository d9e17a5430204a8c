package org.torch4j.tensorboard;

import java.nio.charset.StandardCharsets;
import org.torch4j.DType;
import org.torch4j.Tensor;

/**
 * The {@code Summary} protos of {@code torch.utils.tensorboard.summary}, as serialized {@code Summary.Value}s:
 * scalars, histograms, images, audio, text and precision-recall curves.
 */
final class Summaries {
    private Summaries() {}

    static final int DT_FLOAT = 1, DT_STRING = 7;

    /** An {@code Event} with a summary of one value, at a step and wall time. */
    static byte[] event(byte[] value, long step, double wallTime) {
        return event(java.util.List.of(value), step, wallTime);
    }

    /** An {@code Event} with a summary of several values (the mesh's three tensors), at a step and wall time. */
    static byte[] event(java.util.List<byte[]> values, long step, double wallTime) {
        ProtoWriter summary = new ProtoWriter();
        for (byte[] v : values) summary.element(1, v);
        return new ProtoWriter().float64(1, wallTime).varint(2, step).message(5, summary).toBytes();
    }

    static byte[] scalar(String tag, double value) {
        return new ProtoWriter().string(1, tag).always(2, (float) value).toBytes();
    }

    static byte[] histogram(String tag, Histograms.Histogram h) {
        return new ProtoWriter().string(1, tag).element(5, h.proto()).toBytes();
    }

    static byte[] image(String tag, Images.Pixels pixels) {
        return new ProtoWriter().string(1, tag).element(4, pixels.imageProto()).toBytes();
    }

    static byte[] text(String tag, String text) {
        ProtoWriter tensor = new ProtoWriter().varint(1, DT_STRING).message(2, shape(1))
                .element(8, text.getBytes(StandardCharsets.UTF_8));
        return new ProtoWriter().string(1, tag + "/text_summary").message(8, tensor).message(9, plugin("text", new byte[0])).toBytes();
    }

    /**
     * {@code summary.audio}: a 1-d signal in [-1, 1] (clipped when beyond) as 16-bit mono PCM in a WAV file.
     */
    static byte[] audio(String tag, Tensor signal, int sampleRate) {
        Tensor a = signal.detach().squeeze();
        if (a.dim() != 1) throw new IllegalArgumentException("input tensor should be 1 dimensional.");
        double[] v = a.to(DType.FLOAT64).contiguous().toDoubleArray();
        double peak = 0;
        for (double x : v) peak = Math.max(peak, Math.abs(x));
        boolean clip = peak > 1;
        // scaled in the signal's own precision, as numpy does: a float32 signal times 32767 rounds in float32
        boolean single = a.isFloatingPoint() && a.dtype() != DType.FLOAT64;
        short[] pcm = new short[v.length];
        for (int i = 0; i < v.length; i++) {
            double x = clip ? Math.max(-1, Math.min(1, v[i])) : v[i];
            pcm[i] = (short) (long) (single ? (float) x * 32767f : x * 32767);
        }
        ProtoWriter audio = new ProtoWriter().float32(1, sampleRate).varint(2, 1).varint(3, pcm.length).bytes(4, wav(pcm, sampleRate))
                .string(5, "audio/wav");
        return new ProtoWriter().string(1, tag).element(6, audio.toBytes()).toBytes();
    }

    /** Python's {@code wave} module's output: a 44-byte RIFF header, then the samples little-endian. */
    static byte[] wav(short[] pcm, int sampleRate) {
        int data = pcm.length * 2;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + data).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data).put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data);
        for (short s : pcm) b.putShort(s);
        return b.array();
    }

    /** A precision-recall curve: the 6 x numThresholds rows (tp, fp, tn, fn, precision, recall) as float32. */
    static byte[] prCurve(String tag, double[][] curve) {
        int n = curve[0].length;
        float[] flat = new float[6 * n];
        for (int r = 0; r < 6; r++) {
            for (int i = 0; i < n; i++) flat[r * n + i] = (float) curve[r][i];
        }
        ProtoWriter tensor = new ProtoWriter().varint(1, DT_FLOAT).message(2, shape(6, n)).packed(5, flat);
        byte[] content = new ProtoWriter().varint(2, n).toBytes();
        return new ProtoWriter().string(1, tag).message(8, tensor).message(9, plugin("pr_curves", content)).toBytes();
    }

    /** A {@code TensorShapeProto} of these sizes (no dimensions: a scalar's). */
    static ProtoWriter shape(long... dims) {
        ProtoWriter s = new ProtoWriter();
        for (long d : dims) s.message(2, new ProtoWriter().varint(1, d));
        return s;
    }

    /** A {@code SummaryMetadata} naming the plugin that shows the value, with the plugin's own content. */
    static ProtoWriter plugin(String name, byte[] content) {
        return new ProtoWriter().message(1, new ProtoWriter().string(1, name).bytes(2, content));
    }
}
