#!/usr/bin/env bash
# Runs one of the samples of the samples module (see the README, "Using it"):
#   scripts/sample.sh hibernate              Hibernate ORM / JPA (H2 + embedded Dolt)
#   scripts/sample.sh spring                 Spring Boot on http://localhost:8080 (H2 + embedded Dolt)
#   scripts/sample.sh appserver              an embedded Tomcat with a JNDI DataSource on http://localhost:8080
#   scripts/sample.sh jdbc [postgresql]      plain JDBC with DriverManager on MariaDB (or PostgreSQL)
#   scripts/sample.sh hikari [postgresql]    HikariCP on MariaDB (or PostgreSQL)
#   scripts/sample.sh demo                   the README demo (what scripts/demo.sh runs)
# Installs Dolt if needed, starts MariaDB/PostgreSQL for the JDBC samples, builds doltsync, then runs the sample.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$DOLTSYNC_ROOT"
sample="${1:-}"; shift || true
case "$sample" in
  hibernate) main=io.doltsync.samples.hibernate.WikiSample ;;
  spring) main=io.doltsync.samples.spring.BankApplication ;;
  appserver) main=io.doltsync.samples.appserver.GuestbookServer ;;
  jdbc) main=io.doltsync.samples.jdbc.DriverManagerSample ;;
  hikari) main=io.doltsync.samples.jdbc.HikariSample ;;
  demo) main=io.doltsync.samples.demo.ShopDemo; set -- "$DOLTSYNC_ROOT/samples/target/demo" ;;
  *) die "usage: $0 hibernate|spring|appserver|jdbc|hikari|demo [args]" ;;
esac
scripts/dolt.sh install
export PATH="$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin:$PATH"
case "$sample" in
  jdbc|hikari) scripts/mariadb.sh start; scripts/postgres.sh start ;;
esac
./mvnw -q -B -ntp -DskipTests -pl samples -am install
cd samples # the samples keep their files (H2 and Dolt directories) under samples/target
# A JVM of its own (exec:exec, not exec:java): Maven does not run the program's shutdown hooks, and the
# driver stops the embedded dolt sql-server in one.
../mvnw -q -B -ntp exec:exec -Dexec.executable=java -Dexec.args="-cp %classpath $main $*"
