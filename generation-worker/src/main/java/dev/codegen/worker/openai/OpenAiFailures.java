package dev.codegen.worker.openai;

import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import dev.codegen.model.FailureReason;
import dev.codegen.worker.generation.ModelResult;
import java.io.InterruptedIOException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Maps SDK exceptions (already retried by the SDK) to failure reasons. Messages carry the HTTP
 * status, never the response body: a 401 body echoes part of the key.
 */
final class OpenAiFailures {

  private OpenAiFailures() {}

  static ModelResult.Failed map(RuntimeException e, String model, int maxRetries) {
    String provider = OpenAiCodeGenerator.PROVIDER;
    if (e instanceof RateLimitException) {
      return new ModelResult.Failed(
          provider,
          model,
          FailureReason.PROVIDER_RATE_LIMITED,
          "the provider rate-limited the request (HTTP 429) after " + maxRetries + " retries");
    }
    if (e instanceof UnauthorizedException || e instanceof PermissionDeniedException) {
      int status = ((OpenAIServiceException) e).statusCode();
      return new ModelResult.Failed(
          provider,
          model,
          FailureReason.PROVIDER_UNAUTHORIZED,
          "the provider refused the credentials (HTTP " + status + ")");
    }
    if (e instanceof OpenAIServiceException service) {
      return new ModelResult.Failed(
          provider,
          model,
          FailureReason.PROVIDER_ERROR,
          "the provider answered HTTP " + service.statusCode());
    }
    if (e instanceof OpenAIInvalidDataException) {
      return malformed(model, "the provider's response could not be read");
    }
    if (e instanceof OpenAIIoException && isTimeout(e)) {
      return new ModelResult.Failed(
          provider, model, FailureReason.PROVIDER_TIMEOUT, "the provider did not answer in time");
    }
    if (e instanceof OpenAIIoException) {
      return new ModelResult.Failed(
          provider, model, FailureReason.PROVIDER_ERROR, "the provider could not be reached");
    }
    return new ModelResult.Failed(
        provider,
        model,
        FailureReason.PROVIDER_ERROR,
        "the provider call failed (" + e.getClass().getSimpleName() + ")");
  }

  static ModelResult.Failed malformed(String model, String message) {
    return new ModelResult.Failed(
        OpenAiCodeGenerator.PROVIDER, model, FailureReason.PROVIDER_MALFORMED_RESPONSE, message);
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedIOException || t instanceof TimeoutException) {
        return true;
      }
      String message = t.getMessage();
      if (message != null && message.toLowerCase(Locale.ROOT).contains("timeout")) {
        return true;
      }
    }
    return false;
  }
}
