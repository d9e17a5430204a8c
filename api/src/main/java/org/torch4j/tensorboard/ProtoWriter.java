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
        fixed(Double.doubleToRawLongBits(value), 8);
        return this;
    }

    ProtoWriter float32(int field, float value) {
        if (Float.floatToRawIntBits(value) != 0) always(field, value);
        return this;
    }

    /** A float that has presence (a oneof member): written even when 0. */
    ProtoWriter always(int field, float value) {
        tag(field, FIXED32);
        fixed(Float.floatToRawIntBits(value), 4);
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
        for (double v : values) fixed(Double.doubleToRawLongBits(v), 8);
        return this;
    }

    /** A repeated float field, packed (proto3's default). */
    ProtoWriter packed(int field, float[] values) {
        if (values.length == 0) return this;
        tag(field, LENGTH);
        raw(4L * values.length);
        for (float v : values) fixed(Float.floatToRawIntBits(v), 4);
        return this;
    }

    /** A repeated integer field (int32, int64, enum), packed as varints (proto3's default). */
    ProtoWriter packed(int field, long[] values) {
        if (values.length == 0) return this;
        ProtoWriter body = new ProtoWriter();
        for (long v : values) body.raw(v);
        return element(field, body.toBytes());
    }

    byte[] toBytes() {
        return out.toByteArray();
    }

    private void tag(int field, int wireType) {
        raw(((long) field << 3) | wireType);
    }

    /** The low {@code bytes} bytes of {@code bits}, little-endian (fixed64, fixed32). */
    private void fixed(long bits, int bytes) {
        for (int i = 0; i < bytes; i++) out.write((int) (bits >>> (8 * i)));
    }

    private void raw(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
