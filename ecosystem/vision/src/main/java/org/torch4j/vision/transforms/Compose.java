package org.torch4j.vision.transforms;

import java.util.List;
import java.util.function.UnaryOperator;
import org.torch4j.Tensor;

/** Applies transforms in order ({@code torchvision.transforms.Compose}). */
public final class Compose implements UnaryOperator<Tensor> {
    private final List<UnaryOperator<Tensor>> transforms;

    /** The transforms to apply, first to last. */
    @SafeVarargs
    public Compose(UnaryOperator<Tensor>... transforms) {
        this(List.of(transforms));
    }

    /** The transforms to apply, first to last. */
    public Compose(List<UnaryOperator<Tensor>> transforms) {
        this.transforms = List.copyOf(transforms);
    }

    /** The transforms, in order. */
    public List<UnaryOperator<Tensor>> transforms() {
        return transforms;
    }

    /** Each transform applied to the previous one's result. */
    @Override
    public Tensor apply(Tensor img) {
        for (UnaryOperator<Tensor> t : transforms) img = t.apply(img);
        return img;
    }
}
