package org.torch4j.text;

import java.util.List;
import java.util.function.Function;
import org.torch4j.text.internal.PyStrings;

/** torchtext's {@code get_tokenizer(None)}: Python's {@code str.split()}, on runs of Unicode whitespace. */
public final class WhitespaceTokenizer implements Function<String, List<String>> {

    /** The tokenizer (stateless). */
    public WhitespaceTokenizer() {}

    /** The whitespace-separated tokens of {@code line}; none for a blank line. */
    @Override
    public List<String> apply(String line) {
        return PyStrings.split(line);
    }
}
