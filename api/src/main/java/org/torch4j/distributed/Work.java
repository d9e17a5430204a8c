package org.torch4j.distributed;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.torch4j.Tensor;

/**
 * {@code torch.distributed.Work}: an operation started with {@code async_op=True}. {@link #waitFor()} blocks until
 * it finished and rethrows its failure; the tensors it writes hold their results only after that.
 */
public final class Work {
    private final CompletableFuture<List<Tensor>> future;

    Work(CompletableFuture<List<Tensor>> future) {
        this.future = future;
    }

    /**
     * {@code is_completed()}: whether the operation finished, successfully or not.
     *
     * @return true once it finished
     */
    public boolean isCompleted() {
        return future.isDone();
    }

    /**
     * {@code is_success()}: whether it finished without an error.
     *
     * @return true when completed successfully
     */
    public boolean isSuccess() {
        return future.isDone() && !future.isCompletedExceptionally();
    }

    /**
     * {@code wait()}: blocks until the operation finished.
     *
     * @return true
     * @throws DistributedException (or the operation's own exception) when it failed
     */
    public boolean waitFor() {
        try {
            future.get();
            return true;
        } catch (InterruptedException e) {
            throw HashStore.interrupted(e);
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        }
    }

    /**
     * {@code wait(timeout)}: blocks at most {@code timeout}.
     *
     * @param timeout how long to wait
     * @return true
     * @throws DistributedException when it failed or did not finish in time
     */
    public boolean waitFor(Duration timeout) {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            throw HashStore.interrupted(e);
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } catch (TimeoutException e) {
            throw new DistributedException("Operation timed out after " + timeout.toMillis() + "ms");
        }
    }

    /**
     * {@code result()}: the output tensors, after waiting.
     *
     * @return the tensors the operation wrote
     */
    public List<Tensor> result() {
        waitFor();
        return future.join();
    }

    /**
     * {@code exception()}: the failure, or null while running or after success.
     *
     * @return the exception the operation ended with
     */
    public Throwable exception() {
        if (!future.isCompletedExceptionally()) return null;
        try {
            future.join();
            return null;
        } catch (java.util.concurrent.CompletionException e) {
            return e.getCause();
        } catch (java.util.concurrent.CancellationException e) {
            return e;
        }
    }

    static RuntimeException rethrown(Throwable t) {
        if (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) t = t.getCause();
        if (t instanceof RuntimeException r) {
            // a copy keeps the caller's stack trace while naming the operation's failure as cause
            RuntimeException copy = copyOf(r);
            return copy != null ? copy : r;
        }
        if (t instanceof Error e) throw e;
        return new DistributedException(String.valueOf(t.getMessage()), t);
    }

    private static RuntimeException copyOf(RuntimeException r) {
        RuntimeException c;
        if (r instanceof DistributedException) c = new DistributedException(r.getMessage(), r);
        else if (r instanceof IllegalArgumentException) c = new IllegalArgumentException(r.getMessage(), r);
        else if (r instanceof IllegalStateException) c = new IllegalStateException(r.getMessage(), r);
        else return null;
        return c;
    }
}
