package org.torch4j.internal.osgi;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.torch4j.platform.Catalog;
import org.torch4j.platform.DatasetProvider;
import org.torch4j.platform.ModelProvider;
import org.torch4j.platform.TransformProvider;

/** Keeps {@link Catalog} in step with the model, dataset and transform services. */
@Component(immediate = true, service = {})
public final class CatalogTracker {

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addModel(ModelProvider p) {
        Catalog.add(p);
    }

    void removeModel(ModelProvider p) {
        Catalog.remove(p);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDataset(DatasetProvider p) {
        Catalog.add(p);
    }

    void removeDataset(DatasetProvider p) {
        Catalog.remove(p);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addTransform(TransformProvider p) {
        Catalog.add(p);
    }

    void removeTransform(TransformProvider p) {
        Catalog.remove(p);
    }
}
