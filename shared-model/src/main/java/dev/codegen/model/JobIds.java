package dev.codegen.model;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Job id rules shared by every module. */
public final class JobIds {

  private JobIds() {}

  /** A fresh random job id. */
  public static String random() {
    return UUID.randomUUID().toString();
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
