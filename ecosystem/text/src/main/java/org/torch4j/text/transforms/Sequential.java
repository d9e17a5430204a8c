package org.torch4j.text.transforms;

import java.util.List;

/** {@code torchtext.transforms.Sequential}: applies its transforms in order. */
public final class Sequential implements TextTransform {
    private final List<TextTransform> transforms;

    /** A pipeline of {@code transforms}. */
    public Sequential(TextTransform... transforms) {
        this.transforms = List.of(transforms);
    }

    /** The transforms, in order. */
    public List<TextTransform> transforms() {
        return transforms;
    }

    @Override
    public Object apply(Object input) {
        Object x = input;
        for (TextTransform t : transforms) x = t.apply(x);
        return x;
    }
}
