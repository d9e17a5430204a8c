package org.torch4j.text.datasets;

/**
 * One text-classification item, as torchtext's datasets yield it: {@code (label, text)}.
 *
 * @param label the class index
 * @param text the raw text
 */
public record LabeledText(int label, String text) {}
