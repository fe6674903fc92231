import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Puts an {@code x-api-key} header (the value of {@code CODEGEN_API_KEY}) on every record a
 * producer sends: the gateway's bulk intake rejects records without a key. For tools that build
 * their own records and take producer properties, such as {@code ProducerPerformance}:
 * {@code --producer-props interceptor.classes=ApiKeyHeader} with this class on the classpath
 * (bench/lib.sh {@code produce_requests}).
 */
public final class ApiKeyHeader implements ProducerInterceptor<Object, Object> {

  private byte[] key;

  @Override
  public void configure(Map<String, ?> configs) {
    String value = System.getenv("CODEGEN_API_KEY");
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("CODEGEN_API_KEY is not set");
    }
    key = value.strip().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
    headers.add("x-api-key", key);
    return new ProducerRecord<>(
        record.topic(), record.partition(), record.timestamp(), record.key(), record.value(), headers);
  }

  @Override
  public void onAcknowledgement(RecordMetadata metadata, Exception exception) {}

  @Override
  public void close() {}
}
