package org.torch4j.serving;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;

/**
 * Runs a model for many threads at once, batching their requests: the serving counterpart of ONNX
 * Runtime's {@code InferenceSession} (the name Java and ONNX users know for "a loaded model you call").
 *
 * <p>Callers {@link #submit} named inputs whose first dimension is the batch (usually 1). One worker
 * thread takes queued requests and runs them as one batch: it waits at most {@code maxWait} after the
 * first request for more, up to {@code maxBatchSize} rows, concatenates requests of the same input
 * shapes and dtypes along dimension 0, runs the model once, and splits each output back by rows. The
 * model runs in eval mode, under {@link Torch#noGrad()}, inside a {@link Torch#scope()} that frees every
 * tensor the batch created (device memory included); each caller gets its own copy of its rows, on the
 * host. One worker also means the model never runs concurrently, so modules need not be thread-safe.
 *
 * <p>Failure isolation: when a batch fails, each of its requests is run again alone, so a bad request
 * (wrong shape, wrong dtype) fails only its own future, with the model's message, and the session goes
 * on. The queue is bounded: {@link #submit} throws {@link RejectedExecutionException} when it is full.
 * {@link #close()} drains: it refuses new requests, completes every request already accepted, then
 * stops the worker.
 */
public final class InferenceSession implements AutoCloseable {

    /** A queued request; {@code signature} is what must match for two requests to share a batch. */
    private record Request(Map<String, Tensor> inputs, long rows, String signature, long submittedNanos,
                           CompletableFuture<Map<String, Tensor>> result) {}

    private static final Request STOP = new Request(Map.of(), 0, "", 0, null);

    private final ServableModel model;
    private final Device device;
    private final int maxBatchSize;
    private final long maxWaitNanos;
    private final int queueCapacity;
    private final ServingMetrics metrics = new ServingMetrics();
    /** Unbounded so that {@link #STOP} always fits; {@link #queued} enforces the capacity. */
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Object submitLock = new Object();
    private final Thread worker;
    private int queued;
    private boolean closed;

    private InferenceSession(Builder b) {
        this.model = b.model;
        this.device = b.device;
        this.maxBatchSize = b.maxBatchSize;
        this.maxWaitNanos = b.maxWait.toNanos();
        this.queueCapacity = b.queueCapacity;
        model.to(device);
        model.module().eval();
        if (b.warmUpSample != null) warmUp(b.warmUpSample, b.warmUpTime);
        worker = new Thread(this::work, "torch4j-serving-" + b.name);
        worker.setDaemon(true);
        worker.start();
    }

    /** A session for {@code model} with its options to set. */
    public static Builder builder(ServableModel model) {
        return new Builder(model);
    }

    /** A session for a module on the CPU with the default options. */
    public static InferenceSession of(Module module) {
        return builder(ServableModel.of(module)).build();
    }

    /** A session's options; every one has a default. */
    public static final class Builder {
        private final ServableModel model;
        private Device device = Device.CPU;
        private int maxBatchSize = 8;
        private Duration maxWait = Duration.ofMillis(5);
        private int queueCapacity = 1024;
        private String name = "model";
        private Map<String, Tensor> warmUpSample;
        private Duration warmUpTime;

