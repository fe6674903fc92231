package dev.codegen.gateway.history;

import dev.codegen.gateway.problem.FieldError;
import dev.codegen.gateway.problem.InvalidRequestException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What {@code GET /stats/jobs} asks for: the last {@code buckets} buckets of one size, the current
 * (unfinished) one included.
 *
 * @param bucket the size of a bucket
 * @param buckets how many buckets, oldest first
 */
record JobStatsQuery(Bucket bucket, int buckets) {

  static final int DEFAULT_BUCKETS = 60;
  static final int MAX_BUCKETS = 1440;

  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

  /** A bucket size; UTC minutes, hours and days all divide the epoch evenly. */
  enum Bucket {
    MINUTE(60),
    HOUR(3_600),
    DAY(86_400);

    private final long seconds;

    Bucket(long seconds) {
      this.seconds = seconds;
    }

    long seconds() {
      return seconds;
    }

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The query these parameters ask for ({@code null}: not sent), or a 400 naming each bad one. */
  static JobStatsQuery parse(String bucket, String buckets) {
    List<FieldError> errors = new ArrayList<>();
    Bucket size = Bucket.MINUTE;
    if (bucket != null) {
      size =
          Arrays.stream(Bucket.values())
              .filter(b -> b.wireName().equals(bucket))
              .findFirst()
              .orElse(null);
      if (size == null) {
        errors.add(
            new FieldError(
                "bucket",
                "must be one of: "
                    + Arrays.stream(Bucket.values())
                        .map(Bucket::wireName)
                        .collect(Collectors.joining(", "))));
      }
    }
    int count = DEFAULT_BUCKETS;
    if (buckets != null) {
      count = DIGITS.matcher(buckets).matches() ? Integer.parseInt(buckets) : 0;
      if (count < 1 || count > MAX_BUCKETS) {
        errors.add(new FieldError("buckets", "must be an integer between 1 and " + MAX_BUCKETS));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return new JobStatsQuery(size, count);
  }
}
