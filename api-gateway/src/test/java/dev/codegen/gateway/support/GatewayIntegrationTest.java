package dev.codegen.gateway.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The whole gateway against a real PostgreSQL and an embedded KRaft broker. Each test class gets
 * its own context, broker and database (declare {@code @DynamicPropertySource} calling {@link
 * TestDatabase#register}); the context is closed after the class so its listeners stop. Requests
 * present the development key ({@link TestKeys}) unless they say otherwise.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=gateway",
      "codegen.kafka.partitions=2",
      "codegen.outbox.poll-interval=50ms",
      "codegen.outbox.retry-backoff=200ms"
    })
@AutoConfigureMockMvc
@Import(TestKeys.class)
@EmbeddedKafka(partitions = 2, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public @interface GatewayIntegrationTest {}