        private Builder(ServableModel model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        /** Where the model runs (default the CPU); inputs are moved there, outputs come back to the host. */
        public Builder device(Device device) {
            this.device = Objects.requireNonNull(device, "device");
            return this;
        }

        /** The most rows one batch holds (default 8); 1 turns batching off. */
        public Builder maxBatchSize(int rows) {
            if (rows < 1) throw new IllegalArgumentException("maxBatchSize must be at least 1, got " + rows);
            this.maxBatchSize = rows;
            return this;
        }

        /** How long the first request of a batch waits for others (default 5 ms). */
        public Builder maxWait(Duration wait) {
            if (wait.isNegative()) throw new IllegalArgumentException("maxWait must not be negative, got " + wait);
            this.maxWait = wait;
            return this;
        }

        /** How many requests may wait before {@link #submit} refuses more (default 1024). */
        public Builder queueCapacity(int requests) {
            if (requests < 1) throw new IllegalArgumentException("queueCapacity must be at least 1, got " + requests);
            this.queueCapacity = requests;
            return this;
        }

        /** A name for the worker thread and messages (default "model"). */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Runs the model on {@code sample} (named inputs, as a request gives them) over and over for at least
         * {@code time}, and at least once, before {@link #build()} returns, so that the JIT has compiled the model's
         * hot code before the first request: a JVM runs a model's first calls many times slower than later ones
         * (ResNet-18 at batch 1 on two threads: 1.65 s for the first call, then about 40 calls over 1.5 s before it
         * settles at 28 ms). Warm-up calls count in no metric. The sample is checked as a request is: {@code build()}
         * throws the model's exception when the sample does not fit.
         */
        public Builder warmUp(Map<String, Tensor> sample, Duration time) {
            if (time.isNegative()) throw new IllegalArgumentException("the warm-up time must not be negative, got " + time);
            this.warmUpSample = Map.copyOf(Objects.requireNonNull(sample, "sample"));
            this.warmUpTime = time;
            return this;
        }

        /**
         * {@link #warmUp(Map, Duration)} for a model with one input.
         *
         * @throws IllegalStateException for a model with several inputs
         */
        public Builder warmUp(Tensor sample, Duration time) {
            return warmUp(Map.of(onlyInput(model, "warmUp(Tensor, Duration)"), Objects.requireNonNull(sample, "sample")), time);
        }

        /** Puts the model in eval mode on the device, warms it up if asked, and starts the worker. */
        public InferenceSession build() {
            return new InferenceSession(this);
        }
    }

    /** The model's input names, which every request must give. */
    public List<String> inputNames() {
        return model.inputNames();
    }

    /** The device the model runs on. */
    public Device device() {
        return device;
    }

    /** The most rows in one batch. */
    public int maxBatchSize() {
        return maxBatchSize;
    }

    /** This session's counters. */
    public ServingMetrics metrics() {
        return metrics;
    }

    /**
     * Queues one request. Its inputs must be exactly the model's {@link #inputNames()}, each with the
     * batch as dimension 0 (the same size for all). The future completes with the outputs for these
     * rows, or exceptionally with the reason this request failed ({@link IllegalArgumentException} for
     * inputs the model refuses).
     *
     * @throws RejectedExecutionException when the queue is full or the session is closed
     */
    public CompletableFuture<Map<String, Tensor>> submit(Map<String, Tensor> inputs) {
        CompletableFuture<Map<String, Tensor>> result = new CompletableFuture<>();
        long now = System.nanoTime();
        Request r;
        try {
            r = request(inputs, now, result);
        } catch (IllegalArgumentException e) {
            metrics.invalid();
            result.completeExceptionally(e);
            return result;
        }
        synchronized (submitLock) {
            if (closed) {
                metrics.rejected();
                throw new RejectedExecutionException("the session is closed");
            }
            if (queued >= queueCapacity) {
                metrics.rejected();
                throw new RejectedExecutionException("the queue is full (" + queueCapacity + " requests waiting); try again later");
            }
            queued++;
            queue.add(r);
        }
        metrics.request();
        return result;
    }

    /**
     * Runs {@code input} through a model with one input and one output, waiting for the result.
     *
     * @throws IllegalArgumentException           when the model refuses the input
     * @throws RejectedExecutionException when the queue is full or the session is closed
     */
    public Tensor predict(Tensor input) {
        Map<String, Tensor> out = predict(Map.of(onlyInput(model, "predict(Tensor)"), input));
        if (out.size() != 1) throw new IllegalStateException("predict(Tensor) needs a model with one output; this one has " + out.keySet());
        return out.values().iterator().next();
    }

    /** {@link #submit} and wait; the request's own exception is rethrown as it is. */
    public Map<String, Tensor> predict(Map<String, Tensor> inputs) {
        try {
            return submit(inputs).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    /** The builder's warm-up: the sample through the batch path, on this thread, before the worker exists. */
    private void warmUp(Map<String, Tensor> sample, Duration time) {
        Request r = request(sample, 0, null);
        long end = System.nanoTime() + time.toNanos();
        do {
            for (Map<String, Tensor> out : forward(List.of(r))) out.values().forEach(Tensor::close);
        } while (System.nanoTime() < end);
    }

    /** The name of {@code model}'s one input, for {@code what}, which takes a bare tensor. */
    private static String onlyInput(ServableModel model, String what) {
        if (model.inputNames().size() != 1) {
            throw new IllegalStateException(what + " needs a model with one input; this one has " + model.inputNames());
        }
        return model.inputNames().get(0);
    }

    /** Checks what can be checked without the model and says what a batch partner must share. */
    private Request request(Map<String, Tensor> inputs, long now, CompletableFuture<Map<String, Tensor>> result) {
        if (!inputs.keySet().equals(new HashSet<>(model.inputNames()))) {
            throw new IllegalArgumentException("the model takes the inputs " + model.inputNames() + ", got " + inputs.keySet());
        }
        StringBuilder signature = new StringBuilder();
        long rows = -1;
        for (String name : model.inputNames()) {
            Tensor t = inputs.get(name);
            if (t == null) throw new IllegalArgumentException("input '" + name + "' is null");
            if (t.dim() == 0) throw new IllegalArgumentException("input '" + name + "' is a scalar; it needs the batch as its first dimension");
            DType declared = model.inputDType(name).orElse(null);
            if (declared != null && t.dtype() != declared) {
                throw new IllegalArgumentException("input '" + name + "' must be " + declared.torchName() + ", got " + t.dtype().torchName());
            }
            if (rows >= 0 && t.size(0) != rows) {
                throw new IllegalArgumentException("the inputs must have the same batch size (dimension 0); input '" + name
                        + "' has " + t.size(0) + ", the others " + rows);
            }
            rows = t.size(0);
            long[] shape = t.shape();
            signature.append(name).append(':').append(t.dtype().torchName())
                    .append(Arrays.toString(Arrays.copyOfRange(shape, 1, shape.length))).append(';');
        }
        if (rows == 0) throw new IllegalArgumentException("the inputs have no rows (dimension 0 is 0)");
        return new Request(Map.copyOf(inputs), rows, signature.toString(), now, result);
    }

    private void work() {
        Request carried = null;
        boolean stopping = false;
        while (!stopping) {
            Request first;
            try {
                first = carried != null ? carried : queue.take();
            } catch (InterruptedException e) {
                continue; // only close() stops the worker, by STOP, so that nothing accepted is lost
            }
            carried = null;
            if (first == STOP) break;
            List<Request> batch = new ArrayList<>(List.of(first));
            long rows = first.rows();
            long deadline = first.submittedNanos() + maxWaitNanos;
            while (rows < maxBatchSize) {
                Request next;
                try {
                    long left = deadline - System.nanoTime();
                    next = left <= 0 ? queue.poll() : queue.poll(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    continue;
                }
                if (next == null) break;
                if (next == STOP) {
                    stopping = true;
                    break;
                }
                if (rows + next.rows() > maxBatchSize) {
                    carried = next;
                    break;
                }
                batch.add(next);
                rows += next.rows();
            }
            synchronized (submitLock) {
                queued -= batch.size();
            }
            run(batch);
        }
        failRemaining();
    }

    /** Runs the requests of {@code batch} that share a signature together. */
    private void run(List<Request> batch) {
        Map<String, List<Request>> groups = new LinkedHashMap<>();
        for (Request r : batch) groups.computeIfAbsent(r.signature(), k -> new ArrayList<>()).add(r);
        for (List<Request> group : groups.values()) runGroup(group);
    }

    private void runGroup(List<Request> group) {
        metrics.batch(group.size());
        List<Map<String, Tensor>> outputs;
        try {
            outputs = forward(group);
        } catch (Throwable e) {
            if (group.size() > 1) {
                // someone's input broke the batch: alone, each request gets its own result or error
                for (Request r : group) runGroup(List.of(r));
            } else {
                complete(group.get(0), null, e);
            }
            return;
        }
        for (int i = 0; i < group.size(); i++) complete(group.get(i), outputs.get(i), null);
    }

    /** One forward pass over the group's rows; each request's outputs, copied out of the batch's scope. */
    private List<Map<String, Tensor>> forward(List<Request> group) {
        long total = group.stream().mapToLong(Request::rows).sum();
        try (var noGrad = Torch.noGrad(); var scope = Torch.scope()) {
            Map<String, Tensor> inputs = new HashMap<>();
            for (String name : model.inputNames()) {
                List<Tensor> parts = new ArrayList<>();
                for (Request r : group) parts.add(r.inputs().get(name).to(device));
                inputs.put(name, parts.size() == 1 ? parts.get(0) : Torch.cat(parts, 0));
            }
            Map<String, Tensor> out = model.forward(inputs);
            for (Map.Entry<String, Tensor> e : out.entrySet()) {
                Tensor t = e.getValue();
                if (t.dim() == 0 || t.size(0) != total) {
                    throw new IllegalStateException("output '" + e.getKey() + "' has shape " + Arrays.toString(t.shape())
                            + ": its first dimension must be the batch size " + total + " to split it per request");
                }
            }
            List<Map<String, Tensor>> results = new ArrayList<>();
            long offset = 0;
            for (Request r : group) {
                Map<String, Tensor> mine = new LinkedHashMap<>();
                for (Map.Entry<String, Tensor> e : out.entrySet()) {
                    Tensor rows = e.getValue().narrow(0, offset, r.rows());
                    // a copy, so the caller owns plain host memory and the batch's storage can be freed
                    mine.put(e.getKey(), scope.keep(device.equals(Device.CPU) ? rows.clone() : rows.to(Device.CPU)));
                }
                results.add(mine);
                offset += r.rows();
            }
            return results;
        }
    }

    private void complete(Request r, Map<String, Tensor> outputs, Throwable error) {
        metrics.completed(System.nanoTime() - r.submittedNanos(), error != null);
        if (error != null) r.result().completeExceptionally(error);
        else r.result().complete(outputs);
    }

    /** Whatever is still queued once the worker stops (nothing, unless it died) is cancelled. */
    private void failRemaining() {
        Request r;
        while ((r = queue.poll()) != null) {
            if (r != STOP) complete(r, null, new CancellationException("the session stopped before this request ran"));
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        synchronized (submitLock) {
            return closed;
        }
    }

    /**
     * Refuses new requests, runs every request already accepted, and stops the worker; waits for that.
     * Calling it again does nothing.
     */
    @Override
    public void close() {
        synchronized (submitLock) {
            if (!closed) {
                closed = true;
                queue.add(STOP);
            }
        }
        if (Thread.currentThread() == worker) return; // closed from inside a request: the worker stops after this batch
        boolean interrupted = false;
        while (worker.isAlive()) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
