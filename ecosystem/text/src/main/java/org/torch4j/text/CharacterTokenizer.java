package org.torch4j.text;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One token per character, as Python's {@code list(text)}: per Unicode code point, so a character
 * outside the BMP (an emoji) is one token, not two UTF-16 halves.
 */
public final class CharacterTokenizer implements Function<String, List<String>> {

    /** The tokenizer (stateless). */
    public CharacterTokenizer() {}

    /** The code points of {@code line}, each as a string. */
    @Override
    public List<String> apply(String line) {
        List<String> out = new ArrayList<>(line.length());
        line.codePoints().forEach(c -> out.add(Character.toString(c)));
        return out;
    }
}
