package org.torch4j.text.transforms;

import java.util.function.Function;

/**
 * A text transform ({@code torchtext.transforms}): like torchtext's modules it takes a single
 * sequence ({@code List<String>} or {@code List<Integer>}) or a batch (a list of such lists) and
 * answers in kind; an input of another type fails with {@link IllegalArgumentException}
 * {@code "Input type not supported"} (torchtext's {@code TypeError}). Chain them with
 * {@link Sequential}.
 */
@FunctionalInterface
public interface TextTransform extends Function<Object, Object> {

    /** {@code transform(input)}. */
    @Override
    Object apply(Object input);

    /** This transform, then {@code next} (as a two-element {@link Sequential}). */
    default TextTransform then(TextTransform next) {
        return new Sequential(this, next);
    }
}
