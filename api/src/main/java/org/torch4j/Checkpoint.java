package org.torch4j;

import java.util.ArrayList;
import java.util.List;

/**
 * Activation checkpointing ({@code torch.utils.checkpoint}): runs a block without keeping its
 * intermediate tensors, and runs it again during backward to get them. Memory for compute.
 * The default generator's state is restored before the rerun, so random ops (dropout) repeat.
 */
public final class Checkpoint {
    private Checkpoint() {}

    /** A block of the model: inputs to one output. */
    @FunctionalInterface
    public interface Block {
        /** Runs the block; it must be deterministic apart from the default generator's draws. */
        Tensor apply(Tensor... inputs);
    }

    /**
     * Runs {@code block} on {@code inputs} without recording its graph, and records one node whose backward
     * reruns it with gradients enabled ({@code torch.utils.checkpoint.checkpoint(block, *inputs)}). When no
     * input requires grad it simply runs the block.
     *
     * @return the block's output, detached from the block's own ops and attached to the checkpoint node
     */
    public static Tensor apply(Block block, Tensor... inputs) {
        if (!Autograd.needed(inputs)) return block.apply(inputs);
        Generator rng = Torch.defaultGenerator();
        byte[] rngState = rng.getState();
        Tensor out;
        try (Torch.Mode m = GradMode.set(false, GradMode.isInference())) {
            out = block.apply(inputs);
        }
        Tensor result = out.detach();
        Autograd.record("CheckpointFunctionBackward", inputs, new Tensor[] {result}, (g, n) -> {
            boolean createGraph = GradMode.isEnabled();
            byte[] now = rng.getState();
            rng.setState(rngState);
            try (Torch.Mode m = GradMode.set(true, false)) {
                List<Tensor> detached = new ArrayList<>();
                for (Tensor in : inputs) {
                    Tensor d = in == null ? null : in.detach();
                    if (d != null && in.requiresGrad) d.requiresGrad_();
                    detached.add(d);
                }
                Tensor recomputed = block.apply(detached.toArray(new Tensor[0]));
                List<Tensor> wanted = new ArrayList<>();
                for (Tensor d : detached) if (d != null && d.requiresGrad) wanted.add(d);
                List<Tensor> grads = wanted.isEmpty() ? List.of()
                        : Autograd.grad(List.of(recomputed), wanted, List.of(g[0]), false, createGraph, true);
                Tensor[] r = new Tensor[inputs.length];
                int k = 0;
                for (int i = 0; i < inputs.length; i++) {
                    if (detached.get(i) != null && detached.get(i).requiresGrad) r[i] = grads.get(k++);
                }
                return r;
            } finally {
                rng.setState(now);
            }
        });
        return result;
    }
}
