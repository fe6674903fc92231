package dev.codegen.worker.kafka;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The offsets above a partition's commit position whose records are already done, written into the
 * commit's metadata (the Confluent Parallel Consumer technique), so that whoever reads the
 * partition next (this worker after a rebalance, another after a crash) skips them instead of
 * running their jobs again.
 *
 * <p>Format: {@code d1:} then URL-safe base64 of unsigned varints: {@code H - P} (the highest done
 * offset H above the position P), then the offsets in (P, H] that are NOT done, each as the
 * distance from the previous one (starting at P). Everything in (P, H] not listed is done. The list
 * is bounded by the jobs in flight, not by how many are done: a thousand open jobs cost about 2-3
 * KB. Kafka refuses metadata over {@code offset.metadata.max.bytes} (4096 by default), so the
 * encoding is capped at {@link #MAX_CHARS}: over it, the list stops early and H is lowered to just
 * below the first offset left out (done offsets above it are not recorded; the caller pauses the
 * partition until it fits again).
 */
final class DoneOffsets {

  static final String VERSION = "d1:";

  /** Below Kafka's default {@code offset.metadata.max.bytes} (4096), with room to spare. */
  static final int MAX_CHARS = 3000;

  private static final int MAX_VARINT = 10;

  /**
   * What a commit says about one partition.
   *
   * @param position the commit position P: every offset below it is done
   * @param highestDone the highest done offset H; below P when nothing above P is known done
   * @param notDone offsets in (P, H] that are not done
   */
  record Decoded(long position, long highestDone, NavigableSet<Long> notDone) {

    static Decoded nothingDone(long position) {
      return new Decoded(position, position - 1, new TreeSet<>());
    }

    boolean isDone(long offset) {
      return offset < position
          || (offset > position && offset <= highestDone && !notDone.contains(offset));
    }
  }

  /**
   * An encoding and how far it reaches.
   *
   * @param metadata the text for {@code OffsetAndMetadata.metadata()}; empty when nothing above the
   *     position is done
   * @param truncated whether done offsets above what fitted were left out
   */
  record Encoded(String metadata, boolean truncated) {}

  private DoneOffsets() {}

  /**
   * Encodes what is done above {@code position}.
   *
   * @param highestDone the highest done offset
   * @param notDone offsets that are not done; only those in (position, highestDone] are written
   */
  static Encoded encode(long position, long highestDone, NavigableSet<Long> notDone, int maxChars) {
    if (highestDone <= position) {
      return new Encoded("", false);
    }
    // Base64 writes 4 characters per 3 bytes; the header varint is at most MAX_VARINT bytes.
    int budget = (maxChars - VERSION.length()) / 4 * 3 - MAX_VARINT;
    ByteArrayOutputStream gaps = new ByteArrayOutputStream();
    long covered = highestDone;
    boolean truncated = false;
    long previous = position;
    for (long offset : notDone.subSet(position, false, highestDone, true)) {
      int size = varintSize(offset - previous);
      if (gaps.size() + size > budget) {
        covered = offset - 1;
        truncated = true;
        break;
      }
      writeVarint(gaps, offset - previous);
      previous = offset;
    }
    if (covered <= position) {
      return new Encoded("", truncated);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(gaps.size() + MAX_VARINT);
    writeVarint(bytes, covered - position);
    bytes.writeBytes(gaps.toByteArray());
    String text = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
    return new Encoded(VERSION + text, truncated);
  }

  /**
   * What a committed position and its metadata say is done; nothing above the position when the
   * metadata is absent, of another version or unreadable (those records then run again).
   */
  static Decoded decode(long position, String metadata) {
    if (metadata == null || !metadata.startsWith(VERSION)) {
      return Decoded.nothingDone(position);
    }
    try {
      byte[] bytes = Base64.getUrlDecoder().decode(metadata.substring(VERSION.length()));
      int[] at = {0};
      long highestDone = position + readVarint(bytes, at);
      TreeSet<Long> notDone = new TreeSet<>();
      long offset = position;
      while (at[0] < bytes.length) {
        offset += readVarint(bytes, at);
        if (offset > highestDone) {
          return Decoded.nothingDone(position);
        }
        notDone.add(offset);
      }
      return new Decoded(position, highestDone, notDone);
    } catch (IllegalArgumentException e) {
      return Decoded.nothingDone(position);
    }
  }

  private static void writeVarint(ByteArrayOutputStream out, long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static long readVarint(byte[] bytes, int[] at) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at[0] >= bytes.length) {
        throw new IllegalArgumentException("truncated varint");
      }
      int b = bytes[at[0]++];
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        if (value <= 0) {
          throw new IllegalArgumentException("offsets must increase");
        }
        return value;
      }
    }
    throw new IllegalArgumentException("varint too long");
  }

  private static int varintSize(long value) {
    int size = 1;
    long v = value;
    while ((v & ~0x7FL) != 0) {
      v >>>= 7;
      size++;
    }
    return size;
  }
}
