package dev.codegen.wire;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Kafka {@code client.id}s unique per instance: the role, the host and process, and a counter (for
 * several clients of one role in a JVM, as in tests and the launcher). Two workers with one id
 * would share quotas and metrics names, and their logs could not be told apart.
 */
public final class ClientIds {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final String INSTANCE = instance();

  private ClientIds() {}

  /**
   * A client id for {@code role} (e.g. {@code codegen-generation-worker}) unique to this client.
   */
  public static String unique(String role) {
    return role + "-" + INSTANCE + "-" + COUNTER.incrementAndGet();
  }

  private static String instance() {
    String host = System.getenv("HOSTNAME");
    String pid = String.valueOf(ProcessHandle.current().pid());
    return host == null || host.isBlank()
        ? pid
        : host.replaceAll("[^A-Za-z0-9._-]", "") + "-" + pid;
  }
}
