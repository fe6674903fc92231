package dev.codegen.gateway.auth;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Resolves a presented key to its {@link Caller}. Keys found in the database are cached by hash
 * until a key changes anywhere ({@link KeyChanges} clears the cache when PostgreSQL notifies a
 * change, on every instance) or {@link AuthProperties#cacheTtl()} passes. Unknown keys are
 * remembered as unknown for as long, in a separate bounded set, so a flood of made-up keys costs
 * the database one lookup per distinct key and cannot push real keys out of the cache; this is safe
 * because a key's secret is 256 random bits that nobody can present before it exists.
 */
public class ApiKeys {

  private static final int MAX_CACHED = 10_000;
  private static final int MAX_UNKNOWN = 10_000;

  private final ApiKeyStore store;
  private final Clock clock;
  private final long ttlMillis;
  private final Map<ByteBuffer, Cached> cache = new ConcurrentHashMap<>();
  private final Map<ByteBuffer, Long> unknown = new ConcurrentHashMap<>();
  private final byte[] adminHash;
  private final Caller admin;
  // Bumped by every change heard: a lookup that started before a change must not cache its result.
  private final AtomicLong generation = new AtomicLong();
  private volatile boolean caching;

  ApiKeys(ApiKeyStore store, AuthProperties properties, String bootstrapKey, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.ttlMillis = properties.cacheTtl().toMillis();
    this.adminHash = ApiKeySecrets.hash(bootstrapKey);
    this.admin =
        new Caller(
            null,
            properties.adminTenant(),
            Role.ADMIN,
            ApiKeySecrets.prefix(bootstrapKey),
            KeyLimits.NONE);
  }

  /** The caller presenting {@code key}, if it is the bootstrap admin key or a live stored key. */
  public Optional<Caller> resolve(String key) {
    byte[] hash = ApiKeySecrets.hash(key);
    if (MessageDigest.isEqual(hash, adminHash)) {
      return Optional.of(admin);
    }
    ByteBuffer id = ByteBuffer.wrap(hash);
    long now = clock.millis();
    Cached cached = cache.get(id);
    if (cached != null && cached.until > now) {
      return Optional.of(cached.caller);
    }
    Long unknownUntil = unknown.get(id);
    if (unknownUntil != null && unknownUntil > now) {
      return Optional.empty();
    }
    long seen = generation.get();
    Optional<Caller> found = store.findLive(hash);
    if (caching) {
      if (found.isPresent()) {
        remember(cache, MAX_CACHED, id, new Cached(found.get(), now + ttlMillis));
      } else {
        remember(unknown, MAX_UNKNOWN, id, now + ttlMillis);
      }
      if (generation.get() != seen) {
        // A change was heard while we looked: do not keep what we read.
        cache.remove(id);
        unknown.remove(id);
      }
    }
    return found;
  }

  private static <V> void remember(Map<ByteBuffer, V> map, int max, ByteBuffer id, V value) {
    if (map.size() >= max) {
      map.clear();
    }
    map.put(id, value);
  }

  /** Forgets every cached key: a key changed somewhere. */
  void forgetAll() {
    generation.incrementAndGet();
    cache.clear();
    unknown.clear();
  }

  /**
   * Turns caching on while changes are being heard (and off, forgetting everything, while they are
   * not: a revocation must never be missed).
   */
  void cacheWhileHearing(boolean hearing) {
    caching = hearing;
    forgetAll();
  }

  private record Cached(Caller caller, long until) {}
}
