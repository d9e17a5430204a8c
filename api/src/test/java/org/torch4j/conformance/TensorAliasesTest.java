package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * PyTorch's short forms: conjugate transposes, {@code .T}, argwhere, the dtype shortcuts (values from PyTorch 1.13);
 * and the README's "More tensor ops" example, as written there.
 */
class TensorAliasesTest {

    private static Tensor complexMatrix() {
        // [[1+2j, 3-1j, 0], [-2j, 5, 1+1j]]
        return Torch.viewAsComplex(Torch.tensor(new double[] {1, 2, 3, -1, 0, 0, 0, -2, 5, 0, 1, 1}, 2, 3, 2));
    }

    @Test
    void conjugateTransposes() {
        Tensor z = complexMatrix();
        double[] expected = {1, -2, 0, 2, 3, 1, 5, 0, 0, 0, 1, -1}; // z.mH as (re, im) pairs, row-major [3, 2]
        for (Tensor h : new Tensor[] {z.mH(), z.H(), z.adjoint()}) {
            assertArrayEquals(new long[] {3, 2}, h.shape());
            assertArrayEquals(expected, Torch.viewAsReal(h).contiguous().toDoubleArray(), 0.0);
        }
        Tensor batch = Torch.stack(java.util.List.of(z, z.mul(2.0)), 0);
        assertArrayEquals(new long[] {2, 3, 2}, batch.mH().shape());
        assertEquals("tensor.H is only supported on matrices (2-D tensors). Got 3-D tensor. For batches of matrices, consider using tensor.mH",
                assertThrows(IllegalArgumentException.class, batch::H).getMessage());
        assertEquals("tensor.mH is only supported on matrices or batches of matrices. Got 1-D tensor.",
                assertThrows(IllegalArgumentException.class, () -> Torch.ones(3).mH()).getMessage());
        assertEquals("tensor.adjoint() is only supported on matrices or batches of matrices. Got 1-D tensor.",
                assertThrows(IllegalArgumentException.class, () -> Torch.ones(3).adjoint()).getMessage());
        Tensor scalar = Torch.viewAsComplex(Torch.tensor(new double[] {1, 2}));
        assertArrayEquals(new double[] {1, -2}, Torch.viewAsReal(scalar.mH()).toDoubleArray(), 0.0);
        assertArrayEquals(new long[0], Torch.tensor(1.0).mT().shape());
        Tensor real = Torch.arange(6).reshape(2, 3);
        assertTrue(real.mH().equal(real.t()), "a real tensor's mH is its transpose");
    }

    @Test
    void reversedDims() {
        Tensor x = Torch.arange(24).reshape(2, 3, 4);
        assertArrayEquals(new long[] {4, 3, 2}, x.T().shape());
        assertEquals(x.get(1, 2, 3).item(), x.T().get(3, 2, 1).item());
        assertArrayEquals(new long[] {3}, Torch.ones(3).T().shape());
    }

    @Test
    void argwhere() {
        assertArrayEquals(new long[] {0, 1, 1, 0}, Torch.tensor(new long[] {0, 1, 2, 0}, 2, 2).argwhere().toLongArray());
        assertArrayEquals(new long[] {1, 0}, Torch.tensor(3L).argwhere().shape());
        assertArrayEquals(new long[] {0, 0}, Torch.tensor(0L).argwhere().shape());
    }

    @Test
    void readmeExample() {
        Tensor x = Torch.tensor(new double[] {3, 1, 4, 1, 5, 9, 2, 6}, 2, 4);
        org.torch4j.ValuesIndices m = x.median(1, false);
        assertArrayEquals(new double[] {1, 5}, m.values().toDoubleArray(), 0.0);
        assertArrayEquals(new long[] {3, 0}, m.indices().toLongArray()); // PyTorch 1.13 picks the later tie
        assertEquals(1.75, x.quantile(0.25).item(), 1e-15);
        Tensor at = Torch.searchsorted(Torch.tensor(new double[] {1, 3, 5}), Torch.tensor(new double[] {2, 5}));
        assertArrayEquals(new long[] {1, 2}, at.toLongArray());
        Tensor g = Torch.meshgrid(java.util.List.of(Torch.arange(2), Torch.arange(3)), "ij").get(0);
        assertArrayEquals(new long[] {0, 0, 0, 1, 1, 1}, g.contiguous().toLongArray());
        Tensor j0 = org.torch4j.special.Special.besselJ0(Torch.tensor(new double[] {0, 2.404825557695773}));
        assertEquals(1.0, j0.get(0).item(), 1e-15);
        assertEquals(0.0, j0.get(1).item(), 1e-14);
    }

    @Test
    void dtypeShortcutsAndSizes() {
        Tensor x = Torch.tensor(new double[] {-1.5, 2.7, 300});
        assertEquals(DType.UINT8, x.toByte().dtype());
        assertArrayEquals(new long[] {255, 2, 44}, x.toByte().toLongArray()); // C casts wrap, as PyTorch's
        assertEquals(DType.INT16, x.toShort().dtype());
        assertArrayEquals(new long[] {-1, 2, 300}, x.toShort().toLongArray());
        assertEquals(DType.COMPLEX64, x.toCFloat().dtype());
        assertEquals(DType.COMPLEX128, x.toCDouble().dtype());
        assertTrue(Torch.zeros(2, 3).isSameSize(Torch.ones(2, 3)));
        assertFalse(Torch.zeros(2, 3).isSameSize(Torch.zeros(3, 2)));
    }

    /** torch.tensor(scalar) is 0-dim for numbers and booleans alike; nested arrays give their shape. */
    @Test
    void tensorFromJavaValues() {
        Tensor b = Torch.tensor((Object) Boolean.TRUE);
        assertArrayEquals(new long[0], b.shape());
        assertEquals(DType.BOOL, b.dtype());
        assertTrue(b.itemBool());
        Tensor d = Torch.tensor((Object) 2.5);
        assertArrayEquals(new long[0], d.shape());
        assertEquals(DType.FLOAT32, d.dtype());
        Tensor l = Torch.tensor((Object) 7L);
        assertArrayEquals(new long[0], l.shape());
        assertEquals(DType.INT64, l.dtype());
        Tensor m = Torch.tensor(new boolean[][] {{true, false, true}, {false, false, true}});
        assertArrayEquals(new long[] {2, 3}, m.shape());
        assertEquals(DType.BOOL, m.dtype());
        assertEquals(3, m.sum().itemLong());
    }
}
