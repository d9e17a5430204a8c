package org.torch4j.onnx.importer.ops;

import org.torch4j.DType;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.importer.ElemType;
import org.torch4j.onnx.importer.OpCall;
import org.torch4j.onnx.importer.OpRegistry;

/**
 * Random generators. They draw from torch4j's generator (seeded by the {@code seed} attribute when
 * given), so their numbers differ from other runtimes', as ONNX allows.
 */
public final class Random {
    private Random() {}

    public static void register(OpRegistry.Builder r) {
        r.single("Bernoulli", c -> {
            Tensor p = c.in(0);
            DType dtype = c.hasAttr("dtype") ? ElemType.toDType((int) c.i("dtype")) : p.dtype();
            return Torch.bernoulli(p.to(DType.FLOAT32), generator(c)).to(dtype);
        });
        r.single("RandomUniform", c -> uniform(c, c.ints("shape"), DType.FLOAT32));
        r.single("RandomUniformLike", c -> uniform(c, c.in(0).shape(), c.in(0).dtype()));
        r.single("RandomNormal", c -> normal(c, c.ints("shape"), DType.FLOAT32));
        r.single("RandomNormalLike", c -> normal(c, c.in(0).shape(), c.in(0).dtype()));
    }

    private static Generator generator(OpCall c) {
        return c.hasAttr("seed") ? new Generator().manualSeed((long) c.f("seed", 0)) : Torch.defaultGenerator();
    }

    private static DType dtype(OpCall c, DType dflt) {
        return c.hasAttr("dtype") ? ElemType.toDType((int) c.i("dtype")) : dflt;
    }

    private static Tensor uniform(OpCall c, long[] shape, DType dflt) {
        return Torch.rand(shape, generator(c)).mul(c.f("high", 1) - c.f("low", 0)).add(c.f("low", 0)).to(dtype(c, dflt));
    }

    private static Tensor normal(OpCall c, long[] shape, DType dflt) {
        return Torch.randn(shape, generator(c)).mul(c.f("scale", 1)).add(c.f("mean", 0)).to(dtype(c, dflt));
    }
}
