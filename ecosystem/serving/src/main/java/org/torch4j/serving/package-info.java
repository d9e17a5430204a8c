/**
 * Model serving: {@link org.torch4j.serving.InferenceSession} runs a model for many threads with dynamic
 * batching, {@link org.torch4j.serving.ModelRegistry} holds named, versioned models (an OSGi service
 * configured through Config Admin factory configurations, or a plain object),
 * {@link org.torch4j.serving.InferenceServer} answers TorchServe's HTTP routes.
 */
@Export
@Version("0.1.0")
package org.torch4j.serving;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
