package org.torch4j.distributions;

import org.torch4j.DType;
import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code torch._standard_gamma(alpha)} as a differentiable op: the draws of {@link Samplers#standardGamma},
 * with PyTorch's implicit reparameterisation gradient {@code dx/dalpha = -(dF/dalpha) / f} of the gamma
 * CDF F at the draw ({@code _standard_gamma_grad}), approximated as PyTorch does: a Taylor series for
 * x &lt; 0.8, Rice's saddle-point expansion for alpha &gt; 8, and Jankowiak and Obermeyer's bivariate
 * rational approximation otherwise. As in PyTorch this gradient has no derivative itself: a second
 * derivative through it treats it as a constant (PyTorch raises instead).
 */
final class StandardGamma extends Function {
    private final Generator generator;

    StandardGamma(Generator generator) {
        this.generator = generator;
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        Tensor x = Samplers.standardGamma(in[0], generator);
        ctx.saveForBackward(in[0], x);
        return new Tensor[] {x};
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... grad) {
        Tensor[] saved = ctx.savedTensors();
        return new Tensor[] {grad[0].mul(grad(saved[0].detach(), saved[1].detach()))};
    }

    /** {@code torch._standard_gamma_grad(alpha, x)}: elementwise, in double, in alpha's dtype. */
    static Tensor grad(Tensor alpha, Tensor x) {
        Tensor[] ax = Util.broadcastAll(alpha, x);
        double[] a = ax[0].contiguous().toDoubleArray();
        double[] v = ax[1].contiguous().toDoubleArray();
        double[] psi = ax[0].to(DType.FLOAT64).contiguous().digamma().toDoubleArray();
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = gradOne(a[i], v[i], psi[i]);
        return Torch.tensor(out, ax[0].shape()).to(alpha);
    }

    // Jankowiak and Obermeyer's rational approximation of dx/dalpha in u = log(x / alpha), v = log(alpha):
    // exp(p(u, v) / q(u, v)), the coefficients of p (first four) and q (last four) quadratic in u
    private static final double[][] COEF_UV = {
        {0.16009398, -0.094634809, 0.025146376, -0.0030648343, 1, 0.32668115, 0.10406089, 0.0014179084},
        {0.53487893, 0.1298071, 0.065735949, -0.0015649758, 0.16639465, 0.020070113, -0.0035938915, -0.00058392623},
        {0.040121004, -0.0065914022, -0.0026286047, -0.0013441777, 0.017050642, -0.0021309326, 0.00085092367, -1.5247877e-07},
    };

    /** dx/dalpha at one draw; {@code digammaAlpha} is digamma(alpha). PyTorch's float literals kept as floats. */
    static double gradOne(double alpha, double x, double digammaAlpha) {
        if (x < (double) 0.8f) {
            // the CDF and its alpha-derivative from the first terms of the series of x^alpha e^-x sum ...
            double numer = 1, denom = alpha;
            double series1 = numer / denom, series2 = numer / (denom * denom);
            for (int i = 1; i <= 5; i++) {
                numer *= -x / i;
                denom += 1;
                series1 += numer / denom;
                series2 += numer / (denom * denom);
            }
            double powXAlpha = Math.pow(x, alpha);
            double pdf = Math.pow(x, alpha - 1) * Math.exp(-x);
            double cdf = powXAlpha * series1;
            double cdfAlpha = (Math.log(x) - digammaAlpha) * cdf - powXAlpha * series2;
            double r = -cdfAlpha / pdf;
            return Double.isNaN(r) ? 0 : r;
        }
        if (alpha > 8.0) {
            if ((double) 0.9f * alpha <= x && x <= (double) 1.1f * alpha) {
                double numer1 = 1 + 24 * alpha * (1 + 12 * alpha);
                double numer2 = 1440 * (alpha * alpha) + 6 * x * (53 - 120 * x) - 65 * x * x / alpha + alpha * (107 + 3600 * x);
                double denom = 1244160 * (alpha * alpha) * (alpha * alpha);
                return numer1 * numer2 / denom;
            }
            double denom = Math.sqrt(8 * alpha);
            double term2 = denom / (alpha - x);
            double term3 = Math.pow(x - alpha - alpha * Math.log(x / alpha), -1.5);
            double term23 = x < alpha ? term2 - term3 : term2 + term3;
            double term1 = Math.log(x / alpha) * term23 - Math.sqrt(2 / alpha) * (alpha + x) / ((alpha - x) * (alpha - x));
            double stirling = 1 + 1 / (12 * alpha) * (1 + 1 / (24 * alpha));
            return -stirling * (x * term1) / denom;
        }
        double u = Math.log(x / alpha), v = Math.log(alpha);
        double[] c = new double[8];
        for (int i = 0; i < 8; i++) c[i] = COEF_UV[0][i] + u * (COEF_UV[1][i] + u * COEF_UV[2][i]);
        double p = c[0] + v * (c[1] + v * (c[2] + v * c[3]));
        double q = c[4] + v * (c[5] + v * (c[6] + v * c[7]));
        return Math.exp(p / q);
    }
}
