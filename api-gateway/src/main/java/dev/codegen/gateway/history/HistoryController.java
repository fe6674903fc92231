package dev.codegen.gateway.history;

import dev.codegen.gateway.auth.Caller;
import dev.codegen.gateway.job.JobLimits;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /history}: the caller's tenant's recent jobs, newest first, filtered,
 * cursor-paginated.
 */
@RestController
class HistoryController {

  private final HistoryRepository repository;
  private final int maxIdChars;

  HistoryController(HistoryRepository repository, JobLimits limits) {
    this.repository = repository;
    this.maxIdChars = limits.maxIdChars();
  }

  @GetMapping(path = "/history", produces = MediaType.APPLICATION_JSON_VALUE)
  HistoryPage history(
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String language,
      @RequestParam(name = "batch_id", required = false) String batchId,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String cursor,
      @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
    return repository.page(
        caller.tenant(),
        HistoryParams.parse(status, language, batchId, from, to, limit, cursor, maxIdChars));
  }
}
