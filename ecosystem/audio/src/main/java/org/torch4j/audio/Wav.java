package org.torch4j.audio;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * WAV files, as {@code torchaudio.load}, {@code info} and {@code save} (0.13) treat them: 8-bit
 * unsigned, 16/24/32-bit signed PCM and 32/64-bit IEEE float, plain or WAVE_FORMAT_EXTENSIBLE, any
 * number of channels. {@link #load} gives a float32 tensor normalised to [-1, 1] (integer samples
 * divided by 2^(bits-1), 8-bit ones offset by 128 first, 32-bit and float ones rounded through sox's 32-bit samples as torchaudio's loader does), {@code [channels, frames]} or, with
 * {@code channelsFirst = false}, {@code [frames, channels]}. Only the needed part of a file is read.
 * A 'data' chunk that claims more bytes than the file holds (as streamed WAVs do) is read to the end
 * of the file, as sox reads it. Other malformed files fail with an {@link IOException} that names the
 * file, the problem and the byte offset.
 */
public final class Wav {
    private Wav() {}

    /**
     * The waveform and its sample rate.
     *
     * @param waveform float32 {@code [channels, frames]} (or {@code [frames, channels]})
     * @param sampleRate frames per second
     */
    public record Audio(Tensor waveform, int sampleRate) {}

    /**
     * What {@code torchaudio.info} reports.
     *
     * @param sampleRate frames per second
     * @param numFrames frames in the data chunk
     * @param numChannels channels
     * @param bitsPerSample bits of one sample
     * @param encoding "PCM_U", "PCM_S" or "PCM_F"
     */
    public record Info(int sampleRate, long numFrames, int numChannels, int bitsPerSample, String encoding) {}

    private static final int RIFF = 0x46464952, WAVE = 0x45564157, FMT = 0x20746d66, DATA = 0x61746164;
    private static final int PCM = 1, IEEE_FLOAT = 3, EXTENSIBLE = 0xFFFE;

    /** A parsed header: the format and where the samples are. */
    private record Header(Info info, int blockAlign, long dataOffset) {}

