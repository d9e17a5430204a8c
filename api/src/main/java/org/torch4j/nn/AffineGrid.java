package org.torch4j.nn;

import java.util.Arrays;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.trace.Trace;

/**
 * {@code torch.nn.functional.affine_grid}: the sampling grid of a batch of affine maps, for
 * {@link GridSample}. Every output position's normalised coordinates (x, y[, z], 1) are multiplied by
 * theta's rows; the product is an op, so theta gets its gradient from autograd.
 */
final class AffineGrid {
    private AffineGrid() {}

    static Tensor apply(Tensor theta, long[] size, boolean alignCorners) {
        if (Trace.recording()) {
            return Trace.op("aten::affine_grid_generator", () -> apply(theta, size, alignCorners), theta, size, alignCorners);
        }
        if (!theta.isFloatingPoint()) {
            throw new IllegalArgumentException("Expected theta to have floating point type, but got " + theta.dtype());
        }
        if (size.length != 4 && size.length != 5) {
            throw new IllegalArgumentException("affine_grid only supports 4D and 5D sizes, for 2D and 3D affine transforms, "
                    + "respectively. Got size " + Arrays.toString(size) + ".");
        }
        int d = size.length - 2;
        if (theta.dim() != 3 || theta.size(1) != d || theta.size(2) != d + 1) {
            throw new IllegalArgumentException("Expected a batch of " + d + "D affine matrices of shape Nx" + d + "x" + (d + 1)
                    + " for size " + Arrays.toString(size) + ". Got " + Py.size(theta.shape()) + ".");
        }
        long[] spatial = Arrays.copyOfRange(size, 2, size.length);
        // PyTorch checks the sizes only when it does not warn about unit sizes with align_corners
        if (!(alignCorners && Arrays.stream(spatial).min().getAsLong() == 1) && Arrays.stream(size).min().getAsLong() <= 0) {
            throw new IllegalArgumentException("Expected non-zero, positive output size. Got " + Arrays.toString(size));
        }
        if (theta.size(0) != size[0]) {
            // PyTorch's bmm of the [N, L, d + 1] base grid with theta transposed says so
            throw new IllegalArgumentException("Expected size for first two dimensions of batch2 tensor to be: [" + size[0] + ", "
                    + (d + 1) + "] but got: [" + theta.size(0) + ", " + (d + 1) + "].");
        }
        long[] shape = new long[d + 2];
        shape[0] = size[0];
        System.arraycopy(spatial, 0, shape, 1, d);
        shape[d + 1] = d;
        return base(spatial, alignCorners, theta).matmul(theta.transpose(1, 2)).reshape(shape);
    }

    /** [L, d + 1]: each output position's (x, y[, z], 1), x running along the last spatial dim. */
    private static Tensor base(long[] spatial, boolean align, Tensor like) {
        int d = spatial.length;
        long l = 1;
        for (long s : spatial) l *= s;
        double[][] axis = new double[d][];
        for (int k = 0; k < d; k++) axis[k] = positions(spatial[k], align);
        double[] b = new double[Math.toIntExact(l * (d + 1))];
        long[] at = new long[d];
        for (int p = 0; p < l; p++) {
            for (int k = 0; k < d; k++) b[p * (d + 1) + (d - 1 - k)] = axis[k][(int) at[k]];
            b[p * (d + 1) + d] = 1;
            for (int k = d - 1; k >= 0 && ++at[k] == spatial[k]; k--) at[k] = 0;
        }
        return Torch.tensor(b, l, d + 1).to(like);
    }

    /** n evenly spaced points from -1 to 1 (pixel corners), or pulled in by (n - 1) / n (pixel centres); 0 when n is 1. */
    private static double[] positions(long n, boolean align) {
        double[] v = new double[(int) n];
        if (n <= 1) return v;
        double step = 2.0 / (n - 1);
        for (int i = 0; i < n; i++) {
            // as linspace: from the start in the first half, back from the end in the second
            double x = i < n / 2 ? -1 + step * i : 1 - step * (n - 1 - i);
            v[i] = align ? x : x * (n - 1) / n;
        }
        return v;
    }
}
