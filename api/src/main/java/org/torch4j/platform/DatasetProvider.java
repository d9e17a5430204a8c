package org.torch4j.platform;

import java.io.IOException;
import java.util.Map;
import org.torch4j.data.Dataset;

/** Contributes a dataset by name (whiteboard pattern), e.g. {@code fashion-mnist} from the vision bundle. */
public interface DatasetProvider {

    /** The name the dataset is found by, e.g. {@code "fashion-mnist"}. */
    String name();

    /** The domain that provides it: {@code "vision"}, {@code "text"}, {@code "audio"}... */
    String domain();

    /** One line for listings. */
    String description();

    /**
     * Opens the dataset; common options are {@code root} (a folder with the files) and {@code train}
     * (Boolean). Fails with a message naming what is missing when the data is not there.
     */
    Dataset<?> open(Map<String, Object> options) throws IOException;
}
