package org.torch4j;

/** Random sampling on the CPU generator (PyTorch's mt19937 streams). */
final class RandomOps {
    private RandomOps() {}

    private static UnsupportedOperationException pending() {
        return new UnsupportedOperationException("random sampling is being wired to the mt19937 engine");
    }

    static Tensor uniform(Tensor t, double from, double to, Generator g) {
        throw pending();
    }

    static Tensor normal(Tensor t, double mean, double std, Generator g) {
        throw pending();
    }

    static Tensor bernoulliScalar(Tensor t, double p, Generator g) {
        throw pending();
    }

    static Tensor randomInPlace(Tensor t, long from, long to, Generator g) {
        throw pending();
    }

    static Tensor randperm(long n, Generator g) {
        throw pending();
    }

    static Tensor multinomial(Tensor probs, long numSamples, boolean replacement, Generator g) {
        throw pending();
    }

    static Tensor bernoulli(Tensor probs, Generator g) {
        throw pending();
    }
}
