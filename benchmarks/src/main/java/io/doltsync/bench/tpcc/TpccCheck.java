package io.doltsync.bench.tpcc;

import io.doltsync.bench.core.Endpoint;
import java.sql.Connection;
import java.util.List;

/**
 * Checks a TPC-C database that another harness (BenchBase, say) ran through doltsync: once the journal is
 * empty, does Dolt's head equal the primary in every table, and how many commits came after the bootstrap?
 *
 * <pre>
 * java -cp ... io.doltsync.bench.tpcc.TpccCheck &lt;primary JDBC URL&gt; &lt;user&gt; &lt;password&gt; &lt;Dolt JDBC URL&gt; [&lt;commits before&gt;]
 * </pre>
 *
 * Prints one line per table and the number of Dolt commits (minus the given count); exits with 1 when a
 * table differs.
 */
public final class TpccCheck {

  private TpccCheck() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: TpccCheck <primary JDBC URL> <user> <password> <Dolt JDBC URL> [<commits before>]");
      System.exit(2);
    }
    Endpoint primary = new Endpoint(args[0], args[1], args[2]);
    Endpoint dolt = new Endpoint(args[3], "root", "");
    long before = args.length > 4 ? Long.parseLong(args[4]) : 0;
    try (Connection p = primary.connect(); Connection d = dolt.connect()) {
      List<MirrorCheck.TableResult> tables = MirrorCheck.compareTables(p, d);
      tables.forEach(System.out::println);
      System.out.println("Dolt commits: " + (MirrorCheck.doltCommits(d) - before));
      System.exit(tables.stream().allMatch(MirrorCheck.TableResult::equal) ? 0 : 1);
    }
  }
}
