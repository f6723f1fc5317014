package io.doltsync.bench.tpcc;

import java.math.BigDecimal;
import java.util.SplittableRandom;

/**
 * The random functions of the TPC-C specification (clause 2.1.6 and 4.3.2): uniform integers and
 * decimals, NURand with the run's constants C, a-strings, n-strings and the syllable last names.
 * Not thread-safe: one per terminal (or loader).
 */
final class TpccRandom {

  /** Clause 4.3.2.3: the syllables last names are made of. */
  private static final String[] SYLLABLES = {"BAR", "OUGHT", "ABLE", "PRI", "PRES", "ESE", "ANTI", "CALLY", "ATION", "EING"};
  private static final char[] ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

  /** The run-time constants C of NURand for A = 255 (c_last), 1023 (c_id) and 8191 (ol_i_id). */
  record Constants(int cLast, int cId, int orderLineItemId) {
    static Constants draw(SplittableRandom random) {
      return new Constants(random.nextInt(256), random.nextInt(1024), random.nextInt(8192));
    }

    /** Clause 2.1.6.1: the run's C for c_last differs from the load's by 65..119, but not 96 or 112. */
    static Constants forRun(Constants load, SplittableRandom random) {
      int cLast;
      int delta;
      do {
        cLast = random.nextInt(256);
        delta = Math.abs(cLast - load.cLast());
      } while (delta < 65 || delta > 119 || delta == 96 || delta == 112);
      return new Constants(cLast, random.nextInt(1024), random.nextInt(8192));
    }
  }

  private final SplittableRandom random;
  private final Constants constants;

  TpccRandom(long seed, Constants constants) {
    this.random = new SplittableRandom(seed);
    this.constants = constants;
  }

  /** Uniform in [min, max], both inclusive. */
  int uniform(int min, int max) {
    return min + random.nextInt(max - min + 1);
  }

  /** A uniform decimal in [min, max] with {@code scale} digits after the point. */
  BigDecimal decimal(String min, String max, int scale) {
    long low = new BigDecimal(min).movePointRight(scale).longValueExact();
    long high = new BigDecimal(max).movePointRight(scale).longValueExact();
    return BigDecimal.valueOf(low + random.nextLong(high - low + 1), scale);
  }

  /** NURand(A, x, y) = (((random(0, A) | random(x, y)) + C) % (y - x + 1)) + x. */
  int nurand(int a, int x, int y) {
    int c = switch (a) {
      case 255 -> constants.cLast();
      case 1023 -> constants.cId();
      case 8191 -> constants.orderLineItemId();
      default -> throw new IllegalArgumentException("no NURand constant for A = " + a);
    };
    return (((uniform(0, a) | uniform(x, y)) + c) % (y - x + 1)) + x;
  }

  /** A customer id for a transaction: NURand(1023, 1, customersPerDistrict). */
  int customerId(int customersPerDistrict) {
    return nurand(1023, 1, customersPerDistrict);
  }

  /** A last name for a transaction's lookup by name: the syllables of NURand(255, 0, 999). */
  String lastNameForLookup() {
    return lastName(nurand(255, 0, 999));
  }

  /** Clause 4.3.2.3: the last name of number {@code n} (0..999), three syllables. */
  static String lastName(int n) {
    return SYLLABLES[n / 100] + SYLLABLES[(n / 10) % 10] + SYLLABLES[n % 10];
  }

  /** A random a-string of length in [min, max]. */
  String astring(int min, int max) {
    char[] chars = new char[uniform(min, max)];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)];
    }
    return new String(chars);
  }

  /** A random n-string (digits) of length in [min, max]. */
  String nstring(int min, int max) {
    char[] chars = new char[uniform(min, max)];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = (char) ('0' + random.nextInt(10));
    }
    return new String(chars);
  }

  /** Clause 4.3.3.1: i_data / s_data, 10% of them with "ORIGINAL" at a random position. */
  String dataWithOriginal() {
    String data = astring(26, 50);
    if (uniform(1, 10) == 1) {
      int at = uniform(0, data.length() - 8);
      data = data.substring(0, at) + "ORIGINAL" + data.substring(at + 8);
    }
    return data;
  }

  /** A zip code: 4 random digits and "11111". */
  String zip() {
    return nstring(4, 4) + "11111";
  }

  /** A random permutation of 1..n (the customers of a district's initial orders). */
  int[] permutation(int n) {
    int[] values = new int[n];
    for (int i = 0; i < n; i++) {
      values[i] = i + 1;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
    return values;
  }
}
