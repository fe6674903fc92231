package dev.codegen.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class DoneOffsetsTests {

  private static TreeSet<Long> set(long... offsets) {
    TreeSet<Long> set = new TreeSet<>();
    LongStream.of(offsets).forEach(set::add);
    return set;
  }

  @Test
  void writesNothingWhenNothingAboveThePositionIsDone() {
    assertThat(DoneOffsets.encode(10, 9, set(10, 11), DoneOffsets.MAX_CHARS).metadata()).isEmpty();
    assertThat(DoneOffsets.decode(10, "").isDone(11)).isFalse();
    assertThat(DoneOffsets.decode(10, "").isDone(9)).isTrue();
  }

  @Test
  void readsBackWhichOffsetsAboveThePositionAreDone() {
    // 10 is the position (not done); 11, 14 are not done; 12, 13, 15 are done; 16 is unknown.
    DoneOffsets.Encoded encoded = DoneOffsets.encode(10, 15, set(10, 11, 14, 17), 3000);
    assertThat(encoded.metadata()).startsWith("d1:");
    assertThat(encoded.truncated()).isFalse();

    DoneOffsets.Decoded decoded = DoneOffsets.decode(10, encoded.metadata());

    assertThat(LongStream.rangeClosed(8, 18).filter(decoded::isDone).boxed().toList())
        .containsExactly(8L, 9L, 12L, 13L, 15L);
    assertThat(decoded.highestDone()).isEqualTo(15);
    assertThat(decoded.notDone()).containsExactly(11L, 14L);
  }

  @Test
  void survivesLargeOffsetsAndGaps() {
    long p = 5_000_000_000L;
    DoneOffsets.Encoded encoded =
        DoneOffsets.encode(p, p + 1_000_000, set(p + 3, p + 999_999), 3000);
    DoneOffsets.Decoded decoded = DoneOffsets.decode(p, encoded.metadata());
    assertThat(decoded.isDone(p + 1)).isTrue();
    assertThat(decoded.isDone(p + 3)).isFalse();
    assertThat(decoded.isDone(p + 500_000)).isTrue();
    assertThat(decoded.isDone(p + 999_999)).isFalse();
    assertThat(decoded.isDone(p + 1_000_000)).isTrue();
    assertThat(decoded.isDone(p + 1_000_001)).isFalse();
  }

  @Test
  void aThousandJobsInFlightFitKafkasDefaultMetadataLimit() {
    // One slow job holds the position while a thousand later ones run, scattered among done ones.
    Random random = new Random(7);
    TreeSet<Long> notDone = new TreeSet<>();
    long offset = 0;
    while (notDone.size() < 1000) {
      offset += 1 + random.nextInt(100);
      notDone.add(offset);
    }
    DoneOffsets.Encoded encoded = DoneOffsets.encode(0, offset + 50, notDone, 4096);
    assertThat(encoded.truncated()).isFalse();
    assertThat(encoded.metadata().length()).isLessThan(4096);
    DoneOffsets.Decoded decoded = DoneOffsets.decode(0, encoded.metadata());
    assertThat(decoded.notDone()).isEqualTo(notDone);
  }

  @Test
  void capsTheEncodingAndLowersTheHighestDoneOffsetBelowWhatWasLeftOut() {
    TreeSet<Long> notDone = new TreeSet<>();
    for (long o = 2; o <= 2000; o += 2) {
      notDone.add(o); // every even offset running, every odd one done
    }
    DoneOffsets.Encoded encoded = DoneOffsets.encode(0, 2001, notDone, 100);

    assertThat(encoded.truncated()).isTrue();
    assertThat(encoded.metadata().length()).isLessThanOrEqualTo(100);
    DoneOffsets.Decoded decoded = DoneOffsets.decode(0, encoded.metadata());
    // What it still says is true: the odd offsets it covers are done, no even one is.
    assertThat(decoded.highestDone()).isGreaterThan(50).isLessThan(2001);
    assertThat(LongStream.rangeClosed(1, 2001).filter(decoded::isDone).allMatch(o -> o % 2 == 1))
        .isTrue();
    assertThat(decoded.isDone(decoded.highestDone() + 2)).isFalse();
  }

  @Test
  void readsUnknownOrDamagedMetadataAsNothingDone() {
    for (String metadata : List.of("", "something else", "d1:!!!", "d1:", "d1:gA", "d2:AQ")) {
      DoneOffsets.Decoded decoded = DoneOffsets.decode(7, metadata);
      assertThat(decoded.isDone(6)).as(metadata).isTrue();
      assertThat(decoded.isDone(8)).as(metadata).isFalse();
    }
    assertThat(DoneOffsets.decode(7, null).isDone(8)).isFalse();
    // A listed offset beyond the highest done one cannot come from us.
    String bad = DoneOffsets.encode(0, 3, set(1), 3000).metadata();
    assertThat(DoneOffsets.decode(0, bad).isDone(2)).isTrue();
  }
}