    /** The file's format, as {@code torchaudio.info}. */
    public static Info info(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return header(ch, file).info();
        }
    }

    /** The whole file, {@code [channels, frames]}, as {@code torchaudio.load(file)}. */
    public static Audio load(Path file) throws IOException {
        return load(file, 0, -1, true);
    }

    /**
     * Part of the file, as {@code torchaudio.load(file, frame_offset, num_frames, channels_first=...)}.
     *
     * @param frameOffset the first frame read (0 or more; past the end gives zero frames)
     * @param numFrames the most frames read, or -1 for all the rest
     * @param channelsFirst {@code [channels, frames]} when true, {@code [frames, channels]} otherwise
     */
    public static Audio load(Path file, long frameOffset, long numFrames, boolean channelsFirst) throws IOException {
        if (frameOffset < 0) throw new IllegalArgumentException("frame_offset must be non-negative, got " + frameOffset);
        if (numFrames < -1 || numFrames == 0) throw new IllegalArgumentException("num_frames must be -1 or greater than 0, got " + numFrames);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Header h = header(ch, file);
            Info in = h.info();
            long start = Math.min(frameOffset, in.numFrames());
            long frames = in.numFrames() - start;
            if (numFrames >= 0) frames = Math.min(frames, numFrames);
            long bytes = frames * h.blockAlign();
            if (bytes > Integer.MAX_VALUE - 16) throw new IOException(file + ": " + frames + " frames are too many to load at once; load parts with frameOffset/numFrames");
            ByteBuffer b = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, b, h.dataOffset() + start * h.blockAlign(), file);
            b.flip();
            Tensor w = decode(b, (int) frames, in, h.blockAlign());
            return new Audio(channelsFirst ? w : w.t().contiguous(), in.sampleRate());
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long position, Path file) throws IOException {
        long pos = position;
        while (b.hasRemaining()) {
            int n = ch.read(b, pos);
            if (n < 0) throw new EOFException(file + ": unexpected end of file at offset " + pos + " (" + b.remaining() + " more bytes expected)");
            pos += n;
        }
    }

    private static Header header(FileChannel ch, Path file) throws IOException {
        long size = ch.size();
        ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        if (size < 12) throw new IOException(file + ": not a RIFF/WAVE file (" + size + " bytes, shorter than the 12-byte RIFF header at offset 0)");
        readFully(ch, head, 0, file);
        if (head.getInt(0) != RIFF || head.getInt(8) != WAVE) {
            throw new IOException(file + ": not a RIFF/WAVE file (no 'RIFF....WAVE' at offset 0)");
        }
        ByteBuffer fmt = null;
        long fmtAt = -1;
        long pos = 12;
        ByteBuffer chunk = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        while (pos + 8 <= size) {
            chunk.clear();
            readFully(ch, chunk, pos, file);
            int id = chunk.getInt(0);
            long len = Integer.toUnsignedLong(chunk.getInt(4));
            if (id == DATA && pos + 8 + len > size) {
                // streamed WAVs (espeak-ng --stdout, pipes) leave a placeholder size: as sox, read what is there
                len = size - pos - 8;
            }
            if (pos + 8 + len > size) {
                throw new IOException(file + ": chunk at offset " + pos + " claims " + len + " bytes, past the end of the file (" + size + " bytes)");
            }
            if (id == FMT) {
                if (len < 16) throw new IOException(file + ": 'fmt ' chunk at offset " + pos + " has " + len + " bytes, fewer than the 16 a WAVE format needs");
                fmt = ByteBuffer.allocate((int) Math.min(len, 64)).order(ByteOrder.LITTLE_ENDIAN);
                readFully(ch, fmt, pos + 8, file);
                fmtAt = pos;
            } else if (id == DATA) {
                if (fmt == null) throw new IOException(file + ": 'data' chunk at offset " + pos + " comes before the 'fmt ' chunk");
                return parseFormat(fmt, fmtAt, len, pos + 8, file);
            }
            pos += 8 + len + (len & 1);
        }
        throw new IOException(file + ": no 'data' chunk" + (fmt == null ? " and no 'fmt ' chunk" : "") + " (chunks end at offset " + pos + ")");
    }

    private static Header parseFormat(ByteBuffer f, long at, long dataBytes, long dataOffset, Path file) throws IOException {
        int format = f.getShort(0) & 0xFFFF, channels = f.getShort(2) & 0xFFFF, rate = f.getInt(4), blockAlign = f.getShort(12) & 0xFFFF;
        int bits = f.getShort(14) & 0xFFFF;
        if (format == EXTENSIBLE) {
            if (f.capacity() < 26) throw new IOException(file + ": WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk at offset " + at + " is too short for its sub-format (offset " + (at + 32) + ")");
            format = f.getShort(24) & 0xFFFF; // the first two bytes of the sub-format GUID
        }
        if (channels == 0) throw new IOException(file + ": 'fmt ' chunk at offset " + at + " declares 0 channels (offset " + (at + 10) + ")");
        if (rate <= 0) throw new IOException(file + ": 'fmt ' chunk at offset " + at + " declares sample rate " + Integer.toUnsignedString(rate) + " (offset " + (at + 12) + ")");
        String encoding;
        if (format == PCM && bits == 8) {
            encoding = "PCM_U";
        } else if (format == PCM && (bits == 16 || bits == 24 || bits == 32)) {
            encoding = "PCM_S";
        } else if (format == IEEE_FLOAT && (bits == 32 || bits == 64)) {
            encoding = "PCM_F";
        } else {
            throw new IOException(file + ": unsupported encoding: format tag " + format + " with " + bits + " bits per sample ('fmt ' chunk at offset " + at
                    + "); supported: PCM 8 (unsigned), 16, 24, 32 bits and IEEE float 32, 64 bits");
        }
        if (blockAlign != channels * (bits / 8)) {
            throw new IOException(file + ": block align " + blockAlign + " at offset " + (at + 20) + " is not channels * bytes per sample = " + channels * (bits / 8));
        }
        return new Header(new Info(rate, dataBytes / blockAlign, channels, bits, encoding), blockAlign, dataOffset);
    }

    private static Tensor decode(ByteBuffer b, int frames, Info in, int blockAlign) {
        int channels = in.numChannels(), bytes = in.bitsPerSample() / 8;
        boolean isFloat = in.encoding().equals("PCM_F");
        float[] out = new float[frames * channels];
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < channels; c++) {
                int at = f * blockAlign + c * bytes;
                float v;
                if (isFloat) {
                    v = floatSampleToFloat(bytes == 4 ? b.getFloat(at) : b.getDouble(at));
                } else {
                    v = switch (bytes) {
                        case 1 -> ((b.get(at) & 0xFF) - 128) / 128f;
                        case 2 -> b.getShort(at) / 32768f;
                        case 3 -> ((b.get(at + 2) << 16) | ((b.get(at + 1) & 0xFF) << 8) | (b.get(at) & 0xFF)) / 8388608f;
                        default -> int32ToFloat(b.getInt(at));
                    };
                }
                out[c * frames + f] = v;
            }
        }
        return Torch.tensor(out, channels, frames);
    }

    /**
     * sox's SOX_SAMPLE_TO_FLOAT_32BIT, which torchaudio's loader applies to 32-bit PCM: rounded to a
     * multiple of 128 (float32 holds 24 bits), values within 64 of the maximum clip to 1.
     */
    private static float int32ToFloat(int d) {
        if (d > Integer.MAX_VALUE - 64) return 1f;
        return (float) (((d + 64) & ~127) * (1.0 / 2147483648.0));
    }

    /**
     * What torchaudio's sox loader makes of a float sample: sox's 32-bit integer sample (x * 2^31
     * rounded half away from zero, clipped), then {@link #int32ToFloat}; so float WAVs load with
     * 24 significant bits, as in torchaudio.
     */
    private static float floatSampleToFloat(double f) {
        double x = f * 2147483648.0;
        long s;
        if (Double.isNaN(x)) s = 0;
        else if (x < 0) s = x <= -2147483648.5 ? Integer.MIN_VALUE : (long) (x - 0.5);
        else s = x >= 2147483647.5 ? Integer.MAX_VALUE : (long) (x + 0.5);
        return int32ToFloat((int) s);
    }

    /** sox's float-to-sample conversion on writing: {@code x * 2^31} clipped to int32, truncated toward zero. */
    private static int soxSample(double x) {
        double y = x * 2147483648.0;
        if (Double.isNaN(y)) return 0;
        if (y >= 2147483647.0) return Integer.MAX_VALUE;
        if (y <= -2147483648.0) return Integer.MIN_VALUE;
        return (int) y;
    }

    /** Writes 16-bit signed PCM (values clamped to [-1, 1]) from {@code [channels, frames]}, atomically. */
    public static void save(Path file, Tensor waveform, int sampleRate) throws IOException {
        save(file, waveform, sampleRate, true, "PCM_S", 16);
    }

    /**
     * Writes a WAV file as {@code torchaudio.save(file, waveform, sample_rate, channels_first, encoding=...,
     * bits_per_sample=...)}: to a temporary file in the same folder, then renamed over {@code file}
     * atomically, so an existing file is never left half-written.
     *
     * @param waveform float samples in [-1, 1]; as in torchaudio (sox), values outside are clipped in
     *     every encoding, float ones included, and float samples pass through a 32-bit integer sample
     *     (so 32-bit float files keep 24 significant bits, as torchaudio writes them)
     * @param channelsFirst whether {@code waveform} is {@code [channels, frames]} (else {@code [frames, channels]})
     * @param encoding "PCM_S" (16, 24 or 32 bits), "PCM_U" (8 bits) or "PCM_F" (32 or 64 bits)
     * @param bitsPerSample bits per sample for the encoding
     */
    public static void save(Path file, Tensor waveform, int sampleRate, boolean channelsFirst, String encoding, int bitsPerSample) throws IOException {
        if (waveform.dim() != 2) throw new IllegalArgumentException("Expected 2D Tensor, got " + waveform.dim() + "D.");
        if (sampleRate <= 0) throw new IllegalArgumentException("sample_rate must be positive, got " + sampleRate);
        boolean ok = switch (encoding) {
            case "PCM_S" -> bitsPerSample == 16 || bitsPerSample == 24 || bitsPerSample == 32;
            case "PCM_U" -> bitsPerSample == 8;
            case "PCM_F" -> bitsPerSample == 32 || bitsPerSample == 64;
            default -> throw new IllegalArgumentException("Unsupported encoding for WAV: " + encoding + " (use PCM_S, PCM_U or PCM_F)");
        };
        if (!ok) throw new IllegalArgumentException(encoding + " does not support " + bitsPerSample + " bits per sample in WAV");
        Tensor w = channelsFirst ? waveform : waveform.t();
        int channels = (int) w.size(0), frames = (int) w.size(1);
        if (channels == 0 || channels > 65535) throw new IllegalArgumentException("WAV files hold 1 to 65535 channels, got " + channels);
        double[] v = w.to(DType.FLOAT64).contiguous().toDoubleArray();
        int bytes = bitsPerSample / 8;
        long dataBytes = (long) frames * channels * bytes;
        if (dataBytes > 0xFFFFFFFFL - 44) throw new IllegalArgumentException("too many samples for one WAV file (" + dataBytes + " bytes)");
        ByteBuffer b = ByteBuffer.allocate((int) (44 + dataBytes)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(RIFF).putInt((int) (36 + dataBytes)).putInt(WAVE);
        b.putInt(FMT).putInt(16).putShort((short) (encoding.equals("PCM_F") ? IEEE_FLOAT : PCM)).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * channels * bytes).putShort((short) (channels * bytes)).putShort((short) bitsPerSample);
        b.putInt(DATA).putInt((int) dataBytes);
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < channels; c++) {
                double x = v[c * frames + f];
                if (encoding.equals("PCM_F") || bytes == 4) {
                    // as sox (torchaudio.save): through a clipped 32-bit integer sample
                    int sample = soxSample(x);
                    if (encoding.equals("PCM_S")) b.putInt(sample);
                    else if (bytes == 4) b.putFloat(int32ToFloat(sample));
                    else b.putDouble(sample / 2147483648.0);
                    continue;
                }
                x = Double.isNaN(x) ? 0 : Math.max(-1, Math.min(1, x));
                switch (bytes) {
                    case 1 -> b.put((byte) (Math.min(Math.round(x * 128), 127) + 128));
                    case 2 -> b.putShort((short) Math.min(Math.round(x * 32768), 32767));
                    case 3 -> {
                        int s = (int) Math.min(Math.round(x * 8388608), 8388607);
                        b.put((byte) s).put((byte) (s >> 8)).put((byte) (s >> 16));
                    }
                }
            }
        }
        Path dir = file.toAbsolutePath().getParent();
        // not Files.createTempFile: its file is private (0600) and the rename would keep that; a plain
        // CREATE_NEW gets the permissions any new file gets (the umask), as sox's output does
        Path tmp = dir.resolve("." + file.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                b.flip();
                while (b.hasRemaining()) out.write(b);
                out.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
