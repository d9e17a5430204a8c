/**
 * Text processing ({@code torchtext}): tokenizers ({@link org.torch4j.text.Tokenizers#getTokenizer},
 * {@link org.torch4j.text.BasicEnglishTokenizer}, {@link org.torch4j.text.RegexTokenizer},
 * {@link org.torch4j.text.WhitespaceTokenizer}, {@link org.torch4j.text.CharacterTokenizer}, n-grams)
 * and vocabularies ({@link org.torch4j.text.Vocab}).
 */
@Export
@Version("0.2.0")
package org.torch4j.text;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
