package org.torch4j.backend.cpu;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.torch4j.spi.BinaryOp;

/**
 * {@link BoolLogic}'s dense runs in byte lanes (the JIT did not vectorise the byte loops: half a nanosecond a
 * bool). Each returns how many leading elements it did; the caller's loop does the rest. Loaded only where the
 * Vector API is enabled.
 */
final class BoolVec {
    private BoolVec() {}

    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_PREFERRED;

    static int not(int n, byte[] o, int oo, byte[] x, int xo) {
        ByteVector zero = ByteVector.zero(B);
        int i = 0;
        for (int end = B.loopBound(n); i < end; i += B.length()) {
            zero.blend((byte) 1, ByteVector.fromArray(B, x, xo + i).compare(VectorOperators.EQ, 0)).intoArray(o, oo + i);
        }
        return i;
    }

    /** LOGICAL_AND, LOGICAL_OR or LOGICAL_XOR of the bytes as truth values. */
    static int logical(BinaryOp op, int n, byte[] o, int oo, byte[] x, int xo, byte[] y, int yo) {
        ByteVector zero = ByteVector.zero(B);
        int i = 0;
        for (int end = B.loopBound(n); i < end; i += B.length()) {
            VectorMask<Byte> a = ByteVector.fromArray(B, x, xo + i).compare(VectorOperators.NE, 0);
            VectorMask<Byte> b = ByteVector.fromArray(B, y, yo + i).compare(VectorOperators.NE, 0);
            VectorMask<Byte> m = switch (op) {
                case LOGICAL_AND -> a.and(b);
                case LOGICAL_OR -> a.or(b);
                default -> a.eq(b).not();   // xor
            };
            zero.blend((byte) 1, m).intoArray(o, oo + i);
        }
        return i;
    }
}
