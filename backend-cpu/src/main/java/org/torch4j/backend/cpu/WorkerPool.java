package org.torch4j.backend.cpu;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The worker threads behind {@link Parallel}: one job at a time, offered to every worker at once, and
 * workers that keep spinning for a while after their last job before they park.
 *
 * <p>Why not a {@code ForkJoinPool}: its idle workers park within microseconds, and waking a parked
 * thread took 20-55 us on these machines (measured: median time from the call to a worker starting its
 * chunk, after idle gaps from 5 us to 10 ms; 1.5-3.5 us back to back). Ops in a training step are 50 us
 * to a few ms each with short serial gaps between them, so the second thread of a 256³ GEMM often
 * started after the caller had claimed its chunk too. Spinning for {@link #SPIN_NANOS} after each job, as
 * OpenMP runtimes do, keeps a worker ready for the next op; a worker that finds no job in that time
 * parks and costs nothing.
 *
 * <p>Only one job runs at a time: a second thread calling {@link Parallel#forRange} while another's job
 * is running runs its own chunks itself ({@link #offer} refuses), as do calls from inside a job.
 */
final class WorkerPool {
    /**
     * How long an idle worker spins before it parks, in nanoseconds ({@code -Dtorch4j.cpu.spinMicros},
     * default 200 us: longer than the serial gaps between the ops of a step, short enough that an idle
     * program stops using the cores at once).
     */
    static final long SPIN_NANOS = Long.getLong("torch4j.cpu.spinMicros", 200) * 1000;

    /** A job the workers run: each calls {@code run()} once it sees it. */
    interface Job {
        void run();
    }

    /** A job as offered, numbered so that a worker runs each offer once without holding on to the job. */
    private record Offer(Job job, long number) {}

    private final Worker[] workers;
    private final AtomicReference<Offer> current = new AtomicReference<>();
    private long offers; // written only by the thread whose offer holds `current`
    private volatile boolean stopped;

    WorkerPool(int size) {
        workers = new Worker[size];
        for (int i = 0; i < size; i++) {
            workers[i] = new Worker(i);
            workers[i].start();
        }
    }

    /** Whether the calling thread is one of this pool's workers. */
    boolean isWorker(Thread t) {
        return t instanceof Worker w && w.pool() == this;
    }

    /**
     * Offers {@code job} to every worker; false (and nothing offered) while another job holds the pool or
     * after {@link #stop}. The caller must {@link #release} the pool once an accepted job has finished.
     */
    boolean offer(Job job) {
        if (stopped || !current.compareAndSet(null, new Offer(job, 0))) return false;
        current.set(new Offer(job, ++offers));
        for (Worker w : workers) {
            if (w.parked) LockSupport.unpark(w);
        }
        return true;
    }

    /** Frees the pool for the next job (and lets go of the finished job's captured state). */
    void release() {
        current.set(null);
    }

    /** Ends the workers once they finish what they are running. */
    void stop() {
        stopped = true;
        for (Worker w : workers) LockSupport.unpark(w);
    }

    private final class Worker extends Thread {
        /** Set just before parking; an offer unparks only parked workers (an unpark is a system call). */
        volatile boolean parked;

        Worker(int index) {
            super("torch4j-cpu-" + index);
            setDaemon(true);
            setContextClassLoader(WorkerPool.class.getClassLoader());
        }

        WorkerPool pool() {
            return WorkerPool.this;
        }

        @Override
        public void run() {
            long last = 0;
            long idleSince = System.nanoTime();
            while (!stopped) {
                Offer offer = current.get();
                if (offer != null && offer.number() > last) {
                    last = offer.number();
                    offer.job().run();
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    parked = true;
                    // re-read after publishing `parked`: an offer made before it is seen here, one made after
                    // sees `parked` and unparks (an unpark before the park makes it return at once)
                    Offer again = current.get();
                    if (again == null || again.number() <= last) LockSupport.park(this);
                    parked = false;
                    idleSince = System.nanoTime();
                }
            }
        }
    }
}
