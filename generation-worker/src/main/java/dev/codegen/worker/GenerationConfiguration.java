package dev.codegen.worker;

import dev.codegen.worker.generation.CodeGenerator;
import dev.codegen.worker.generation.CpuPool;
import dev.codegen.worker.generation.GenerateCode;
import dev.codegen.worker.generation.JobEvents;
import dev.codegen.worker.generation.JobMetrics;
import dev.codegen.worker.generation.RepairCode;
import dev.codegen.worker.generation.StageTimer;
import dev.codegen.worker.generation.gate.GatePolicy;
import dev.codegen.worker.generation.gate.Gates;
import dev.codegen.worker.metrics.MicrometerJobMetrics;
import dev.codegen.worker.metrics.MicrometerStageTimer;
import dev.codegen.worker.offline.OfflineCodeGenerator;
import dev.codegen.worker.openai.OpenAiCodeGenerator;
import dev.codegen.worker.openai.OpenAiProperties;
import dev.codegen.worker.tokens.MaxTokensPolicy;
import dev.codegen.worker.tokens.ModelCatalogue;
import dev.codegen.worker.tokens.ModelFamily;
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

  @Bean
  JobMetrics jobMetrics(
      ObjectProvider<MeterRegistry> registry, TokenGuardRails tokens, CodeGenerator generator) {
    String configured = generator.modelFor(null);
    ModelCatalogue catalogue = tokens.catalogue();
    return new MicrometerJobMetrics(
        registry.getIfAvailable(() -> Metrics.globalRegistry),
        model -> modelTag(model, configured, catalogue));
  }

  /**
   * The {@code model} tag of a model name: the worker's configured model as is, another model by
   * its catalogue family, {@code other} for a name the catalogue does not know (requests may name
   * any model; a tag per name would let clients grow the metrics without bound).
   */
  static String modelTag(String model, String configured, ModelCatalogue catalogue) {
    if (model == null) {
      return "unknown";
    }
    if (model.equals(configured)) {
      return model;
    }
    ModelFamily family = catalogue.family(model);
    return family.equals(catalogue.defaultFamily()) ? "other" : family.prefix();
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
      StageTimer timer,
      JobMetrics metrics) {
    return new GenerateCode(tokens, gates, generator, events, timer, metrics, Clock.systemUTC());
  }

  @Bean
  RepairCode repairCode(
      TokenGuardRails tokens,
      Gates gates,
      CodeGenerator generator,
      JobEvents events,
      StageTimer timer,
      JobMetrics metrics) {
    return new RepairCode(tokens, gates, generator, events, timer, metrics, Clock.systemUTC());
  }
}
