package dev.codegen.gateway.support;

import dev.codegen.wire.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;

/**
 * A real HTTP client against a gateway on {@code port}, presenting {@code key} (as {@code
 * X-API-Key}, or nothing when {@code null}).
 */
public record Http(int port, String key) {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** An answer: status, JSON body (or null) and the response for headers. */
  public record Answer(int status, JsonNode json, HttpResponse<String> response) {
    public String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }
  }

  public Http as(String otherKey) {
    return new Http(port, otherKey);
  }

  public Answer get(String path) {
    return send(builder(path).GET());
  }

  public Answer post(String path, String body) {
    return send(
        builder(path)
            .header("Content-Type", "application/json")
            .POST(
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body)));
  }

  public Answer post(String path, String body, String header, String value) {
    return send(
        builder(path)
            .header("Content-Type", "application/json")
            .header(header, value)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Answer patch(String path, String body) {
    return send(
        builder(path)
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpRequest.Builder builder(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (key != null) {
      builder.header("X-API-Key", key);
    }
    return builder;
  }

  private static Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      JsonNode json =
          body == null || body.isBlank() || !body.strip().startsWith("{")
              ? null
              : EventJson.tree(body);
      return new Answer(response.statusCode(), json, response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
