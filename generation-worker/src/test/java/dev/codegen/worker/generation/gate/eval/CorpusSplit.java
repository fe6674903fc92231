package dev.codegen.worker.generation.gate.eval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The one split of the labelled corpus into a part to tune and train on and a part held out for
 * reporting. A row's part follows from its id alone (SHA-256), so every tool, the classifier's
 * training and the evaluation see the same split, and a row never moves between runs.
 */
public enum CorpusSplit {
  TRAIN,
  HELD_OUT;

  /** Three rows in ten are held out. */
  static final int HELD_OUT_TENTHS = 3;

  /** The part {@code id} belongs to. */
  public static CorpusSplit of(String id) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return Byte.toUnsignedInt(hash[0]) % 10 < HELD_OUT_TENTHS ? HELD_OUT : TRAIN;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
