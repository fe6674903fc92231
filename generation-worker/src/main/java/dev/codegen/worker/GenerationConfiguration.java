package dev.codegen.worker;

import dev.codegen.worker.generation.CodeGenerator;
import dev.codegen.worker.generation.CpuPool;
import dev.codegen.worker.generation.GenerateCode;
import dev.codegen.worker.generation.JobEvents;
import dev.codegen.worker.generation.StageTimer;
import dev.codegen.worker.generation.gate.GatePolicy;
import dev.codegen.worker.generation.gate.Gates;
import dev.codegen.worker.metrics.MicrometerStageTimer;
import dev.codegen.worker.offline.OfflineCodeGenerator;
import dev.codegen.worker.openai.OpenAiCodeGenerator;
import dev.codegen.worker.openai.OpenAiProperties;
import dev.codegen.worker.tokens.MaxTokensPolicy;
import dev.codegen.worker.tokens.ModelCatalogue;
import dev.codegen.worker.tokens.TokenCounter;
import dev.codegen.worker.tokens.TokenGuardRails;
import dev.codegen.worker.tokens.TokenLimits;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the use case to its token rails, gates, provider and publisher. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({GenerationProperties.class, OpenAiProperties.class})
class GenerationConfiguration {

  private static final Logger log = LoggerFactory.getLogger(GenerationConfiguration.class);

  @Bean
  TokenCounter tokenCounter() {
    return new TokenCounter();
  }

  @Bean
  TokenGuardRails tokenGuardRails(TokenCounter counter, GenerationProperties properties) {
    ModelCatalogue catalogue = ModelCatalogue.bundled().withOverrides(properties.models());
    if (!properties.models().isEmpty()) {
      log.info(
          "Model catalogue with CODEGEN_MODELS: {} families, default {}",
          catalogue.families().size(),
          catalogue.defaultFamily());
    }
    return new TokenGuardRails(
        counter,
        new TokenLimits(
            properties.maxInputTokens(),
            properties.maxTokensLimit(),
            MaxTokensPolicy.parse(properties.maxTokensPolicy())),
        catalogue);
  }

  @Bean
  CpuPool cpuPool(GenerationProperties properties) {
    return new CpuPool(properties.cpuThreads());
  }

  @Bean
  CodeGenerator codeGenerator(
      GenerationProperties generation, OpenAiProperties openAi, TokenCounter counter, CpuPool cpu) {
    CodeGenerator generator = choose(generation.provider(), openAi, counter, cpu.executor());
    log.info(
        "Model provider: {} ({})",
        generator instanceof OpenAiCodeGenerator ? "openai" : "offline",
        generator instanceof OpenAiCodeGenerator ? openAi : "no network, template code");
    return generator;
  }

  static CodeGenerator choose(
      String provider, OpenAiProperties openAi, TokenCounter counter, Executor cpu) {
    switch (provider.toLowerCase(Locale.ROOT)) {
      case "offline":
        return new OfflineCodeGenerator(counter, cpu);
      case "openai":
        if (!openAi.hasKey()) {
          throw new IllegalStateException(
              "CODEGEN_PROVIDER=openai needs CODEGEN_OPENAI_API_KEY (any value for servers"
                  + " without authentication)");
        }
        return new OpenAiCodeGenerator(openAi, cpu);
      case "auto":
        return openAi.hasKey()
            ? new OpenAiCodeGenerator(openAi, cpu)
            : new OfflineCodeGenerator(counter, cpu);
      default:
        throw new IllegalStateException(
            "CODEGEN_PROVIDER must be auto, openai or offline, not " + provider);
    }
  }

  @Bean
  StageTimer stageTimer(ObjectProvider<MeterRegistry> registry) {
    return new MicrometerStageTimer(registry.getIfAvailable(() -> Metrics.globalRegistry));
  }

  @Bean(destroyMethod = "close")
  Gates gates(GenerationProperties properties) {
    return Gates.standard(GatePolicy.parse(properties.gatesBlockAt()), properties.gatesTimeout());
  }

  @Bean
  GenerateCode generateCode(
      TokenGuardRails tokens,
      Gates gates,
      CodeGenerator generator,
      JobEvents events,
      StageTimer timer) {
    return new GenerateCode(tokens, gates, generator, events, timer, Clock.systemUTC());
  }
}
