package dev.codegen.gateway.job;

import dev.codegen.gateway.problem.FieldError;
import dev.codegen.gateway.problem.InvalidRequestException;
import dev.codegen.model.JobIds;
import dev.codegen.wire.EventJson;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The request rules every way in shares (placeholder until the strict type checks land): HTTP
 * bodies and bulk records are checked alike.
 */
public final class RequestRules {

  /** Where a request came from: bulk records may carry a job id and unknown fields. */
  public enum Way {
    HTTP,
    KAFKA
  }

  /** The verdict on one request. */
  public sealed interface Checked permits Valid, Invalid {}

  /** An acceptable request; {@code jobId} is the one a bulk record named, or {@code null}. */
  public record Valid(ValidJobRequest request, String jobId) implements Checked {}

  /** A request refused, with every field at fault. */
  public record Invalid(List<FieldError> errors) implements Checked {}

  private final JobRequestValidator validator;

  public RequestRules(JobLimits limits) {
    this.validator = new JobRequestValidator(limits);
  }

  public Checked check(JsonNode body, Way way) {
    if (body == null || !body.isObject()) {
      return new Invalid(List.of(new FieldError("body", "must be a JSON object")));
    }
    String jobId = null;
    if (way == Way.KAFKA && body.hasNonNull("job_id")) {
      JsonNode id = body.get("job_id");
      if (!id.isString() || !JobIds.isValid(id.asString())) {
        return new Invalid(List.of(new FieldError("job_id", "must be a UUID")));
      }
      jobId = id.asString();
    }
    try {
      GenerateRequest request = EventJson.convert(body, GenerateRequest.class);
      return new Valid(validator.validate(request), jobId);
    } catch (InvalidRequestException e) {
      return new Invalid(e.errors());
    } catch (JacksonException e) {
      return new Invalid(List.of(new FieldError("body", "has a field of the wrong type")));
    }
  }
}
