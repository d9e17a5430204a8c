package org.torch4j.tensorboard;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.nn.Module;

/**
 * PyTorch's {@code torch.utils.tensorboard.SummaryWriter}: writes scalars, histograms, images, text, audio,
 * precision-recall curves, meshes and custom-scalar layouts to TensorBoard event files in a log directory, record for
 * record what PyTorch 1.13 writes for the same calls (images are PNG-encoded by torch4j: the same pixels, other
 * compressed bytes); videos as animated GIFs and model graphs from torch4j's own trace (see
 * {@link #addVideo(String, Tensor, long, double, double)} and {@link #addGraph} for how they differ from PyTorch's).
 *
 * <pre>{@code
 * try (SummaryWriter writer = new SummaryWriter(Path.of("runs/mnist"))) {
 *     for (int step = 0; step < steps; step++) {
 *         Tensor loss = ...;
 *         writer.addScalar("loss/train", loss.item(), step);
 *     }
 *     writer.addHistogram("fc1.weight", model.fc1.weight, steps);
 * }
 * // then: tensorboard --logdir runs
 * }</pre>
 *
 * <p>Events are buffered and written when {@code maxQueue} (10) are pending, when an add comes {@code flushSecs}
 * (120) after the last write, and on {@link #flush()} and {@link #close()}; torch4j starts no thread for it.
 * After {@code close()} the next add opens a new event file, as PyTorch's does. Methods are thread-safe.
 */
public final class SummaryWriter implements AutoCloseable {
    private final Path logDir;
    private final int maxQueue;
    private final double flushSecs;
    private final String filenameSuffix;
    private Long purgeStep;
    private EventFile main;
    private final Map<Path, EventFile> scalarsWriters = new LinkedHashMap<>();
    private final Projector projector = new Projector();

    /** A writer into {@code runs/<Mon><dd>_<HH>-<mm>-<ss>_<host>}, PyTorch's default log directory. */
    public SummaryWriter() {
        this(builder());
    }

    /**
     * A writer into {@code logDir} (created when missing).
     *
     * @param logDir the directory the event files go to
     */
    public SummaryWriter(Path logDir) {
        this(builder().logDir(logDir));
    }

