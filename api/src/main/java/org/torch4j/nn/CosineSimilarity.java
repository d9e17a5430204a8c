package org.torch4j.nn;

import org.torch4j.Tensor;

/** The cosine similarity of two inputs along a dim ({@code torch.nn.CosineSimilarity}). */
public class CosineSimilarity extends Module {
    /** The dim of the vectors. */
    public final int dim;
    /** The lower bound of each norm. */
    public final double eps;

    /** dim = 1, eps = 1e-8. */
    public CosineSimilarity() {
        this(1, 1e-8);
    }

    /**
     * {@code x1 . x2 / (max(||x1||, eps) max(||x2||, eps))} along {@code dim} of two inputs broadcast together; the
     * result has their broadcast shape without that dim.
     *
     * @param dim the dim of the vectors (default 1)
     * @param eps the lower bound of each norm (default 1e-8)
     */
    public CosineSimilarity(int dim, double eps) {
        this.dim = dim;
        this.eps = eps;
    }

    /** CosineSimilarity takes two inputs: use {@link #forward(Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("CosineSimilarity takes two inputs: forward(x1, x2)");
    }

    /** The similarity of {@code x1} and {@code x2}. */
    public Tensor forward(Tensor x1, Tensor x2) {
        return F.cosineSimilarity(x1, x2, dim, eps);
    }

    /** {@link #forward(Tensor, Tensor)} with the hooks around it; they see both inputs. */
    public final Tensor call(Tensor x1, Tensor x2) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), x1, x2);
    }
}
