package org.torch4j.optim;

import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.sparse.Sparse;
import org.torch4j.sparse.SparseCooTensor;

/**
 * The lazy Adam for sparse gradients ({@code torch.optim.SparseAdam}): only the moments and parameter rows that
 * the (coalesced) sparse gradient touches change at each step, as in PyTorch 1.13. Every gradient must be sparse
 * ({@link Tensor#sparseGrad()}, from {@code Embedding} or {@code EmbeddingBag} with {@code sparse = true}); a
 * dense one is refused. The group option {@code "betas"} is a list {@code [beta1, beta2]}.
 */
public class SparseAdam extends Optimizer {

    /** SparseAdam with PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8. */
    public SparseAdam(List<? extends Tensor> params) {
        this(params, 1e-3, 0.9, 0.999, 1e-8, false);
    }

    /**
     * SparseAdam with every option of PyTorch's.
     *
     * @param lr the learning rate (positive)
     * @param beta1 the decay of the first moment average, in [0, 1)
     * @param beta2 the decay of the second moment average, in [0, 1)
     * @param eps added to the denominator (positive)
     * @param maximize maximize the objective instead of minimizing it
     */
    public SparseAdam(List<? extends Tensor> params, double lr, double beta1, double beta2, double eps, boolean maximize) {
        super(params, check(lr, beta1, beta2, eps, maximize));
    }

    private static Map<String, Object> check(double lr, double beta1, double beta2, double eps, boolean maximize) {
        if (!(0.0 < lr)) throw new IllegalArgumentException("Invalid learning rate: " + Py.repr(lr));
        if (!(0.0 < eps)) throw new IllegalArgumentException("Invalid epsilon value: " + Py.repr(eps));
        if (!(0.0 <= beta1 && beta1 < 1.0)) throw new IllegalArgumentException("Invalid beta parameter at index 0: " + Py.repr(beta1));
        if (!(0.0 <= beta2 && beta2 < 1.0)) throw new IllegalArgumentException("Invalid beta parameter at index 1: " + Py.repr(beta2));
        return Map.of("lr", lr, "betas", List.of(beta1, beta2), "eps", eps, "maximize", maximize);
    }

    @Override
    protected boolean supportsSparseGradients() {
        return true;
    }

    @Override
    protected void update(ParamGroup g) {
        double lr = g.lr(), beta1 = g.getDouble("betas", 0), beta2 = g.getDouble("betas", 1), eps = g.getDouble("eps");
        boolean maximize = g.getBoolean("maximize");
        for (Tensor p : g.params()) {
            SparseCooTensor sparse = p.sparseGrad();
            if (sparse == null) {
                if (p.grad() != null) throw new IllegalStateException("SparseAdam does not support dense gradients, please consider Adam instead");
                continue;
            }
            Map<String, Object> s = stateOf(p);
            if (s.isEmpty()) {
                s.put("step", 0);
                s.put("exp_avg", Torch.zerosLike(p).keep());
                s.put("exp_avg_sq", Torch.zerosLike(p).keep());
            }
            int step = (Integer) s.get("step") + 1;
            s.put("step", step);
            Tensor expAvg = (Tensor) s.get("exp_avg"), expAvgSq = (Tensor) s.get("exp_avg_sq");
            SparseCooTensor grad = (maximize ? sparse.neg() : sparse).coalesce();  // the update is not linear: unique indices
            Tensor indices = grad.indices(), values = grad.values();
            long[] shape = p.shape();
            // old <- b * old + (1 - b) * new, written old += (1 - b) * (new - old) at the gradient's indices only
            Tensor oldAvg = expAvg.sparseMask(grad).values();
            Tensor avgUpdate = values.sub(oldAvg).mul(1 - beta1);
            expAvg.add_(Sparse.cooTensor(indices, avgUpdate, shape), 1);
            Tensor oldSq = expAvgSq.sparseMask(grad).values();
            Tensor sqUpdate = values.pow(2).sub(oldSq).mul(1 - beta2);
            expAvgSq.add_(Sparse.cooTensor(indices, sqUpdate, shape), 1);
            Tensor numer = avgUpdate.add(oldAvg);
            Tensor denom = sqUpdate.add(oldSq).sqrt().add(eps);
            double biasCorrection1 = 1 - Math.pow(beta1, step);
            double biasCorrection2 = 1 - Math.pow(beta2, step);
            double stepSize = lr * Math.sqrt(biasCorrection2) / biasCorrection1;
            p.add_(Sparse.cooTensor(indices, numer.div(denom).mul(-stepSize), shape), 1);
        }
    }
}
