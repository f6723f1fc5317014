package io.doltsync.internal.mirror;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ids of journaled transactions: unique, not secret. Each id has the textual form of a version-4 UUID (36
 * characters, as the journal's {@code txn VARCHAR(36)} column and commit trailers have always held), made of a
 * random 60-bit prefix drawn once per JVM and a 62-bit counter that starts at a random value: ids of one JVM
 * never repeat (until 2<sup>62</sup> of them), and two JVMs share a prefix with probability about
 * n<sup>2</sup>/2<sup>61</sup> for n JVMs. Unlike {@link UUID#randomUUID()} this draws no {@link SecureRandom}
 * bytes per transaction (a shared, locked generator, about a tenth of the commit path's client CPU).
 */
final class TransactionIds {

  private static final long VERSION_4 = 0x4000L;
  private static final long VERSION_MASK = 0xF000L;
  private static final long VARIANT_IETF = 0x8000_0000_0000_0000L;
  private static final long COUNTER_MASK = 0x3FFF_FFFF_FFFF_FFFFL;

  private static final TransactionIds JVM = new TransactionIds(new SecureRandom());

  private final long prefix;
  private final AtomicLong counter;

  TransactionIds(java.util.Random seed) {
    this.prefix = (seed.nextLong() & ~VERSION_MASK) | VERSION_4;
    this.counter = new AtomicLong(seed.nextLong());
  }

  /** A new id from this JVM's generator. */
  static String next() {
    return JVM.nextId();
  }

  /** A new id from this generator. */
  String nextId() {
    return new UUID(prefix, (counter.getAndIncrement() & COUNTER_MASK) | VARIANT_IETF).toString();
  }
}
