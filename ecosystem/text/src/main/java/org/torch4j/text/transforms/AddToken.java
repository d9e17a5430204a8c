package org.torch4j.text.transforms;

/** {@code torchtext.transforms.AddToken}: adds a token (id or string) at the start or the end ({@link Functional#addToken}). */
public final class AddToken implements TextTransform {
    private final Object token;
    private final boolean begin;

    /**
     * A transform adding {@code token}.
     *
     * @param token an Integer (for index sequences) or a String (for token sequences)
     * @param begin true for the start, false for the end
     */
    public AddToken(Object token, boolean begin) {
        if (!(token instanceof String) && !Functional.isInt(token)) throw new IllegalArgumentException("token must be an int or a str");
        this.token = token;
        this.begin = begin;
    }

    /** {@code AddToken(token)}: at the start. */
    public AddToken(Object token) {
        this(token, true);
    }

    @Override
    public Object apply(Object input) {
        return Functional.addToken(input, token, begin);
    }
}
