package org.torch4j.onnx.importer.ops;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.Autograd;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.importer.GraphCompiler;
import org.torch4j.onnx.importer.OpCall;
import org.torch4j.onnx.importer.OpRegistry;

/**
 * The optimizer update rules of the {@code ai.onnx.preview.training} domain. Inputs come grouped:
 * rate R, step T, then every X, every G, every V (and every H); outputs the same way.
 */
public final class Training {
    private Training() {}

    private static final String DOMAIN = "ai.onnx.preview.training:";

    public static void register(OpRegistry.Builder r) {
        r.op(DOMAIN + "Gradient", Training::gradient);
        r.op(DOMAIN + "Adagrad", c -> {
            int n = (c.inputCount() - 2) / 3;
            double rate = c.in(0).item() / (1 + c.in(1).item() * c.f("decay_factor", 0));
            double norm = c.f("norm_coefficient", 0), eps = c.f("epsilon", 0);
            Object[] out = new Object[2 * n];
            for (int i = 0; i < n; i++) {
                Tensor x = c.in(2 + i), g = x.mul(norm).add(c.in(2 + n + i)), h = c.in(2 + 2 * n + i).add(g.mul(g));
                out[i] = x.sub(g.mul(rate).div(h.sqrt().add(eps)));
                out[n + i] = h;
            }
            return out;
        });
        r.op(DOMAIN + "Momentum", c -> {
            int n = (c.inputCount() - 2) / 3;
            double rate = c.in(0).item(), alpha = c.f("alpha", 0), beta = c.in(1).item() > 0 ? c.f("beta", 0) : 1;
            double norm = c.f("norm_coefficient", 0);
            boolean nesterov = c.s("mode", "standard").equals("nesterov");
            Object[] out = new Object[2 * n];
            for (int i = 0; i < n; i++) {
                Tensor x = c.in(2 + i), g = x.mul(norm).add(c.in(2 + n + i));
                Tensor v = c.in(2 + 2 * n + i).mul(alpha).add(g.mul(beta));
                out[i] = x.sub((nesterov ? g.add(v.mul(alpha)) : v).mul(rate));
                out[n + i] = v;
            }
            return out;
        });
        r.op(DOMAIN + "Adam", c -> {
            int n = (c.inputCount() - 2) / 4;
            double rate = c.in(0).item(), t = c.in(1).item();
            double alpha = c.f("alpha", 0.9), beta = c.f("beta", 0.999), eps = c.f("epsilon", 1e-6);
            double norm = c.f("norm_coefficient", 0), post = c.f("norm_coefficient_post", 0);
            double adjusted = t > 0 ? rate * Math.sqrt(1 - Math.pow(beta, t)) / (1 - Math.pow(alpha, t)) : rate;
            Object[] out = new Object[3 * n];
            for (int i = 0; i < n; i++) {
                Tensor x = c.in(2 + i), g = x.mul(norm).add(c.in(2 + n + i));
                Tensor v = c.in(2 + 2 * n + i).mul(alpha).add(g.mul(1 - alpha));
                Tensor h = c.in(2 + 3 * n + i).mul(beta).add(g.mul(g).mul(1 - beta));
                out[i] = x.sub(v.div(h.sqrt().add(eps)).mul(adjusted)).mul(1 - post);
                out[n + i] = v;
                out[2 * n + i] = h;
            }
            return out;
        });
    }

    /**
     * Gradient: reruns the nodes from {@code xs} (and {@code zs}) to {@code y} with the xs as fresh
     * leaves, and returns dy/dx for each x (for a y of many elements, the gradient of their sum).
     */
    @SuppressWarnings("try") // the grad mode is used for its effect
    private static Object[] gradient(OpCall c) {
        int nx = c.strings("xs").size();
        Object[] args = new Object[c.inputCount()];
        List<Tensor> leaves = new ArrayList<>();
        try (var grad = Torch.enableGrad()) {
            for (int i = 0; i < args.length; i++) {
                Tensor t = c.in(i).detach();
                if (i < nx) {
                    t = t.clone().requiresGrad_();
                    leaves.add(t);
                }
                args[i] = t;
            }
            Tensor y = (Tensor) c.run(c.graph(GraphCompiler.FORWARD), args)[0];
            List<Tensor> grads = Autograd.grad(List.of(y), leaves, List.of(Torch.onesLike(y)), false, false, true);
            Object[] out = new Object[nx];
            for (int i = 0; i < nx; i++) out[i] = grads.get(i) == null ? Torch.zerosLike(leaves.get(i)).detach() : grads.get(i).detach();
            return out;
        }
    }
}
