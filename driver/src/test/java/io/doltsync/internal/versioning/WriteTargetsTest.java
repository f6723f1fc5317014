package io.doltsync.internal.versioning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WriteTargetsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "INSERT INTO `shop/feature`.orders VALUES (1)                      | [shop/feature.orders]",
      "INSERT IGNORE orders SELECT * FROM `shop/main`.orders               | [orders]",
      "REPLACE INTO shop.orders (id) VALUES (1)                            | [shop.orders]",
      "UPDATE LOW_PRIORITY `shop@b`.orders o JOIN items i ON o.id = i.id SET o.qty = 1 | [shop@b.orders, items]",
      "UPDATE orders SET qty = (SELECT 1 FROM `shop/main`.orders)          | [orders]",
      "DELETE FROM `shop/b`.orders WHERE id IN (SELECT id FROM x)          | [shop/b.orders]",
      "DELETE o FROM orders o JOIN items i ON o.id = i.id                  | [o]",
      "TRUNCATE TABLE `shop/b`.orders                                      | [shop/b.orders]",
      "CREATE TABLE IF NOT EXISTS `shop/b`.t (id INT PRIMARY KEY)          | [shop/b.t]",
      "ALTER TABLE t ADD INDEX i (c)                                       | [t]",
      "DROP TABLE IF EXISTS a, `shop/b`.c                                  | [a, shop/b.c]",
      "RENAME TABLE a TO b, c TO d                                         | [a, b, c, d]",
      "CREATE UNIQUE INDEX i ON `shop/b`.t (c)                             | [shop/b.t]",
      "CREATE TRIGGER tr BEFORE INSERT ON `shop/b`.t FOR EACH ROW SET NEW.c = 1 | [shop/b.t]",
      "CREATE OR REPLACE VIEW `shop/b`.v AS SELECT * FROM t                | [shop/b.v]",
      "CREATE DATABASE other                                               | [other.*]",
      "LOAD DATA INFILE 'f' INTO TABLE `shop/b`.t                          | [shop/b.t]",
      "SELECT * FROM t                                                     | null",
      "WITH c AS (SELECT 1) UPDATE orders SET qty = 0                      | [orders]",
      "WITH RECURSIVE c (n) AS (SELECT 1), d AS (SELECT 2) DELETE FROM `shop/b`.t | [shop/b.t]",
      "WITH c AS (SELECT 1) INSERT INTO t SELECT * FROM c                  | [t]",
      "EXPLAIN ANALYZE DELETE FROM t                                       | [t]",
      "WITH c AS SELECT 1 UPDATE t SET a = 1                               | null",
      "HANDLER t OPEN                                                      | [t]",
      "CREATE USER u                                                       | null",
      "DO 1                                                                | null",
  })
  void targets(String sql, String expected) throws Exception {
    assertThat(String.valueOf(WriteTargets.of(SqlText.of(sql)))).isEqualTo(expected);
  }
}