    private SummaryWriter(Builder b) {
        if (b.maxQueue < 1) throw new IllegalArgumentException("maxQueue must be positive, got " + b.maxQueue);
        this.logDir = b.logDir != null ? b.logDir
                : Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMMdd_HH-mm-ss", Locale.ROOT)) + "_"
                        + EventFile.hostName() + b.comment);
        this.maxQueue = b.maxQueue;
        this.flushSecs = b.flushSecs;
        this.filenameSuffix = b.filenameSuffix;
        this.purgeStep = b.purgeStep;
        file();
    }

    /** @return a builder for the other options ({@code comment}, {@code purgeStep}, {@code maxQueue}, ...) */
    public static Builder builder() {
        return new Builder();
    }

    /** The options of PyTorch's {@code SummaryWriter(log_dir, comment, purge_step, max_queue, flush_secs, filename_suffix)}. */
    public static final class Builder {
        private Path logDir;
        private String comment = "";
        private Long purgeStep;
        private int maxQueue = 10;
        private double flushSecs = 120;
        private String filenameSuffix = "";

        private Builder() {}

        /**
         * @param logDir the log directory (default {@code runs/<date>_<host><comment>})
         * @return this builder
         */
        public Builder logDir(Path logDir) {
            this.logDir = logDir;
            return this;
        }

        /**
         * @param comment appended to the default log directory's name (ignored with {@link #logDir})
         * @return this builder
         */
        public Builder comment(String comment) {
            this.comment = comment;
            return this;
        }

        /**
         * @param purgeStep TensorBoard hides the events of earlier runs in this directory at this step and later
         *        (a restart after a crash); written as a {@code SessionLog.START} at that step
         * @return this builder
         */
        public Builder purgeStep(long purgeStep) {
            this.purgeStep = purgeStep;
            return this;
        }

        /**
         * @param maxQueue how many events may wait before they are written (default 10)
         * @return this builder
         */
        public Builder maxQueue(int maxQueue) {
            this.maxQueue = maxQueue;
            return this;
        }

        /**
         * @param flushSecs after how many seconds an add writes the waiting events out (default 120)
         * @return this builder
         */
        public Builder flushSecs(double flushSecs) {
            this.flushSecs = flushSecs;
            return this;
        }

        /**
         * @param filenameSuffix appended to every event file's name
         * @return this builder
         */
        public Builder filenameSuffix(String filenameSuffix) {
            this.filenameSuffix = filenameSuffix;
            return this;
        }

        /** @return the writer, with its first event file created */
        public SummaryWriter build() {
            return new SummaryWriter(this);
        }
    }

    /** @return the log directory */
    public Path logDir() {
        return logDir;
    }

    /** @return the current event file of this writer's own events (not those of {@link #addScalars}) */
    public synchronized Path eventFile() {
        return file().path();
    }

    /**
     * {@code add_scalar}: one value of the series {@code tag}.
     *
     * @param tag the series' name ({@code "loss/train"}: the part before '/' groups series in TensorBoard)
     * @param value the value (stored as float32, as PyTorch stores it)
     * @param step the global step
     */
    public void addScalar(String tag, double value, long step) {
        addScalar(tag, value, step, now());
    }

    /**
     * {@code add_scalar} with an explicit wall time.
     *
     * @param tag the series' name
     * @param value the value
     * @param step the global step
     * @param wallTime seconds since the epoch
     */
    public synchronized void addScalar(String tag, double value, long step, double wallTime) {
        file().add(Summaries.event(Summaries.scalar(tag, value), step, wallTime));
    }

    /**
     * {@code add_scalar} of a one-element tensor ({@code loss} itself).
     *
     * @param tag the series' name
     * @param value a tensor of one element
     * @param step the global step
     */
    public void addScalar(String tag, Tensor value, long step) {
        if (value.numel() != 1) {
            throw new IllegalArgumentException("Tensor should contain one element (0 dimensions). Was given size: " + value.numel()
                    + " and " + value.dim() + " dimensions.");
        }
        addScalar(tag, value.item(), step);
    }

    /**
     * {@code add_scalars}: several series in one chart; each goes to its own run, the subdirectory
     * {@code <logDir>/<mainTag with '/' as '_'>_<key>}, under the tag {@code mainTag}.
     *
     * @param mainTag the chart's name
     * @param values the series' names and values
     * @param step the global step
     */
    public void addScalars(String mainTag, Map<String, ? extends Number> values, long step) {
        addScalars(mainTag, values, step, now());
    }

    /**
     * {@code add_scalars} with an explicit wall time.
     *
     * @param mainTag the chart's name
     * @param values the series' names and values
     * @param step the global step
     * @param wallTime seconds since the epoch
     */
    public synchronized void addScalars(String mainTag, Map<String, ? extends Number> values, long step, double wallTime) {
        file();
        for (Map.Entry<String, ? extends Number> e : values.entrySet()) {
            Path dir = Path.of(logDir + "/" + mainTag.replace("/", "_") + "_" + e.getKey());
            EventFile f = scalarsWriters.computeIfAbsent(dir, d -> new EventFile(d, maxQueue, flushSecs, filenameSuffix, now()));
            f.add(Summaries.event(Summaries.scalar(mainTag, e.getValue().doubleValue()), step, wallTime));
        }
    }

    /**
     * {@code add_histogram} with PyTorch's default bins ({@code bins="tensorflow"}: exponential from 1e-12 to 1e20
     * both sides of 0).
     *
     * @param tag the histogram's name
     * @param values the values (any shape, any real dtype)
     * @param step the global step
     */
    public void addHistogram(String tag, Tensor values, long step) {
        addHistogram(tag, values, step, null, 0, 0, now());
    }

    /**
     * {@code add_histogram(tag, values, step, bins=n)}: {@code n} equal bins between the least and greatest value.
     *
     * @param tag the histogram's name
     * @param values the values
     * @param step the global step
     * @param bins the number of bins
     */
    public void addHistogram(String tag, Tensor values, long step, int bins) {
        addHistogram(tag, values, step, null, bins, 0, now());
    }

    /**
     * {@code add_histogram} in full.
     *
     * @param tag the histogram's name
     * @param values the values
     * @param step the global step
     * @param binEdges increasing bin edges, or null for {@code bins} equal bins (or, when {@code bins} is 0, the
     *        default "tensorflow" bins)
     * @param bins the number of equal bins when {@code binEdges} is null; 0 for the default bins
     * @param maxBins 0, or the most bins to write (neighbours merged), PyTorch's {@code max_bins}
     * @param wallTime seconds since the epoch
     * @throws IllegalArgumentException for no values, edges that decrease, or no value within the edges
     */
    public synchronized void addHistogram(String tag, Tensor values, long step, double[] binEdges, int bins, int maxBins, double wallTime) {
        double[] v = values.detach().to(org.torch4j.DType.FLOAT64).contiguous().toDoubleArray();
        double[] edges = binEdges != null ? binEdges : bins == 0 ? Histograms.TENSORFLOW_BINS : null;
        Histograms.Histogram h = Histograms.make(v, edges, bins, maxBins);
        file().add(Summaries.event(Summaries.histogram(tag, h), step, wallTime));
    }

    /**
     * {@code add_histogram_raw}: a histogram already counted.
     *
     * @param tag the histogram's name
     * @param min the least value
     * @param max the greatest value
     * @param num the number of values
     * @param sum their sum
     * @param sumSquares the sum of their squares
     * @param bucketLimits each bucket's upper limit
     * @param bucketCounts each bucket's count
     * @param step the global step
     * @param wallTime seconds since the epoch
     * @throws IllegalArgumentException when the two arrays differ in length
     */
    public synchronized void addHistogramRaw(String tag, double min, double max, double num, double sum, double sumSquares,
            double[] bucketLimits, double[] bucketCounts, long step, double wallTime) {
        if (bucketLimits.length != bucketCounts.length) throw new IllegalArgumentException("len(bucket_limits) != len(bucket_counts)");
        Histograms.Histogram h = new Histograms.Histogram(min, max, num, sum, sumSquares, bucketLimits.clone(), bucketCounts.clone());
        file().add(Summaries.event(Summaries.histogram(tag, h), step, wallTime));
    }

    /**
     * {@code add_image} of a CHW image: floating-point values in [0, 1], or uint8 in [0, 255]; 1 channel is shown
     * grey, 3 as RGB.
     *
     * @param tag the image's name
     * @param image the image, C x H x W
     * @param step the global step
     */
    public void addImage(String tag, Tensor image, long step) {
        addImage(tag, image, step, "CHW", now());
    }

    /**
     * {@code add_image} with PyTorch's {@code dataformats}: "CHW", "HWC", "HW", or a 4-letter batch format
     * ("NCHW", "NHWC") whose images are tiled into one, eight to a row.
     *
     * @param tag the image's name
     * @param image the image
     * @param step the global step
     * @param dataformats the order of the image's dimensions
     * @param wallTime seconds since the epoch
     */
    public synchronized void addImage(String tag, Tensor image, long step, String dataformats, double wallTime) {
        file().add(Summaries.event(Summaries.image(tag, Images.toHwc(image, dataformats)), step, wallTime));
    }

    /**
     * {@code add_images}: a batch (N x C x H x W), tiled eight to a row.
     *
     * @param tag the image's name
     * @param images the batch, C of 1 or 3
     * @param step the global step
     */
    public void addImages(String tag, Tensor images, long step) {
        addImage(tag, images, step, "NCHW", now());
    }

    /**
     * {@code add_text}: a string, shown as markdown.
     *
     * @param tag the text's name (TensorBoard shows it as {@code tag/text_summary})
     * @param text the text
     * @param step the global step
     */
    public void addText(String tag, String text, long step) {
        addText(tag, text, step, now());
    }

    /**
     * {@code add_text} with an explicit wall time.
     *
     * @param tag the text's name
     * @param text the text
     * @param step the global step
     * @param wallTime seconds since the epoch
     */
    public synchronized void addText(String tag, String text, long step, double wallTime) {
        file().add(Summaries.event(Summaries.text(tag, text), step, wallTime));
    }

    /**
     * {@code add_audio}: a mono signal in [-1, 1] (clipped beyond), stored as 16-bit WAV.
     *
     * @param tag the clip's name
     * @param signal the samples (1-d after dropping size-1 dimensions)
     * @param step the global step
     * @param sampleRate samples per second (PyTorch's default 44100)
     */
    public void addAudio(String tag, Tensor signal, long step, int sampleRate) {
        addAudio(tag, signal, step, sampleRate, now());
    }

    /**
     * {@code add_audio} with an explicit wall time.
     *
     * @param tag the clip's name
     * @param signal the samples
     * @param step the global step
     * @param sampleRate samples per second
     * @param wallTime seconds since the epoch
     */
    public synchronized void addAudio(String tag, Tensor signal, long step, int sampleRate, double wallTime) {
        file().add(Summaries.event(Summaries.audio(tag, signal, sampleRate), step, wallTime));
    }

    /**
     * {@code add_pr_curve} with 127 thresholds and no weights.
     *
     * @param tag the curve's name
     * @param labels the true labels (0/1 or false/true)
     * @param predictions the probabilities of class 1, in [0, 1]
     * @param step the global step
     */
    public void addPrCurve(String tag, Tensor labels, Tensor predictions, long step) {
        addPrCurve(tag, labels, predictions, step, 127, null, now());
    }

    /**
     * {@code add_pr_curve} in full.
     *
     * @param tag the curve's name
     * @param labels the true labels
     * @param predictions the probabilities of class 1, in [0, 1]
     * @param step the global step
     * @param numThresholds the number of thresholds (at most 127, as PyTorch caps it)
     * @param weights per-example weights broadcast to the labels' shape, or null
     * @param wallTime seconds since the epoch
     */
    public synchronized void addPrCurve(String tag, Tensor labels, Tensor predictions, long step, int numThresholds, Tensor weights,
            double wallTime) {
        if (numThresholds < 2) throw new IllegalArgumentException("numThresholds must be at least 2, got " + numThresholds);
        double[][] curve = PrCurves.compute(labels, predictions, Math.min(numThresholds, 127), weights);
        file().add(Summaries.event(Summaries.prCurve(tag, curve), step, wallTime));
    }

    /**
     * {@code add_hparams}: one trial of a hyperparameter search, for TensorBoard's HPARAMS tab, in a run of its own
     * (the subdirectory named by the current time).
     *
     * @param hparams the hyperparameters: numbers, strings, booleans (shown as 1 and 0, as PyTorch writes them),
     *        one-element tensors; null values are left out
     * @param metrics the trial's results, also written as scalars of the trial's run
     */
    public void addHparams(Map<String, ?> hparams, Map<String, ? extends Number> metrics) {
        addHparams(hparams, metrics, Map.of(), null);
    }

    /**
     * {@code add_hparams} in full.
     *
     * @param hparams the hyperparameters
     * @param metrics the trial's results
     * @param domainDiscrete for some hyperparameters, every value they can take (of the same type as the value)
     * @param runName the trial's subdirectory, or null for the current time in seconds
     * @throws IllegalArgumentException for a value of another type, or a domain whose values are not of the
     *         hyperparameter's type
     */
    public synchronized void addHparams(Map<String, ?> hparams, Map<String, ? extends Number> metrics,
            Map<String, ? extends List<?>> domainDiscrete, String runName) {
        List<byte[]> summaries = HParams.summaries(hparams, metrics, domainDiscrete);
        String run = runName == null || runName.isEmpty() ? java.math.BigDecimal.valueOf(now()).toPlainString() : runName;
        file();
        try (EventFile trial = new EventFile(logDir.resolve(run), 10, 120, "", now())) {
            for (byte[] s : summaries) trial.add(Summaries.event(s, 0, now()));
            metrics.forEach((k, v) -> trial.add(Summaries.event(Summaries.scalar(k, v.doubleValue()), 0, now())));
        }
    }

    /**
     * {@code add_embedding}: points for TensorBoard's projector, labelled by {@code metadata}, at step 0 under the
     * tag "default".
     *
     * @param mat the points, one per row (N x D)
     * @param metadata one label per point, or null
     */
    public void addEmbedding(Tensor mat, List<?> metadata) {
        addEmbedding(mat, metadata, null, null, 0, "default");
    }

    /**
     * {@code add_embedding} in full: the files go to {@code <logDir>/<step, 5 digits>/<tag>}, and
     * {@code projector_config.pbtxt} in the log directory lists every embedding this writer added.
     *
     * @param mat the points, one per row (N x D)
     * @param metadata one label per point; with {@code metadataHeader}, one list of columns per point; or null
     * @param metadataHeader the names of the metadata's columns, or null for one column without a name
     * @param labelImages an image per point (N x C x H x W, C of 1 or 3, values in [0, 1]) for the sprite, or null
     * @param step the global step
     * @param tag the embedding's name
     * @throws IllegalArgumentException when mat is not 2-d, or metadata, header or images do not fit it
     */
    public synchronized void addEmbedding(Tensor mat, List<?> metadata, List<?> metadataHeader, Tensor labelImages, long step, String tag) {
        file();
        projector.add(logDir, mat, metadata, metadataHeader, labelImages, step, tag);
    }

    /**
     * {@code add_video} at 4 frames per second.
     *
     * @param tag the video's name
     * @param video N x T x C x H x W: N videos of T frames, C of 1 or 3; floating-point values in [0, 1] or uint8
     * @param step the global step
     */
    public void addVideo(String tag, Tensor video, long step) {
        addVideo(tag, video, step, 4, now());
    }

    /**
     * {@code add_video} in full: the N videos tiled into one as PyTorch tiles them (the batch padded to a power of two
     * with black videos, {@code 2^floor((bits(N) - 1) / 2)} rows), stored as an animated GIF in an image summary. PyTorch
     * has moviepy write the GIF; torch4j writes it itself, with one palette for the whole video: exact for a video of at
     * most 256 colours, else a uniform 3-3-2 palette (8 levels of red and green, 4 of blue) each pixel is rounded to.
     *
     * @param tag the video's name
     * @param video N x T x C x H x W
     * @param step the global step
     * @param fps frames per second (a GIF shows each frame a whole number of hundredths of a second)
     * @param wallTime seconds since the epoch
     * @throws IllegalArgumentException when the video is not 5-d, has another number of channels, or no pixel
     */
    public synchronized void addVideo(String tag, Tensor video, long step, double fps, double wallTime) {
        file().add(Summaries.event(Videos.summary(tag, video, fps), step, wallTime));
    }

    /**
     * {@code add_mesh}: a triangle mesh or point cloud for TensorBoard's MESH tab (three.js), as the mesh plugin's
     * tensor summaries {@code <tag>_VERTEX}, {@code <tag>_FACE} and {@code <tag>_COLOR} (those given) in one event.
     *
     * @param tag the mesh's name
     * @param vertices B x N x 3: the points' coordinates
     * @param colors B x N x 3: each point's colour, 0 to 255, or null
     * @param faces B x F x 3: each triangle's vertex indices, or null for a point cloud
     * @param configDict three.js settings ({@code {"camera": {"cls": "PerspectiveCamera", "fov": 75}}}), stored as
     *        Python's {@code json.dumps(config, sort_keys=True)} writes them; or null
     * @param step the global step
     */
    public void addMesh(String tag, Tensor vertices, Tensor colors, Tensor faces, Map<String, ?> configDict, long step) {
        addMesh(tag, vertices, colors, faces, configDict, step, now());
    }

    /**
     * {@code add_mesh} with an explicit wall time.
     *
     * @param tag the mesh's name
     * @param vertices B x N x 3
     * @param colors B x N x 3, or null
     * @param faces B x F x 3, or null
     * @param configDict three.js settings, or null
     * @param step the global step
     * @param wallTime seconds since the epoch
     * @throws IllegalArgumentException when a tensor is not 3-d, or the configuration holds something JSON cannot
     */
    public synchronized void addMesh(String tag, Tensor vertices, Tensor colors, Tensor faces, Map<String, ?> configDict, long step,
            double wallTime) {
        file().add(Summaries.event(Meshes.summaries(tag, vertices, colors, faces, configDict), step, wallTime));
    }

    /**
     * {@code add_custom_scalars}: the layout of TensorBoard's CUSTOM SCALARS tab, charts that gather scalar series
     * written by {@link #addScalar}. Give it once per run.
     *
     * <pre>{@code
     * writer.addCustomScalars(Map.of("Losses", Map.of("train vs test", List.of("Multiline", List.of("loss/train", "loss/test")),
     *                                                 "accuracy band", List.of("Margin", List.of("acc/mean", "acc/low", "acc/high")))));
     * }</pre>
     *
     * @param layout category name -> chart title -> [chart type, tags]: type "Margin" with exactly three tags (the
     *        value, its lower and its upper bound), "Multiline" (any other type is taken for it) with any number;
     *        categories and charts in the maps' iteration order
     * @throws IllegalArgumentException for a Margin chart without exactly three tags, or properties of another form
     */
    public synchronized void addCustomScalars(Map<String, ? extends Map<String, ? extends List<?>>> layout) {
        file().add(Summaries.event(CustomScalars.summary(layout), 0, now()));
    }

    /**
     * {@code add_custom_scalars_multilinechart} in the category "default", titled "untitled".
     *
     * @param tags the scalar series drawn together
     */
    public void addCustomScalarsMultilinechart(List<String> tags) {
        addCustomScalarsMultilinechart(tags, "default", "untitled");
    }

    /**
     * {@code add_custom_scalars_multilinechart}: a layout of one chart drawing several scalar series together.
     *
     * @param tags the scalar series
     * @param category the chart's category
     * @param title the chart's title
     */
    public void addCustomScalarsMultilinechart(List<String> tags, String category, String title) {
        addCustomScalars(Map.of(category, Map.of(title, List.of("Multiline", tags))));
    }

    /**
     * {@code add_custom_scalars_marginchart} in the category "default", titled "untitled".
     *
     * @param tags three scalar series: the value, its lower and its upper bound
     */
    public void addCustomScalarsMarginchart(List<String> tags) {
        addCustomScalarsMarginchart(tags, "default", "untitled");
    }

    /**
     * {@code add_custom_scalars_marginchart}: a layout of one chart drawing a series within a band.
     *
     * @param tags three scalar series: the value, its lower and its upper bound
     * @param category the chart's category
     * @param title the chart's title
     * @throws IllegalArgumentException unless there are exactly three tags
     */
    public void addCustomScalarsMarginchart(List<String> tags, String category, String title) {
        addCustomScalars(Map.of(category, Map.of(title, List.of("Margin", tags))));
    }

    /**
     * {@code add_graph}: the model's graph for TensorBoard's GRAPHS tab, traced from one forward pass on
     * {@code inputs} in eval mode (the training mode restored after): the model's ops grouped by the module that ran
     * them, PyTorch's scope names ({@code Net/Sequential[features]/Conv2d[0]}), {@code aten::} op names, the output
     * shapes. Written as PyTorch writes it: a {@code GraphDef} event, then a {@code RunMetadata} tagged "step1". The
     * nodes' own names differ from PyTorch's (see the package's README section): values are numbered in order where
     * TorchScript names them, and non-tensor arguments are not nodes.
     *
     * @param model the model
     * @param inputs its inputs: one is passed to {@code model.call}; several to the model's public {@code call} (else
     *        {@code forward}) taking that many tensors
     * @throws IllegalArgumentException without inputs, or when the model has no method taking that many tensors
     */
    public synchronized void addGraph(Module model, Tensor... inputs) {
        if (inputs.length == 0) throw new IllegalArgumentException("add_graph needs the model's input: input_to_model is empty");
        byte[] graph = Graphs.graphDef(model, inputs);
        file().add(new ProtoWriter().float64(1, now()).bytes(4, graph).toBytes());
        // RunMetadata { step_stats { dev_stats { device } } }: PyTorch's fixed CPU device, no timings
        ProtoWriter stepStats = new ProtoWriter().message(1, new ProtoWriter().string(1, "/device:CPU:0"));
        byte[] runMetadata = new ProtoWriter().message(1, stepStats).toBytes();
        file().add(new ProtoWriter().float64(1, now()).message(8, new ProtoWriter().string(1, "step1").bytes(2, runMetadata)).toBytes());
    }

    /** Writes every waiting event to disk. */
    public synchronized void flush() {
        if (main != null) main.flush();
        scalarsWriters.values().forEach(EventFile::flush);
    }

    /** Writes every waiting event and closes the files; a later add opens a new event file. */
    @Override
    public synchronized void close() {
        if (main != null) main.close();
        scalarsWriters.values().forEach(EventFile::close);
        main = null;
        scalarsWriters.clear();
    }

    private EventFile file() {
        if (main == null) {
            main = new EventFile(logDir, maxQueue, flushSecs, filenameSuffix, now());
            if (purgeStep != null) {
                main.add(new ProtoWriter().float64(1, now()).varint(2, purgeStep).string(3, "brain.Event:2").toBytes());
                main.add(new ProtoWriter().float64(1, now()).varint(2, purgeStep).message(7, new ProtoWriter().varint(1, 1)).toBytes());
                purgeStep = null;
            }
        }
        return main;
    }

    private static double now() {
        Instant t = Instant.now();
        return t.getEpochSecond() + t.getNano() / 1e9;
    }
}
