package org.torch4j.platform;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.torch4j.Tensor;

/** Contributes a tensor transform by name (whiteboard pattern), e.g. {@code normalize} from the vision bundle. */
public interface TransformProvider {

    String name();

    String domain();

    String description();

    /** A transform configured by {@code options}. */
    UnaryOperator<Tensor> create(Map<String, Object> options);
}
