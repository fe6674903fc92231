package dev.codegen.model;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/** Job id rules shared by every module. */
public final class JobIds {

  private JobIds() {}

  /**
   * The job id of a request read from {@code topic} at {@code partition}/{@code offset}: its own
   * {@code job_id} when it carries one, otherwise {@link #forRecord}. Every consumer uses this
   * rule.
   */
  public static String resolve(
      GenerationRequested request, String topic, int partition, long offset) {
    if (request.jobId() != null && !request.jobId().isBlank()) {
      return request.jobId();
    }
    return forRecord(topic, partition, offset);
  }

  /** Whether {@code id} is an acceptable job id: a UUID in its canonical text form. */
  public static boolean isValid(String id) {
    if (id == null || id.length() != 36) {
      return false;
    }
    try {
      return UUID.fromString(id).toString().equals(id.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A fresh job id: a time-ordered UUID (see {@link Uuids}). */
  public static String random() {
    return Uuids.timeOrdered().toString();
  }

  /**
   * The job id of a bulk request record that carries none: derived from where the record sits, so
   * every consumer of the record, and every redelivery of it, agrees on the same id.
   */
  public static String forRecord(String topic, int partition, long offset) {
    String coordinates = topic + "/" + partition + "/" + offset;
    return UUID.nameUUIDFromBytes(coordinates.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
