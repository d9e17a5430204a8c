package org.torch4j;

/**
 * The result of {@link Torch#svdLowrank} and {@link Torch#pcaLowrank}: an approximate truncated SVD
 * {@code A ~ U diag(S) V^T} (note V, not Vh, as PyTorch returns it).
 *
 * @param U {@code [..., m, q]}, orthonormal columns
 * @param S {@code [..., q]}, descending
 * @param V {@code [..., n, q]}, orthonormal columns
 */
public record LowRankSvd(Tensor U, Tensor S, Tensor V) {}
