package org.torch4j.backend.cuda;

import static org.torch4j.backend.cuda.KernelOperands.REAL;
import static org.torch4j.backend.cuda.KernelOperands.at;
import static org.torch4j.backend.cuda.KernelOperands.device;

import org.torch4j.spi.Strided;

/**
 * The CUDA backend's {@code gridSample} (2 or 3 spatial dims; bilinear, nearest, bicubic over 2) and
 * {@code gridSampleBackward} (2 spatial dims, bilinear and nearest, the CPU backend's coverage) hooks over
 * {@code grid.cu}, a thread per output position. The backward adds into the input gradient atomically, so taps
 * shared by several positions add in no fixed order. Each declines unless its operands are contiguous CUDA
 * tensors of one device and one dtype, float32 or float64.
 */
final class GridSampleOps {
    private GridSampleOps() {}

    static boolean sample(Strided input, Strided grid, Strided out, String mode, String padding, boolean align) {
        int d = input.rank() - 2;
        int kind = kind(mode);
        CudaDevice dev = device(REAL, input, grid, out);
        if (dev == null || (d != 2 && d != 3) || kind < 0 || (kind == 2 && d != 2) || pad(padding) < 0) return false;
        long n = input.shape()[0], l = grid.numel() / Math.max(1, n * d);
        long[] sizes = new long[7];
        sizes[0] = n;
        sizes[1] = input.shape()[1];
        sizes[2] = d;
        sizes[3] = l;
        System.arraycopy(input.shape(), 2, sizes, 4, d);
        dev.launch("grid_sample_" + CudaDType.suffix(input.dtype()), n * l, sizes, kind, pad(padding), align ? 1 : 0, at(input),
                at(grid), at(out));
        return true;
    }

    static boolean backward(Strided gradOut, Strided input, Strided grid, Strided gradInput, Strided gradGrid, String mode,
                            String padding, boolean align) {
        int kind = kind(mode);
        CudaDevice dev = device(REAL, gradOut, input, grid, gradInput, gradGrid);
        if (dev == null || input.rank() != 4 || (kind != 0 && kind != 1) || pad(padding) < 0) return false;
        long[] s = input.shape();
        long l = grid.numel() / Math.max(1, 2 * s[0]);
        dev.launch("grid_sample_backward_" + CudaDType.suffix(input.dtype()), s[0] * l, s[0], s[1], s[2], s[3], l, kind, pad(padding),
                align ? 1 : 0, at(gradOut), at(input), at(grid), at(gradInput), at(gradGrid));
        return true;
    }

    /** grid.cu's interpolation kind: 0 bilinear, 1 nearest, 2 bicubic; -1 for another mode. */
    private static int kind(String mode) {
        return switch (mode) {
            case "bilinear" -> 0;
            case "nearest" -> 1;
            case "bicubic" -> 2;
            default -> -1;
        };
    }

    /** grid.cu's padding mode: 0 zeros, 1 border, 2 reflection; -1 for another. */
    private static int pad(String padding) {
        return switch (padding) {
            case "zeros" -> 0;
            case "border" -> 1;
            case "reflection" -> 2;
            default -> -1;
        };
    }
}
