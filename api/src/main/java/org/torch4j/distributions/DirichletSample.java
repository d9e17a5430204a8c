package org.torch4j.distributions;

import org.torch4j.DType;
import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code torch._sample_dirichlet(alpha)} as a differentiable op: PyTorch's draws (normalised gamma
 * draws, {@link Samplers#dirichletGammas}), differentiated through the gammas: with
 * {@code x = g / S}, {@code S = sum(g)} and {@code g'} each gamma's implicit gradient
 * ({@link StandardGamma#gradOne}), {@code dL/dalpha_j = g'_j / S * (dL/dx_j - sum_i dL/dx_i x_i)}.
 *
 * <p>This is an unbiased pathwise gradient of the same form as PyTorch's, whose per-component factor
 * comes instead from an approximation of the marginal Beta CDF's derivative ({@code _dirichlet_grad}):
 * the samples are PyTorch's, their gradients are not the same numbers. They have no second derivative.
 */
final class DirichletSample extends Function {
    private final Generator generator;

    DirichletSample(Generator generator) {
        this.generator = generator;
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        Tensor alpha = in[0];
        double[] gam = Samplers.dirichletGammas(alpha, generator);
        Tensor x = Samplers.dirichletNormalise(gam, (int) alpha.size(-1), alpha.shape(), alpha.dtype(), alpha.device());
        // d x_j / d alpha_j through its own gamma: g'_j / S
        double[] a = alpha.contiguous().toDoubleArray();
        double[] psi = alpha.to(DType.FLOAT64).contiguous().digamma().toDoubleArray();
        int k = (int) alpha.size(-1);
        double[] dx = new double[gam.length];
        for (int row = 0; row < gam.length; row += k) {
            double sum = 0;
            for (int j = 0; j < k; j++) sum += gam[row + j];
            for (int j = 0; j < k; j++) dx[row + j] = StandardGamma.gradOne(a[row + j], gam[row + j], psi[row + j]) / sum;
        }
        ctx.saveForBackward(x, Torch.tensor(dx, alpha.shape()).to(alpha));
        return new Tensor[] {x};
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... grad) {
        Tensor x = ctx.savedTensors()[0].detach(), dx = ctx.savedTensors()[1].detach();
        Tensor g = grad[0];
        return new Tensor[] {dx.mul(g.sub(x.mul(g).sum(new int[] {-1}, true)))};
    }
}
