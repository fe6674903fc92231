package dev.codegen.launcher.kafka;

import dev.codegen.launcher.Ports;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) in this JVM, without test
 * jars or Docker. The log directory is formatted on first start and reused afterwards, so topics
 * and offsets survive a restart.
 */
public final class LocalKafkaBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalKafkaBroker.class);
  private static final int NODE_ID = 1;
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final String HOST = "127.0.0.1";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final KafkaBrokerSettings settings;
  private KafkaRaftServer server;
  private int port;

  public LocalKafkaBroker(KafkaBrokerSettings settings) {
    this.settings = settings;
  }

  /** Formats the log directory when needed, starts the broker and waits until it serves. */
  public synchronized LocalKafkaBroker start() {
    if (server != null) {
      throw new IllegalStateException("broker already started");
    }
    port = Ports.preferredOrFree(settings.port());
    if (settings.port() > 0 && port != settings.port()) {
      log.warn("Port {} is taken; the embedded Kafka broker listens on {}", settings.port(), port);
    }
    Properties properties = brokerProperties(port, Ports.free());
    format(properties);
    KafkaRaftServer raftServer =
        new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
    server = raftServer;
    try {
      raftServer.startup();
      awaitReady();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    return this;
  }

  /** The address clients connect to, e.g. {@code 127.0.0.1:9092}. */
  public String bootstrapServers() {
    if (server == null) {
      throw new IllegalStateException("broker not started");
    }
    return HOST + ":" + port;
  }

  /** Stops the broker and waits for its threads, flushing the log for the next start. */
  @Override
  public synchronized void close() {
    if (server == null) {
      return;
    }
    server.shutdown();
    server.awaitShutdown();
    server = null;
  }

  Properties brokerProperties(int clientPort, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    p.put("controller.listener.names", CONTROLLER_LISTENER);
    p.put(
        "listeners",
        "PLAINTEXT://" + HOST + ":" + clientPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + clientPort);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", settings.dataDirectory().toAbsolutePath().toString());
    // One node: every internal topic must be satisfiable with a single replica.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "10");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "6");
    // Share groups (KIP-932) are off by default in Kafka 4.1; with the default replication of 3
    // for their state topic nothing is delivered and no error is raised.
    p.put("group.share.enable", "true");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.share.heartbeat.interval.ms", "500");
    p.put("group.share.min.heartbeat.interval.ms", "500");
    // A developer stack has one consumer per group: waiting for more only delays the first poll.
    p.put("group.initial.rebalance.delay.ms", "0");
    // The services use the KIP-848 consumer protocol: a member learns a new assignment on its next
    // heartbeat (5 s by default; about 6 s to a first assignment; a partition that moves waits for
    // two of them, the old owner's revoke and the new owner's assign), and a crashed member's
    // partitions move once its session times out (45 s by default and minimum).
    p.put("group.consumer.heartbeat.interval.ms", "500");
    p.put("group.consumer.min.heartbeat.interval.ms", "500");
    p.put("group.consumer.session.timeout.ms", "15000");
    p.put("group.consumer.min.session.timeout.ms", "10000");
    p.put("num.partitions", "6");
    settings.overrides().forEach(p::put);
    return p;
  }

  private void format(Properties properties) {
    try {
      Files.createDirectories(settings.dataDirectory());
      if (Files.exists(settings.dataDirectory().resolve("meta.properties"))) {
        // Formatted by an earlier run: keeping its cluster id is what makes the data persist.
        return;
      }
      String directory = settings.dataDirectory().toAbsolutePath().toString();
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setDirectories(List.of(directory))
          .setMetadataLogDirectory(directory)
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setControllerListenerName(CONTROLLER_LISTENER)
          .run();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + settings.dataDirectory(), e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot format " + settings.dataDirectory(), e);
    }
  }

  private void awaitReady() {
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers(),
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            (int) READY_TIMEOUT.toMillis());
    try (Admin admin = Admin.create(config)) {
      admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the broker", e);
    } catch (Exception e) {
      throw new IllegalStateException("broker did not become ready at " + bootstrapServers(), e);
    }
  }
}
