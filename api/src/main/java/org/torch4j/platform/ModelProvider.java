package org.torch4j.platform;

import java.util.Map;
import org.torch4j.nn.Module;

/**
 * Contributes a model architecture by name (whiteboard pattern): domain bundles register these as
 * OSGi services (or list them in {@code META-INF/services} on a plain classpath) and
 * {@link Catalog#models()} finds them, e.g. {@code resnet18} from the vision bundle.
 */
public interface ModelProvider {

    /** The name models are created by, e.g. {@code "resnet18"}. */
    String name();

    /** The domain that provides it: {@code "vision"}, {@code "text"}, {@code "audio"}... */
    String domain();

    /** One line for listings. */
    String description();

    /** A new model with freshly initialised weights; options such as {@code numClasses} override defaults. */
    Module create(Map<String, Object> options);
}
