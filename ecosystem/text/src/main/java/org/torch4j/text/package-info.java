/** Text processing ({@code torchtext}): tokenizers and vocabularies. */
@Export
@Version("0.1.0")
package org.torch4j.text;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
