package dev.codegen.plugin.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the worker demands of its external checkers, formatters and linters ({@code
 * codegen.plugin.checkers.*}).
 *
 * @param require whether a tool the configured stages use but the worker does not have turns
 *     readiness DOWN (env {@code CODEGEN_PLUGIN_REQUIRE_CHECKERS}); by default readiness stays UP
 *     and lists the missing tools in its details
 * @param requireFormat whether a formatter that could not run (not installed, overran, broke) makes
 *     the job's checks incomplete (env {@code CODEGEN_PLUGIN_REQUIRE_FORMAT}); by default the code
 *     goes on unformatted and the format report says why
 */
@ConfigurationProperties("codegen.plugin.checkers")
public record CheckersProperties(Boolean require, Boolean requireFormat) {

  public CheckersProperties {
    require = require != null && require;
    requireFormat = requireFormat != null && requireFormat;
  }
}
