package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Java numbers in tensor arithmetic (PyTorch's wrapped numbers): a number is made in the dtype its op computes in (on an
 * accelerator the kernel then takes it as an argument), except where that dtype cannot hold it exactly, and its {@code item()}
 * is the Java value, read without touching the storage (on an accelerator, without waiting for the device).
 */
class WrappedNumberTest {

    @Test
    void anOperandIsMadeInTheDtypeItsOpComputesIn() {
        Tensor i32 = Torch.arange(3).to(DType.INT32);
        assertEquals(DType.INT32, Pointwise.number(i32, 7L).dtype());
        assertEquals(DType.FLOAT32, Pointwise.operand(i32, 0.5).dtype());
        assertEquals(DType.FLOAT16, Pointwise.number(Torch.ones(2).to(DType.FLOAT16), 2L).dtype());
        assertEquals(DType.INT64, Pointwise.number(Torch.ones(2).to(DType.BOOL), 2L).dtype(), "bool and a Java long: int64");
        Tensor s = Pointwise.number(i32, 7L);
        assertTrue(s.wrappedNumber, "still promotes as a number");
    }

    @Test
    void aLongTheIntegerDtypeCannotHoldStaysInt64() {
        Tensor i32 = Torch.arange(3).to(DType.INT32);
        assertEquals(DType.INT64, Pointwise.number(i32, 3_000_000_000L).dtype());
        assertEquals(DType.INT64, Pointwise.number(Torch.ones(1).to(DType.UINT8), 256L).dtype());
        assertEquals(DType.UINT8, Pointwise.number(Torch.ones(1).to(DType.UINT8), 255L).dtype());
        // true division computes in float32 from the exact value (an int32 copy of it would have wrapped around)
        assertArrayEquals(new float[] {0f, 1f / 3e9f, 2f / 3e9f}, i32.div(3_000_000_000L).toFloatArray(), 1e-16f);
    }

    @Test
    void itemIsTheJavaValueWithoutReadingTheStorage() {
        Tensor half = Pointwise.operand(Torch.ones(2).to(DType.FLOAT16), 0.1);
        assertEquals(DType.FLOAT16, half.dtype());
        assertEquals(0.1, half.item(), 0.0, "the Java value");
        assertEquals(0.0999755859375, half.clone().item(), 0.0, "the storage holds float16's nearest value");
        assertEquals(-3L, Pointwise.scalar(half, -3L).itemLong());
    }

    @Test
    void powWithAJavaExponentKeepsPyTorchsSpecialCases() {
        Tensor x = Torch.tensor(new float[] {Float.NEGATIVE_INFINITY, 4f}).to(DType.FLOAT16);
        // x ** 0.5 is sqrt (NaN at -inf, where pow gives +inf), decided on the Java value
        Tensor r = x.pow(0.5);
        assertTrue(Double.isNaN(r.toDoubleArray()[0]));
        assertEquals(2.0, r.toDoubleArray()[1], 0.0);
    }
}
