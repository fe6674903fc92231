package dev.codegen.gateway.history;

import dev.codegen.gateway.auth.Caller;
import java.time.Clock;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /stats/jobs}: the caller's tenant's jobs per time bucket and status, the aggregate the
 * dashboard's chart draws (history pages would need one request per hundred jobs).
 */
@RestController
class JobStatsController {

  private final JobStatsRepository repository;
  private final Clock clock = Clock.systemUTC();

  JobStatsController(JobStatsRepository repository) {
    this.repository = repository;
  }

  @GetMapping(path = "/stats/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
  JobStats jobs(
      @RequestParam(required = false) String bucket,
      @RequestParam(required = false) String buckets,
      @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
    JobStatsQuery query = JobStatsQuery.parse(bucket, buckets);
    JobStats.Window window = JobStats.window(query, clock.instant());
    return JobStats.of(query, window, repository.counts(caller.tenant(), window));
  }
}
