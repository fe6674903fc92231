package dev.codegen.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codegen.worker.generation.CodeGenerator;
import dev.codegen.worker.kafka.WorkerKafkaProperties;
import dev.codegen.worker.offline.OfflineCodeGenerator;
import dev.codegen.worker.openai.OpenAiCodeGenerator;
import dev.codegen.worker.openai.OpenAiProperties;
import dev.codegen.worker.tokens.MaxTokensPolicy;
import dev.codegen.worker.tokens.TokenCounter;
import dev.codegen.worker.tokens.TokenGuardRails;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "test.kafka.brokers")
class LauncherStartupTests {

  private static final TokenCounter COUNTER = new TokenCounter();

  @Test
  void startsFromBootstrapServersAloneWithTheOfflineProvider(EmbeddedKafkaBroker broker) {
    try (ConfigurableApplicationContext context =
        GenerationWorkerApplication.builder()
            .run(
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--codegen.ops.port=0",
                // The machine running the tests might have a key in its environment.
                "--codegen.openai.api-key=")) {
      assertThat(context.getBean(CodeGenerator.class)).isInstanceOf(OfflineCodeGenerator.class);
      assertThat(context.getBean(GenerationProperties.class).maxTokensLimit()).isEqualTo(2048);
      assertThat(context.getBean(GenerationProperties.class).maxInputTokens()).isEqualTo(8000);
      TokenGuardRails rails = context.getBean(TokenGuardRails.class);
      assertThat(rails.limits().policy()).isEqualTo(MaxTokensPolicy.REFUSE);
      assertThat(rails.catalogue().family("gpt-4o-mini").maxOutputTokens()).isEqualTo(16_384);
      assertThat(context.getEnvironment().getProperty("spring.kafka.bootstrap-servers"))
          .isEqualTo(broker.getBrokersAsString());
      assertThat(context.getBean(WorkerKafkaProperties.class).concurrency()).isEqualTo(256);
      assertThat(context.getBean(WorkerKafkaProperties.class).maxPollRecords()).isEqualTo(500);
    }
  }

  @Test
  void takesTheProviderShorthandTheLauncherPasses(EmbeddedKafkaBroker broker) {
    try (ConfigurableApplicationContext context =
        GenerationWorkerApplication.builder()
            .run(
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--codegen.ops.port=0",
                "--spring.kafka.listener.auto-startup=false",
                "--codegen.openai.api-key=k",
                "--codegen.provider=offline",
                // As an operator sets them: the names the configuration file reads.
                "--CODEGEN_MAX_TOKENS_POLICY=clamp",
                "--CODEGEN_MODELS=[{\"prefix\": \"llama3.1\", \"context_window\": 131072},"
                    + " {\"prefix\": \"gpt-4o\", \"max_output_tokens\": 4096}]")) {
      assertThat(context.getBean(CodeGenerator.class)).isInstanceOf(OfflineCodeGenerator.class);
      TokenGuardRails rails = context.getBean(TokenGuardRails.class);
      assertThat(rails.limits().policy()).isEqualTo(MaxTokensPolicy.CLAMP);
      assertThat(rails.catalogue().family("llama3.1:8b").contextWindow()).isEqualTo(131_072);
      assertThat(rails.catalogue().family("gpt-4o-mini").maxOutputTokens()).isEqualTo(4096);
      assertThat(rails.catalogue().family("gpt-4.1").maxOutputTokens()).isEqualTo(32_768);
    }
  }

  @Test
  void choosesTheProviderFromTheKeyUnlessTold() {
    OpenAiProperties noKey = new OpenAiProperties("", null, null, null, null);
    OpenAiProperties key = new OpenAiProperties("k", "http://127.0.0.1:1/v1", null, null, 0);

    assertThat(GenerationConfiguration.choose("auto", noKey, COUNTER, Runnable::run))
        .isInstanceOf(OfflineCodeGenerator.class);
    assertThat(GenerationConfiguration.choose("AUTO", key, COUNTER, Runnable::run))
        .isInstanceOf(OpenAiCodeGenerator.class);
    assertThat(GenerationConfiguration.choose("offline", key, COUNTER, Runnable::run))
        .isInstanceOf(OfflineCodeGenerator.class);
    assertThat(GenerationConfiguration.choose("openai", key, COUNTER, Runnable::run))
        .isInstanceOf(OpenAiCodeGenerator.class);
    assertThatThrownBy(
            () -> GenerationConfiguration.choose("openai", noKey, COUNTER, Runnable::run))
        .hasMessageContaining("CODEGEN_OPENAI_API_KEY");
    assertThatThrownBy(
            () -> GenerationConfiguration.choose("claude", noKey, COUNTER, Runnable::run))
        .hasMessageContaining("auto, openai or offline");
  }

  @Test
  void environmentVariablesBindToTheSettings() {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    environment
        .getPropertySources()
        .addFirst(
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of(
                    "CODEGEN_OPENAI_API_KEY", "k",
                    "CODEGEN_OPENAI_TIMEOUT", "5s",
                    "CODEGEN_GENERATION_MAX_INPUT_TOKENS", "10")));
    ConfigurationPropertySources.attach(environment);
    Binder binder = Binder.get(environment);

    OpenAiProperties openAi = binder.bind("codegen.openai", OpenAiProperties.class).get();
    GenerationProperties generation =
        binder.bind("codegen.generation", GenerationProperties.class).get();

    assertThat(openAi.apiKey()).isEqualTo("k");
    assertThat(openAi.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(generation.maxInputTokens()).isEqualTo(10);
    assertThat(generation.provider()).isEqualTo("auto");
  }
}
