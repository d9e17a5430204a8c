package org.torch4j.commands;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.torch4j.DType;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.data.DataLoader;
import org.torch4j.data.Dataset;

/**
 * Labelled examples for classification, served as (input, label) batches: inputs float32 in [0, 1],
 * labels int64. Two forms: whole uint8 image tensors (batched by index selection, the fast path for
 * MNIST-style data) and any {@link Dataset} whose items are (input, label) pairs.
 */
interface LabelledData {

    /** The number of examples. */
    long size();

    /** The batches of one pass, reshuffled from {@code generator} when {@code shuffle}. */
    Iterator<Tensor[]> batches(int batchSize, boolean shuffle, Generator generator);

    /** The number of batches one pass gives. */
    default long batchCount(int batchSize) {
        return (size() + batchSize - 1) / batchSize;
    }

    /** The shape of one input, e.g. [1, 28, 28]. */
    long[] inputShape();

    /**
     * uint8 images [N, H, W] (one channel) or [N, C, H, W] and their int64 labels [N]; a batch is
     * {@code images[idx] / 255} with a channel dim.
     */
    record Images(Tensor images, Tensor labels) implements LabelledData {
        public Images {
            if (images.dtype() != DType.UINT8 || (images.dim() != 3 && images.dim() != 4)) {
                throw new IllegalArgumentException("expected uint8 images [N, H, W] or [N, C, H, W], got " + images.dtype() + " "
                        + Arrays.toString(images.shape()));
            }
            if (labels.dim() != 1 || labels.size(0) != images.size(0)) {
                throw new IllegalArgumentException(images.size(0) + " images but labels of shape " + Arrays.toString(labels.shape()));
            }
            labels = labels.to(DType.INT64);
        }

        @Override
        public long size() {
            return images.size(0);
        }

        @Override
        public long[] inputShape() {
            long[] s = images.shape();
            return s.length == 3 ? new long[] {1, s[1], s[2]} : Arrays.copyOfRange(s, 1, 4);
        }

        /** The first {@code n} examples. */
        Images head(long n) {
            return new Images(images.narrow(0, 0, Math.min(n, size())), labels.narrow(0, 0, Math.min(n, size())));
        }

        @Override
        public Iterator<Tensor[]> batches(int batchSize, boolean shuffle, Generator generator) {
            long n = size();
            Tensor order = shuffle ? Torch.randperm(n, generator) : null;
            return new Iterator<>() {
                long start = 0;

                @Override
                public boolean hasNext() {
                    return start < n;
                }

                @Override
                public Tensor[] next() {
                    if (!hasNext()) throw new java.util.NoSuchElementException();
                    long len = Math.min(batchSize, n - start);
                    Tensor x, y;
                    if (order != null) {
                        Tensor idx = order.narrow(0, start, len);
                        x = images.indexSelect(0, idx);
                        y = labels.indexSelect(0, idx);
                    } else {
                        x = images.narrow(0, start, len);
                        y = labels.narrow(0, start, len);
                    }
                    start += len;
                    if (x.dim() == 3) x = x.unsqueeze(1);
                    return new Tensor[] {x.toFloat().div(255.0), y};
                }
            };
        }
    }

    /** A dataset of (input, label) items, batched by a {@link DataLoader} with PyTorch's default collate. */
    record Items(Dataset<?> dataset) implements LabelledData {
        @Override
        public long size() {
            return dataset.size();
        }

        @Override
        public long[] inputShape() {
            long[] batched = pair(org.torch4j.data.Collate.collate(List.of(dataset.get(0))))[0].shape();
            return Arrays.copyOfRange(batched, 1, batched.length);   // without the batch dim of the one-item batch
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Iterator<Tensor[]> batches(int batchSize, boolean shuffle, Generator generator) {
            DataLoader.Builder b = DataLoader.of((Dataset) dataset).batchSize(batchSize).shuffle(shuffle);
            if (shuffle) b = b.generator(generator);
            Iterator<Object> it = ((DataLoader<Object>) b.build()).iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Tensor[] next() {
                    Tensor[] p = pair(it.next());
                    Tensor x = p[0].dtype() == DType.UINT8 ? p[0].toFloat().div(255.0) : p[0];
                    return new Tensor[] {x, p[1].to(DType.INT64)};
                }
            };
        }

        /** (input, label) from a collated batch: a list or array of two tensors, a two-component record or a two-entry map. */
        static Tensor[] pair(Object batch) {
            Object[] parts;
            if (batch instanceof List<?> l) {
                parts = l.toArray();
            } else if (batch instanceof Object[] a) {
                parts = a;
            } else if (batch instanceof Map<?, ?> m) {
                parts = m.values().toArray();
            } else if (batch instanceof Record r) {
                RecordComponent[] rc = r.getClass().getRecordComponents();
                parts = new Object[rc.length];
                for (int i = 0; i < rc.length; i++) {
                    try {
                        parts[i] = rc[i].getAccessor().invoke(r);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot read " + rc[i].getName() + " of " + r.getClass().getName(), e);
                    }
                }
            } else {
                throw new IllegalArgumentException("dataset items must be (input, label) pairs, got "
                        + (batch == null ? "null" : batch.getClass().getName()));
            }
            if (parts.length != 2 || !(parts[0] instanceof Tensor) || !(parts[1] instanceof Tensor)) {
                throw new IllegalArgumentException("dataset items must be (input, label) pairs of tensors, got " + parts.length
                        + " parts");
            }
            return new Tensor[] {(Tensor) parts[0], (Tensor) parts[1]};
        }
    }
}
