package dev.codegen.gateway.messaging;

import dev.codegen.model.EventHeaders;
import dev.codegen.model.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.core.JacksonException;

/**
 * Listener error handling; Boot attaches this handler to every listener container. The single retry
 * owner for everything the gateway consumes:
 *
 * <ul>
 *   <li>records that cannot be read ({@link InvalidEventException}, Jackson errors) go to the
 *       topic's {@code .dlt} twin at once, so one bad record never stalls its partition;
 *   <li>database outages are retried without limit (the partition waits, nothing is lost);
 *   <li>anything else is retried twice, then dead-lettered.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class ListenerConfiguration {

  @Bean
  DefaultErrorHandler gatewayErrorHandler(KafkaTemplate<Object, Object> template) {
    DeadLetterPublishingRecoverer recoverer =
        new DeadLetterPublishingRecoverer(
            template, (record, e) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
    recoverer.setHeadersFunction(
        (record, e) -> {
          RecordHeaders headers = new RecordHeaders();
          String reason = rootMessage(e);
          headers.add(EventHeaders.DEAD_LETTER_REASON, reason.getBytes(StandardCharsets.UTF_8));
          return headers;
        });
    DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(200, 2));
    handler.addNotRetryableExceptions(InvalidEventException.class, JacksonException.class);
    handler.setBackOffFunction(
        (record, e) -> databaseDown(e) ? unlimitedBackOff() : null /* the default above */);
    return handler;
  }

  private static ExponentialBackOff unlimitedBackOff() {
    ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
    backOff.setMaxInterval(10_000);
    return backOff;
  }

  private static boolean databaseDown(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      // A connection lost mid-statement (SQLState class 08) is translated to a resource failure.
      if (t instanceof TransientDataAccessException
          || t instanceof RecoverableDataAccessException
          || t instanceof DataAccessResourceFailureException
          || t instanceof CannotGetJdbcConnectionException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String message = root.getClass().getSimpleName() + ": " + root.getMessage();
    return message.length() > 500 ? message.substring(0, 500) : message;
  }
}
