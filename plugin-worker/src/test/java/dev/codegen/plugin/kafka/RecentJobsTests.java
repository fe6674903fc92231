package dev.codegen.plugin.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codegen.model.JobIds;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentJobsTests {

  @Test
  void forgetsTheLeastRecentlySeenJobOnceFull() {
    String a = JobIds.random();
    String b = JobIds.random();
    String c = JobIds.random();
    RecentJobs recent = new RecentJobs(2);

    recent.addAll(List.of(a, b));
    assertThat(recent.contains(a)).isTrue(); // a is now more recent than b
    recent.addAll(List.of(c));

    assertThat(recent.size()).isEqualTo(2);
    assertThat(recent.contains(a)).isTrue();
    assertThat(recent.contains(b)).isFalse();
    assertThat(recent.contains(c)).isTrue();
  }

  @Test
  void remembersNothingWhenOff() {
    RecentJobs off = new RecentJobs(0);
    String a = JobIds.random();

    off.addAll(List.of(a));

    assertThat(off.contains(a)).isFalse();
    assertThatThrownBy(() -> new RecentJobs(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
