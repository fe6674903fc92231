package dev.codegen.gateway.problem;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on incoming HTTP requests ({@code codegen.http.*}).
 *
 * @param maxBody the largest request body accepted; larger ones get 413
 */
@ConfigurationProperties("codegen.http")
public record HttpLimits(@DefaultValue("256KB") DataSize maxBody) {}
