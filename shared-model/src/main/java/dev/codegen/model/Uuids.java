package dev.codegen.model;

import java.security.SecureRandom;
import java.util.Random;
import java.util.UUID;

/**
 * Version 7 UUIDs (RFC 9562): 48 bits of Unix time in milliseconds, then 74 random bits, for job
 * ids and event ids. Ids made close in time sort close together, so PostgreSQL adds them at the
 * right edge of the indexes on jobs and audit events, where random (version 4) ids touch a random
 * index page per insert, and, after every checkpoint, write that whole page to the WAL again. The
 * random bits come from a {@link SecureRandom}: an id still cannot be guessed from another.
 */
public final class Uuids {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Uuids() {}

  /** A fresh version 7 UUID for the current time. */
  public static UUID timeOrdered() {
    return timeOrdered(System.currentTimeMillis(), RANDOM);
  }

  static UUID timeOrdered(long epochMillis, Random random) {
    long high = (epochMillis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
    long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(high, low);
  }
}
