package io.doltsync.bench.mirror;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The schema script and seed data of a small web application's start-up (the shape of Spring PetClinic's
 * {@code schema.sql} and {@code data.sql}): seven tables with indexes and foreign keys, a keyless link table,
 * then one {@code INSERT} per row, with a few indexes created after the data; every statement is meant to run
 * in auto-commit, as Spring's script runner sends them.
 */
final class StartupScript {

  private static final String[] FIRST = {"James", "Helen", "Linda", "Rafael", "Henry", "Sharon", "George", "Betty",
      "Eduardo", "Harold", "Peter", "Jean", "Jeff", "Maria", "David", "Carlos"};
  private static final String[] LAST = {"Carter", "Leary", "Douglas", "Ortega", "Stevens", "Jenkins", "Franklin",
      "Davis", "Rodriquez", "McTavish", "Coleman", "Black", "Escobito", "Schroeder", "Estaban", "Jones"};

  private StartupScript() {}

  /** The statements, in order, for {@code mariadb} or {@code postgresql}; {@code owners} scales the seed data. */
  static List<String> statements(String database, int owners) {
    boolean mariadb = database.equals("mariadb");
    String id = mariadb ? "INT NOT NULL AUTO_INCREMENT PRIMARY KEY" : "SERIAL PRIMARY KEY";
    List<String> sql = new ArrayList<>();
    for (String table : List.of("visits", "pets", "owners", "types", "vet_specialties", "specialties", "vets")) {
      sql.add("DROP TABLE IF EXISTS " + table);
    }
    sql.add("CREATE TABLE vets (id " + id + ", first_name VARCHAR(30), last_name VARCHAR(30))");
    sql.add("CREATE INDEX vets_last_name ON vets (last_name)");
    sql.add("CREATE TABLE specialties (id " + id + ", name VARCHAR(80))");
    sql.add("CREATE INDEX specialties_name ON specialties (name)");
    sql.add("CREATE TABLE vet_specialties (vet_id INT NOT NULL REFERENCES vets (id), specialty_id INT NOT NULL"
        + " REFERENCES specialties (id), UNIQUE (vet_id, specialty_id))");
    sql.add("CREATE TABLE types (id " + id + ", name VARCHAR(80))");
    sql.add("CREATE TABLE owners (id " + id + ", first_name VARCHAR(30), last_name VARCHAR(30),"
        + " address VARCHAR(255), city VARCHAR(80), telephone VARCHAR(20))");
    sql.add("CREATE TABLE pets (id " + id + ", name VARCHAR(30), birth_date DATE, type_id INT NOT NULL"
        + " REFERENCES types (id), owner_id INT REFERENCES owners (id))");
    sql.add("CREATE TABLE visits (id " + id + ", pet_id INT REFERENCES pets (id), visit_date DATE,"
        + " description VARCHAR(255))");
    for (int v = 1; v <= 6; v++) {
      sql.add("INSERT INTO vets (first_name, last_name) VALUES ('" + FIRST[v] + "', '" + LAST[v] + "')");
    }
    for (String name : List.of("radiology", "surgery", "dentistry")) {
      sql.add("INSERT INTO specialties (name) VALUES ('" + name + "')");
    }
    for (Map.Entry<Integer, Integer> link : List.of(Map.entry(2, 1), Map.entry(3, 2), Map.entry(3, 3),
        Map.entry(4, 2), Map.entry(5, 1))) {
      sql.add("INSERT INTO vet_specialties VALUES (" + link.getKey() + ", " + link.getValue() + ")");
    }
    for (String name : List.of("cat", "dog", "lizard", "snake", "bird", "hamster")) {
      sql.add("INSERT INTO types (name) VALUES ('" + name + "')");
    }
    for (int o = 1; o <= owners; o++) {
      sql.add("INSERT INTO owners (first_name, last_name, address, city, telephone) VALUES ('" + FIRST[o % 16] + "', '"
          + LAST[(o * 7) % 16] + "', '" + (100 + o) + " W. Liberty St.', 'Madison', '608555" + (1000 + o) + "')");
    }
    sql.add("CREATE INDEX owners_last_name ON owners (last_name)");
    for (int p = 1; p <= owners + owners / 3; p++) {
      sql.add("INSERT INTO pets (name, birth_date, type_id, owner_id) VALUES ('pet" + p + "', DATE '2020-"
          + String.format("%02d-%02d", p % 12 + 1, p % 28 + 1) + "', " + (p % 6 + 1) + ", " + ((p - 1) % owners + 1)
          + ")");
    }
    sql.add("CREATE INDEX pets_name ON pets (name)");
    for (int v = 1; v <= owners / 2; v++) {
      sql.add("INSERT INTO visits (pet_id, visit_date, description) VALUES (" + v + ", DATE '2023-03-04', 'visit "
          + v + "')");
    }
    return sql;
  }

  /** The tables the script creates. */
  static List<String> tables() {
    return List.of("vets", "specialties", "vet_specialties", "types", "owners", "pets", "visits");
  }
}
