/**
 * Platform services through which bundles plug into torch4j (whiteboard pattern): subcommands of
 * the {@code torch4j} program, and (later) models, datasets and transforms contributed by name.
 */
@Export
@Version("0.1.0")
package org.torch4j.platform;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
