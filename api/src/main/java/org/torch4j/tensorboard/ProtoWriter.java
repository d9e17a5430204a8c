package org.torch4j.tensorboard;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Protocol Buffers' wire format for the few messages an event file holds (Event, Summary, HistogramProto,
 * TensorProto, ...), written field by field in field-number order as Python's protobuf writes them. Proto3
 * semantics: a scalar at its default (0, empty) is left out unless the field has presence (a oneof member or a
 * message), which {@link #always} writes.
 */
final class ProtoWriter {
    private static final int VARINT = 0, FIXED64 = 1, LENGTH = 2, FIXED32 = 5;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ProtoWriter varint(int field, long value) {
        if (value != 0) {
            tag(field, VARINT);
            raw(value);
        }
        return this;
    }

    ProtoWriter float64(int field, double value) {
        if (Double.doubleToRawLongBits(value) != 0) always(field, value);
        return this;
    }

    /** A double that has presence (a oneof member): written even when 0. */
    ProtoWriter always(int field, double value) {
        tag(field, FIXED64);
        long bits = Double.doubleToRawLongBits(value);
        for (int i = 0; i < 8; i++) out.write((int) (bits >>> (8 * i)));
        return this;
    }

    ProtoWriter float32(int field, float value) {
        if (Float.floatToRawIntBits(value) != 0) always(field, value);
        return this;
    }

    /** A float that has presence (a oneof member): written even when 0. */
    ProtoWriter always(int field, float value) {
        tag(field, FIXED32);
        int bits = Float.floatToRawIntBits(value);
        for (int i = 0; i < 4; i++) out.write(bits >>> (8 * i));
        return this;
    }

    ProtoWriter bytes(int field, byte[] value) {
        if (value.length > 0) element(field, value);
        return this;
    }

    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** One element of a repeated bytes or string field (written even when empty). */
    ProtoWriter element(int field, byte[] value) {
        tag(field, LENGTH);
        raw(value.length);
        out.writeBytes(value);
        return this;
    }

    /** A set message field: written even when it is empty. */
    ProtoWriter message(int field, ProtoWriter message) {
        return element(field, message.toBytes());
    }

    /** A repeated double field, packed (proto3's default). */
    ProtoWriter packed(int field, double[] values) {
        if (values.length == 0) return this;
        tag(field, LENGTH);
        raw(8L * values.length);
        for (double v : values) {
            long bits = Double.doubleToRawLongBits(v);
            for (int i = 0; i < 8; i++) out.write((int) (bits >>> (8 * i)));
        }
        return this;
    }

    /** A repeated float field, packed (proto3's default). */
    ProtoWriter packed(int field, float[] values) {
        if (values.length == 0) return this;
        tag(field, LENGTH);
        raw(4L * values.length);
        for (float v : values) {
            int bits = Float.floatToRawIntBits(v);
            for (int i = 0; i < 4; i++) out.write(bits >>> (8 * i));
        }
        return this;
    }

    byte[] toBytes() {
        return out.toByteArray();
    }

    private void tag(int field, int wireType) {
        raw(((long) field << 3) | wireType);
    }

    private void raw(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
