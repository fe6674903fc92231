package dev.codegen.plugin.kafka;

import dev.codegen.wire.ClientIds;
import dev.codegen.wire.OutageLog;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Tells operators when the broker goes away and when it is back, in two lines ({@link OutageLog}),
 * instead of the Kafka clients' line per reconnect attempt per client (quieted in {@code
 * plugin-worker.yml}): a cluster description every {@code interval}, from one small admin client. A
 * description that fails means the worker cannot reach the broker, whatever its consumers and
 * producer are doing, so the signal does not depend on traffic.
 */
final class BrokerWatch implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(BrokerWatch.class);

  private final Map<String, Object> adminConfig;
  private final Duration interval;
  private final OutageLog outage;

  /** {@link System#nanoTime} of the last failed check; 0 before the first. */
  private final AtomicLong lastFailure = new AtomicLong();

  private ScheduledExecutorService scheduler;
  private Admin admin;

  BrokerWatch(Map<String, Object> adminConfig, Duration interval, Duration reminder) {
    this.adminConfig = new HashMap<>(adminConfig);
    this.adminConfig.put(
        AdminClientConfig.CLIENT_ID_CONFIG, ClientIds.unique("codegen-plugin-watch"));
    this.interval = interval;
    this.outage =
        new OutageLog(
            log,
            "Kafka at " + servers(adminConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)),
            reminder);
  }

  private static String servers(Object servers) {
    return servers instanceof Collection<?> list
        ? list.stream().map(String::valueOf).collect(Collectors.joining(","))
        : String.valueOf(servers);
  }

  /**
   * Whether the broker is away, or was at a check after {@code nanos} ({@link System#nanoTime}).
   */
  boolean downSince(long nanos) {
    long failure = lastFailure.get();
    return outage.down() || (failure != 0 && failure - nanos >= 0);
  }

  void check() {
    try {
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs((int) interval.toMillis()))
          .clusterId()
          .get();
      outage.succeeded();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      failed(e.getCause());
    } catch (RuntimeException e) {
      // Never let the schedule die: a later check may succeed.
      failed(e);
    }
  }

  private void failed(Throwable error) {
    lastFailure.set(System.nanoTime());
    outage.failed(error);
  }

  @Override
  public synchronized void start() {
    admin = Admin.create(adminConfig);
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "codegen-plugin-broker-watch");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.scheduleWithFixedDelay(
        this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      admin.close(Duration.ofSeconds(1));
      scheduler = null;
      admin = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }
}
