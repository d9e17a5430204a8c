package org.torch4j.vision.transforms;

import java.util.List;
import java.util.function.UnaryOperator;
import org.torch4j.Tensor;

/** Applies all of {@code transforms}, in order, with probability {@code p} ({@code torchvision.transforms.RandomApply}). */
public final class RandomApply implements UnaryOperator<Tensor> {
    private final List<UnaryOperator<Tensor>> transforms;
    private final double p;

    /** The transforms, applied together with probability {@code p} (torchvision's default 0.5). */
    public RandomApply(List<UnaryOperator<Tensor>> transforms, double p) {
        this.transforms = List.copyOf(transforms);
        this.p = Draws.checkProbability(p);
    }

    @Override
    public Tensor apply(Tensor img) {
        if (!Draws.tensorBelowOrAt(p)) return img; // torchvision skips when p < torch.rand(1)
        for (UnaryOperator<Tensor> t : transforms) img = t.apply(img);
        return img;
    }
}
