import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The fault suite's client: it looks at the services only from outside (HTTP and public topics).
 *
 * <pre>
 * post URL BODIES CONCURRENCY      POST each line of file BODIES to URL; prints "line status id"
 * pace URL TEMPLATE RATE STOPFILE  POST TEMPLATE (%d = a sequence number) RATE times a second until
 *                                  STOPFILE exists; prints "n status id epoch-ms" as answers come
 * read BOOTSTRAP TOPIC             every record of TOPIC now: "key TAB status TAB event-id TAB
 *                                  timestamp-ms TAB action" (status, action: "-" when absent)
 * produce BOOTSTRAP TOPIC FILE     each line "key TAB value" (empty key = none), acks=all; prints the count
 * </pre>
 *
 * HTTP requests carry {@code X-API-Key} and produced records an {@code x-api-key} header, both
 * {@code CODEGEN_API_KEY} from the environment.
 *
 * Compiled once by chaos/run.sh against the broker's classpath (kafka-clients).
 */
public final class ChaosClient {

  /**
   * The gateway's API key (chaos/run.sh exports it through bench/lib.sh): the X-API-Key header of
   * every HTTP request and the x-api-key header of every bulk record.
   */
  private static final String API_KEY = apiKey();

  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");
  private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-z_]+)\"");
  private static final Pattern ACTION = Pattern.compile("\"action\"\\s*:\\s*\"([a-z_.]+)\"");

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "post" -> post(args[1], Path.of(args[2]), Integer.parseInt(args[3]));
      case "pace" -> pace(args[1], args[2], Integer.parseInt(args[3]), Path.of(args[4]));
      case "read" -> read(args[1], args[2]);
      case "produce" -> produce(args[1], args[2], Path.of(args[3]));
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
  }

  private static String apiKey() {
    String key = System.getenv("CODEGEN_API_KEY");
    if (key == null || key.isBlank()) {
      throw new IllegalStateException("CODEGEN_API_KEY is not set (bench/lib.sh sets it)");
    }
    return key.strip();
  }

  private static void post(String url, Path bodies, int concurrency) throws Exception {
    List<String> lines = Files.readAllLines(bodies, StandardCharsets.UTF_8);
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    List<Future<String>> answers = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      int line = i;
      answers.add(
          pool.submit(
              () -> {
                HttpRequest request =
                    HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("X-API-Key", API_KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(lines.get(line)))
                        .build();
                try {
                  HttpResponse<String> response =
                      client.send(request, HttpResponse.BodyHandlers.ofString());
                  Matcher m = ID.matcher(response.body());
                  String id = response.statusCode() == 202 && m.find() ? m.group(1) : "-";
                  return line + " " + response.statusCode() + " " + id;
                } catch (Exception e) {
                  return line + " 000 -";
                }
              }));
    }
    StringBuilder out = new StringBuilder();
    for (Future<String> answer : answers) {
      out.append(answer.get()).append('\n');
    }
    pool.shutdown();
    System.out.print(out);
  }

  private static void pace(String url, String template, int rate, Path stop) throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    List<java.util.concurrent.CompletableFuture<Void>> pending = new ArrayList<>();
    long start = System.nanoTime();
    long periodNanos = 1_000_000_000L / Math.max(1, rate);
    for (int n = 0; !Files.exists(stop); n++) {
      long due = start + n * periodNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      int seq = n;
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .header("X-API-Key", API_KEY)
              .POST(HttpRequest.BodyPublishers.ofString(template.replace("%d", Integer.toString(seq))))
              .build();
      pending.add(
          client
              .sendAsync(request, HttpResponse.BodyHandlers.ofString())
              .handle(
                  (response, error) -> {
                    String line;
                    if (response == null) {
                      line = seq + " 000 - " + System.currentTimeMillis();
                    } else {
                      Matcher m = ID.matcher(response.body());
                      String id = response.statusCode() == 202 && m.find() ? m.group(1) : "-";
                      line = seq + " " + response.statusCode() + " " + id + " " + System.currentTimeMillis();
                    }
                    synchronized (System.out) {
                      System.out.println(line);
                      System.out.flush();
                    }
                    return null;
                  }));
    }
    java.util.concurrent.CompletableFuture.allOf(pending.toArray(new java.util.concurrent.CompletableFuture[0]))
        .get(60, java.util.concurrent.TimeUnit.SECONDS);
  }

  private static void read(String bootstrap, String topic) {
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrap);
    props.put("key.deserializer", StringDeserializer.class.getName());
    props.put("value.deserializer", StringDeserializer.class.getName());
    props.put("enable.auto.commit", "false");
    props.put("max.poll.records", "5000");
    props.put("default.api.timeout.ms", "20000");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(20));
      if (infos == null || infos.isEmpty()) {
        return;
      }
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : infos) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
      StringBuilder out = new StringBuilder();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!done(consumer, end) && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
            continue;
          }
          String value = r.value() == null ? "" : r.value();
          Matcher m = STATUS.matcher(value);
          Header h = r.headers().lastHeader("event-id");
          out.append(r.key() == null ? "-" : r.key().replaceAll("\\s", "_"))
              .append('\t')
              .append(m.find() ? m.group(1) : "-")
              .append('\t')
              .append(h == null ? "-" : new String(h.value(), StandardCharsets.UTF_8))
              .append('\t')
              .append(r.timestamp())
              .append('\t');
          Matcher a = ACTION.matcher(value);
          out.append(a.find() ? a.group(1) : "-").append('\n');
        }
      }
      System.out.print(out);
    }
  }

  private static boolean done(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static void produce(String bootstrap, String topic, Path file) throws Exception {
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrap);
    props.put("key.serializer", StringSerializer.class.getName());
    props.put("value.serializer", StringSerializer.class.getName());
    props.put("acks", "all");
    props.put("linger.ms", "5");
    int sent = 0;
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      List<Future<?>> acks = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int tab = line.indexOf('\t');
        String key = tab <= 0 ? null : line.substring(0, tab);
        ProducerRecord<String, String> record =
            new ProducerRecord<>(topic, key, line.substring(tab + 1));
        record.headers().add("x-api-key", API_KEY.getBytes(StandardCharsets.UTF_8));
        acks.add(producer.send(record));
      }
      for (Future<?> ack : acks) {
        ack.get();
        sent++;
      }
    }
    System.out.println(sent);
  }
}
