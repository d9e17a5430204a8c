/** The CUDA backend (implementation; nothing exported). */
package org.torch4j.backend.cuda;
