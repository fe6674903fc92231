package dev.codegen.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codegen.gateway.problem.FieldError;
import dev.codegen.gateway.problem.InvalidRequestException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobStatsTests {

  private static final Instant NOW = Instant.parse("2026-12-08T01:02:33.5Z");

  @Test
  void endsTheWindowWithTheBucketHoldingNow() {
    JobStats.Window window =
        JobStats.window(new JobStatsQuery(JobStatsQuery.Bucket.MINUTE, 3), NOW);

    assertThat(window.from()).isEqualTo(Instant.parse("2026-12-08T01:00:00Z"));
    assertThat(window.to()).isEqualTo(Instant.parse("2026-12-08T01:03:00Z"));
  }

  @Test
  void listsEveryBucketAndStatusWithZerosAndPlacesTheCounts() {
    JobStatsQuery query = new JobStatsQuery(JobStatsQuery.Bucket.HOUR, 2);
    JobStats.Window window = JobStats.window(query, NOW);
    long current = window.last();

    JobStats stats =
        JobStats.of(
            query,
            window,
            List.of(
                new JobStats.Count(current, "succeeded", 4),
                new JobStats.Count(current - 1, "queued", 2),
                new JobStats.Count(current - 5, "failed", 9),
                new JobStats.Count(current, "unknown", 1)));

    assertThat(stats.bucket()).isEqualTo("hour");
    assertThat(stats.statuses()).startsWith("queued").contains("succeeded", "cancelled");
    assertThat(stats.series()).hasSize(2);
    assertThat(stats.series().get(0).start()).isEqualTo(Instant.parse("2026-12-08T00:00:00Z"));
    assertThat(stats.series().get(0).counts())
        .containsEntry("queued", 2L)
        .containsEntry("failed", 0L);
    assertThat(stats.series().get(1).counts())
        .containsEntry("succeeded", 4L)
        .doesNotContainKey("unknown")
        .hasSize(stats.statuses().size());
  }

  @Test
  void defaultsToTheLastHourByMinute() {
    assertThat(JobStatsQuery.parse(null, null))
        .isEqualTo(new JobStatsQuery(JobStatsQuery.Bucket.MINUTE, 60));
    assertThat(JobStatsQuery.parse("day", "30"))
        .isEqualTo(new JobStatsQuery(JobStatsQuery.Bucket.DAY, 30));
  }

  @Test
  void reportsEveryBadParameterAtOnce() {
    assertThatThrownBy(() -> JobStatsQuery.parse("week", "0"))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactly("bucket", "buckets"));
    assertThatThrownBy(() -> JobStatsQuery.parse(null, "1441"))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> JobStatsQuery.parse(null, "-1"))
        .isInstanceOf(InvalidRequestException.class);
  }
}
