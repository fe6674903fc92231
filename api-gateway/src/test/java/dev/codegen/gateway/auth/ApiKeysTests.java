package dev.codegen.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ApiKeysTests {

  private static final String ADMIN = "bootstrap-admin-key-0123";
  private static final String KNOWN = ApiKeySecrets.generate();
  private static final Caller CALLER =
      new Caller(UUID.randomUUID(), "t", Role.USER, "cg_known", KeyLimits.NONE);

  /** A store that knows one key and counts its lookups. */
  private static final class CountingStore extends ApiKeyStore {
    final AtomicInteger lookups = new AtomicInteger();

    CountingStore() {
      super(null);
    }

    @Override
    Optional<Caller> findLive(byte[] hash) {
      lookups.incrementAndGet();
      return ByteBuffer.wrap(hash).equals(ByteBuffer.wrap(ApiKeySecrets.hash(KNOWN)))
          ? Optional.of(CALLER)
          : Optional.empty();
    }
  }

  private final CountingStore store = new CountingStore();
  private final ApiKeys keys =
      new ApiKeys(
          store,
          new AuthProperties(null, "default", false, Duration.ofSeconds(30)),
          ADMIN,
          Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC));

  @Test
  void theBootstrapKeyNeedsNoLookup() {
    assertThat(keys.resolve(ADMIN)).get().extracting(Caller::role).isEqualTo(Role.ADMIN);
    assertThat(store.lookups).hasValue(0);
  }

  @Test
  void remembersKnownAndUnknownKeysWhileHearingChangesAndForgetsOnAChange() {
    keys.cacheWhileHearing(true);
    for (int i = 0; i < 5; i++) {
      assertThat(keys.resolve(KNOWN)).contains(CALLER);
      assertThat(keys.resolve("cg_made_up_key_00000000000000000000000")).isEmpty();
    }
    assertThat(store.lookups).hasValue(2);

    keys.forgetAll();
    keys.resolve(KNOWN);
    keys.resolve("cg_made_up_key_00000000000000000000000");
    assertThat(store.lookups).hasValue(4);
  }

  @Test
  void looksEveryKeyUpWhileNotHearingChanges() {
    keys.cacheWhileHearing(false);
    for (int i = 0; i < 3; i++) {
      keys.resolve(KNOWN);
      keys.resolve("cg_made_up_key_00000000000000000000000");
    }
    assertThat(store.lookups).hasValue(6);
  }
}
