package org.torch4j.nn;

import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Local response normalisation across channels of [N, C, H, W] ({@code torch.nn.CrossMapLRN2d}, the Lua
 * Torch port): {@code y = x (k + alpha / size * sum of x^2 over a channel window)^-beta}.
 *
 * <p>PyTorch 1.13 computes it with its own forward and backward, kept here as they are so that values and
 * gradients equal PyTorch's: the forward's running window never drops channel 0 once it is in, and the
 * backward sums over another window (channels {@code c - P} to {@code c + size - 1 - P}). The gradient is
 * therefore not the forward's derivative (PyTorch's own gradcheck of this module fails); it is differentiable
 * again as written. {@link LocalResponseNorm} is the normalisation without these quirks.
 */
public class CrossMapLRN2d extends Module {
    private final int size;
    private final double alpha, beta, k;

    /** {@code CrossMapLRN2d(size)}: alpha 1e-4, beta 0.75, k 1. */
    public CrossMapLRN2d(int size) {
        this(size, 1e-4, 0.75, 1);
    }

    /**
     * Every option of PyTorch's constructor; forward takes {@code (N, C, H, W)} only and keeps its shape.
     *
     * @param size the channel window
     * @param alpha the scale (PyTorch's default 1e-4)
     * @param beta the exponent (default 0.75)
     * @param k the additive constant (default 1)
     */
    public CrossMapLRN2d(int size, double alpha, double beta, double k) {
        if (size <= 0) throw new IllegalArgumentException("CrossMapLRN2d: size must be positive, got " + size);   // PyTorch fails in forward
        this.size = size;
        this.alpha = alpha;
        this.beta = beta;
        this.k = k;
    }

    @Override
    public Tensor forward(Tensor input) {
        if (input.dim() != 4) {
            throw new IllegalArgumentException("CrossMapLRN2d expects a 4D input [N, C, H, W], but got " + input.dim() + "D");
        }
        return new Normalize().apply1(input);
    }

    /** The window sums of PyTorch's forward as a [C, C] 0/1 matrix, built by its recurrence. */
    private Tensor forwardWindows(long channels, Tensor like) {
        int c = (int) channels, prePad = (int) ((size - 1) / 2.0 + 1);
        double[] m = new double[c * c];
        for (int j = 0; j < Math.min(prePad, c); j++) m[j] = 1;
        for (int i = 1; i < c; i++) {
            System.arraycopy(m, (i - 1) * c, m, i * c, c);
            if (i < c - prePad + 1) m[i * c + i + prePad - 1] += 1;
            if (i > prePad) m[i * c + i - prePad] -= 1;
        }
        return Masks.of(m, like, channels, channels);
    }

    /** PyTorch's backward window: channels {@code c - P} to {@code c + size - 1 - P}, P = int(size - (size - 1) / 2). */
    private Tensor backwardWindows(long channels, Tensor like) {
        int c = (int) channels, p = (int) (size - (size - 1) / 2.0);
        double[] b = new double[c * c];
        for (int i = 0; i < c; i++) {
            for (int j = Math.max(0, i - p); j <= Math.min(c - 1, i + size - 1 - p); j++) b[i * c + j] = 1;
        }
        return Masks.of(b, like, channels, channels);
    }

    /** {@code k + alpha / size * (window sums of x^2)}, written with ops so that the backward can use it differentiably. */
    private Tensor scale(Tensor x) {
        Tensor windows = forwardWindows(x.size(1), x);
        return Torch.einsum("cj,njhw->nchw", windows, x.mul(x)).mul(alpha / size).add(k);
    }

    /** PyTorch's forward and backward as one op; the backward recomputes from the input, so it differentiates again. */
    private final class Normalize extends Function {
        @Override
        protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            ctx.saveForBackward(in[0]);
            return new Tensor[] {in[0].mul(scale(in[0]).pow(-beta))};
        }

        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
            Tensor x = ctx.savedTensors()[0];
            Tensor scale = scale(x), out = x.mul(scale.pow(-beta));
            Tensor ratio = g[0].mul(out).div(scale);
            Tensor summed = Torch.einsum("cj,njhw->nchw", backwardWindows(x.size(1), x), ratio);
            return new Tensor[] {scale.pow(-beta).mul(g[0]).sub(x.mul(summed).mul(2 * alpha * beta / size))};
        }
    }

    @Override
    protected String extraRepr() {
        return size + ", alpha=" + Py.repr(alpha) + ", beta=" + Py.repr(beta) + ", k=" + (k == Math.rint(k) && !Double.isInfinite(k)
                ? Long.toString((long) k) : Py.repr(k));
    }
}
