package org.torch4j.text.transforms;

/** {@code torchtext.transforms.StrToIntTransform}: digit strings to Integers ({@link Functional#strToInt}). */
public final class StrToIntTransform implements TextTransform {

    /** The transform (stateless). */
    public StrToIntTransform() {}

    @Override
    public Object apply(Object input) {
        return Functional.strToInt(input);
    }
}
