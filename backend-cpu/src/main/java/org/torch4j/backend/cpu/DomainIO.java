package org.torch4j.backend.cpu;

import org.torch4j.DType;
import org.torch4j.spi.HostStorage;

/**
 * Loads and stores runs of elements between host storage and one domain's arrays, so that the
 * elementwise, reduction and indexing loops can be written once for all three domains.
 */
abstract class DomainIO {

    /** Elements per scratch block: small enough for L1, large enough to amortise a call. */
    static final int BLOCK = 1024;

    final Domain domain;

    private DomainIO(Domain domain) {
        this.domain = domain;
    }

    static DomainIO of(Domain d) {
        return switch (d) {
            case FLOAT -> FLOAT;
            case DOUBLE -> DOUBLE;
            case LONG -> LONG;
        };
    }

    static DomainIO of(DType dtype) {
        return of(Domain.of(dtype));
    }

    /** The storage's array when it already holds this domain's type, else null. */
    final Object nativeArray(HostStorage s) {
        return s.dtype() == domain.nativeType() ? s.array() : null;
    }

    abstract void load(HostStorage s, int off, int stride, int n, Object dst, int d);

    abstract void store(Object src, int sOff, int n, HostStorage s, int off, int stride);

    abstract Object newArray(int n);

    private static final ThreadLocal<Object[][]> SCRATCH = ThreadLocal.withInitial(() -> new Object[3][]);

    /** Four scratch blocks of this domain, private to the calling thread. */
    final Object[] scratch() {
        Object[][] all = SCRATCH.get();
        Object[] s = all[domain.ordinal()];
        if (s == null) {
            s = new Object[] {newArray(BLOCK), newArray(BLOCK), newArray(BLOCK), newArray(BLOCK)};
            all[domain.ordinal()] = s;
        }
        return s;
    }

    static final DomainIO FLOAT = new DomainIO(Domain.FLOAT) {
        @Override
        void load(HostStorage s, int off, int stride, int n, Object dst, int d) {
            Convert.loadFloat(s, off, stride, n, (float[]) dst, d);
        }

        @Override
        void store(Object src, int sOff, int n, HostStorage s, int off, int stride) {
            Convert.storeFloat((float[]) src, sOff, n, s, off, stride);
        }

        @Override
        Object newArray(int n) {
            return new float[n];
        }
    };

    static final DomainIO DOUBLE = new DomainIO(Domain.DOUBLE) {
        @Override
        void load(HostStorage s, int off, int stride, int n, Object dst, int d) {
            Convert.loadDouble(s, off, stride, n, (double[]) dst, d);
        }

        @Override
        void store(Object src, int sOff, int n, HostStorage s, int off, int stride) {
            Convert.storeDouble((double[]) src, sOff, n, s, off, stride);
        }

        @Override
        Object newArray(int n) {
            return new double[n];
        }
    };

    static final DomainIO LONG = new DomainIO(Domain.LONG) {
        @Override
        void load(HostStorage s, int off, int stride, int n, Object dst, int d) {
            Convert.loadLong(s, off, stride, n, (long[]) dst, d);
        }

        @Override
        void store(Object src, int sOff, int n, HostStorage s, int off, int stride) {
            Convert.storeLong((long[]) src, sOff, n, s, off, stride);
        }

        @Override
        Object newArray(int n) {
            return new long[n];
        }
    };
}
