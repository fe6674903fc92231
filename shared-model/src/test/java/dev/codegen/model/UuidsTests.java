package dev.codegen.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UuidsTests {

  @Test
  void makesVersion7IdsCarryingTheirMillisecond() {
    long now = 1_795_737_600_123L;
    UUID id = Uuids.timeOrdered(now, new Random(1));

    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(now);
    assertThat(JobIds.isValid(id.toString())).isTrue();
  }

  @Test
  void idsOfLaterMillisecondsSortAfterEarlierOnes() {
    Random random = new Random(7);
    List<String> ids =
        IntStream.range(0, 1_000)
            .mapToObj(i -> Uuids.timeOrdered(1_795_737_600_000L + i, random).toString())
            .toList();

    // Text order is PostgreSQL's uuid order (unsigned bytes), unlike UUID.compareTo (signed).
    assertThat(ids).isSorted();
  }

  @Test
  void idsOfTheSameMillisecondDiffer() {
    Set<UUID> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(Uuids.timeOrdered());
    }
    assertThat(ids).hasSize(10_000);
    assertThat(ids).allSatisfy(id -> assertThat(id.version()).isEqualTo(7));
  }
}
