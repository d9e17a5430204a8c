package org.torch4j.commands;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The training chart: loss (left axis: the training loss as it went, test loss per epoch) and test
 * accuracy per epoch (right axis, percent) against the epoch, with axes, ticks, grid and a legend,
 * written as a PNG with java.awt and javax.imageio. The training loss is drawn from points within
 * epochs (the mean over each tenth of an epoch), so a one-epoch run still shows its curve.
 */
final class Chart {
    /** The image size in pixels. */
    static final int WIDTH = 800, HEIGHT = 500;
    private static final int LEFT = 70, RIGHT = 70, TOP = 76, BOTTOM = 60;
    static final Color TRAIN_LOSS = new Color(31, 119, 180), TEST_LOSS = new Color(255, 127, 14), ACCURACY = new Color(44, 160, 44);

    private Chart() {}

    /** Writes the chart of {@code history} and the training-loss points to {@code file} (atomically). */
    static void write(List<Trainer.Epoch> history, List<Trainer.LossPoint> trainLoss, String title, Path file) {
        BufferedImage image = render(history, trainLoss, title);
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            // write beside the target, then rename over it: a reader never sees half a PNG
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    if (!ImageIO.write(image, "png", out)) throw new IOException("no PNG writer in javax.imageio");
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart " + file + ": " + e.getMessage(), e);
        }
    }

    /** Draws the chart, the training loss taken from each epoch's mean. */
    static BufferedImage render(List<Trainer.Epoch> history, String title) {
        List<Trainer.LossPoint> points = history.stream().filter(e -> Double.isFinite(e.trainLoss()))
                .map(e -> new Trainer.LossPoint(e.epoch(), e.trainLoss())).toList();
        return render(history, points, title);
    }

    /** Draws the chart. */
    static BufferedImage render(List<Trainer.Epoch> history, List<Trainer.LossPoint> trainLoss, String title) {
        if (history.isEmpty()) throw new IllegalArgumentException("nothing to chart: the history is empty");
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            int x0 = LEFT, x1 = WIDTH - RIGHT, y0 = HEIGHT - BOTTOM, y1 = TOP;
            int lastEpoch = history.get(history.size() - 1).epoch();
            int firstEpoch = history.get(0).epoch();
            double xSpan = Math.max(1, lastEpoch - firstEpoch);
            double maxLoss = 0;
            for (Trainer.Epoch e : history) {
                if (Double.isFinite(e.testLoss())) maxLoss = Math.max(maxLoss, e.testLoss());
            }
            for (Trainer.LossPoint p : trainLoss) {
                if (Double.isFinite(p.loss())) maxLoss = Math.max(maxLoss, p.loss());
            }
            double lossTop = niceCeiling(maxLoss);

            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            FontMetrics fm = g.getFontMetrics();
            // grid and ticks: 5 loss/accuracy divisions, one x tick per epoch (or fewer when many)
            int xStep = Math.max(1, (int) Math.ceil(xSpan / 10));
            for (int i = 0; i <= 5; i++) {
                int y = y0 - (int) Math.round(i * (y0 - y1) / 5.0);
                g.setColor(new Color(230, 230, 230));
                g.drawLine(x0, y, x1, y);
                g.setColor(Color.DARK_GRAY);
                String l = String.format(Locale.ROOT, "%.2f", lossTop * i / 5);
                g.drawString(l, x0 - 6 - fm.stringWidth(l), y + fm.getAscent() / 2 - 1);
                String a = (i * 20) + "%";
                g.drawString(a, x1 + 6, y + fm.getAscent() / 2 - 1);
            }
            for (int e = firstEpoch; e <= lastEpoch; e += xStep) {
                int x = x0 + (int) Math.round((e - firstEpoch) * (x1 - x0) / xSpan);
                g.setColor(new Color(230, 230, 230));
                g.drawLine(x, y0, x, y1);
                g.setColor(Color.DARK_GRAY);
                g.drawLine(x, y0, x, y0 + 4);
                String s = String.valueOf(e);
                g.drawString(s, x - fm.stringWidth(s) / 2, y0 + 6 + fm.getAscent());
            }
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1.5f));
            g.drawRect(x0, y1, x1 - x0, y0 - y1);

            // axis titles and chart title
            String xTitle = "epoch";
            g.drawString(xTitle, (x0 + x1 - fm.stringWidth(xTitle)) / 2, HEIGHT - 18);
            drawVertical(g, "loss", 18, (y0 + y1) / 2, TEST_LOSS.darker());
            drawVertical(g, "test accuracy", WIDTH - 12, (y0 + y1) / 2, ACCURACY.darker());
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(title, (WIDTH - g.getFontMetrics().stringWidth(title)) / 2, 30);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));

            // curves
            Scale sx = v -> x0 + (v - firstEpoch) * (x1 - x0) / xSpan;
            Scale sLoss = v -> y0 - v / lossTop * (y0 - y1);
            Scale sAcc = v -> y0 - v * (y0 - y1);
            double[] px = trainLoss.stream().mapToDouble(Trainer.LossPoint::epoch).toArray();
            double[] py = trainLoss.stream().mapToDouble(Trainer.LossPoint::loss).toArray();
            double[] ex = history.stream().mapToDouble(Trainer.Epoch::epoch).toArray();
            curve(g, px, py, sx, sLoss, TRAIN_LOSS, null, px.length <= 12);
            curve(g, ex, history.stream().mapToDouble(Trainer.Epoch::testLoss).toArray(), sx, sLoss, TEST_LOSS,
                    new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1, new float[] {8, 6}, 0), true);
            curve(g, ex, history.stream().mapToDouble(Trainer.Epoch::testAccuracy).toArray(), sx, sAcc, ACCURACY, null, true);

            // legend: one row between the title and the plot, where no curve can hide it
            String[] names = {"train loss", "test loss", "test accuracy"};
            Color[] colors = {TRAIN_LOSS, TEST_LOSS, ACCURACY};
            int entry = 40 + 8, gap = 28, lw = 0;
            for (String n : names) lw += entry + fm.stringWidth(n) + gap;
            lw -= gap;
            int lx = (WIDTH - lw) / 2, ly = 54;
            for (int i = 0; i < names.length; i++) {
                g.setColor(colors[i]);
                g.setStroke(i == 1 ? new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1, new float[] {8, 6}, 0)
                        : new BasicStroke(2.5f));
                g.drawLine(lx, ly - 4, lx + 32, ly - 4);
                g.setColor(Color.BLACK);
                g.drawString(names[i], lx + entry, ly);
                lx += entry + fm.stringWidth(names[i]) + gap;
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private interface Scale {
        double at(double v);
    }

    /** A polyline through the finite points (x[i], y[i]), with a dot at each point when {@code dots}. */
    private static void curve(Graphics2D g, double[] xs, double[] ys, Scale sx, Scale sy, Color color, Stroke stroke, boolean dots) {
        Path2D.Double path = new Path2D.Double();
        boolean started = false;
        g.setColor(color);
        for (int i = 0; i < xs.length; i++) {
            if (!Double.isFinite(ys[i])) continue;
            double x = sx.at(xs[i]), y = sy.at(ys[i]);
            if (started) path.lineTo(x, y);
            else path.moveTo(x, y);
            started = true;
            if (dots) g.fillOval((int) Math.round(x) - 4, (int) Math.round(y) - 4, 8, 8);
        }
        g.setStroke(stroke != null ? stroke : new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(path);
    }

    private static void drawVertical(Graphics2D g, String text, int x, int yCenter, Color color) {
        Graphics2D r = (Graphics2D) g.create();
        try {
            r.setColor(color);
            r.rotate(-Math.PI / 2, x, yCenter);
            r.drawString(text, x - r.getFontMetrics().stringWidth(text) / 2, yCenter);
        } finally {
            r.dispose();
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v} (and at least 0.1). */
    static double niceCeiling(double v) {
        if (!(v > 0.1)) return 0.1;
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v) return m * p;
        }
        return 10 * p;
    }
}
