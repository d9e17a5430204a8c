package org.torch4j.platform;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.torch4j.Tensor;

/** Contributes a tensor transform by name (whiteboard pattern), e.g. {@code normalize} from the vision bundle. */
public interface TransformProvider {

    /** The name the transform is found by, e.g. {@code "normalize"}. */
    String name();

    /** The domain that provides it: {@code "vision"}, {@code "text"}, {@code "audio"}... */
    String domain();

    /** One line for listings. */
    String description();

    /** A transform configured by {@code options}. */
    UnaryOperator<Tensor> create(Map<String, Object> options);
}
