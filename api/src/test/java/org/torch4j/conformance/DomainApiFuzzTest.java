package org.torch4j.conformance;

/**
 * {@link ApiFuzzTest} for a domain library (audio, vision): only its static functions and its modules, which a subclass
 * names through {@link #functionClasses()} and {@link #modulePackage()}, with 60 draws each since they are fewer; the
 * Tensor methods are the kit's own run's (in the backends).
 */
abstract class DomainApiFuzzTest extends ApiFuzzTest {

    @Override
    protected int trials() {
        return 60;
    }

    @Override
    void tensorMethodsFailOnlyAtTheirChecks() {}

    @Override
    void gradientsFlowBackThroughTensorMethods() {}
}
