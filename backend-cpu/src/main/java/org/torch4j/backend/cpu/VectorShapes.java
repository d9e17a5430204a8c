package org.torch4j.backend.cpu;

import jdk.incubator.vector.FloatVector;

/** The only class {@link Simd} touches to probe the Vector API; loading it fails without the module. */
final class VectorShapes {
    private VectorShapes() {}

    static int floatLanes() {
        return FloatVector.SPECIES_PREFERRED.length();
    }
}
