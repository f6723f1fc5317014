#!/usr/bin/env bash
# Runs Spring PetClinic, built from its own sources and left unchanged, under doltsync's agent, drives its web
# application with curl, and checks what Dolt holds against what the application shows:
#   scripts/agent-petclinic.sh <spring-petclinic checkout> [dolt port]
# Needs the Dolt test server (scripts/dolt.sh start, 127.0.0.1:33307), curl and the mysql client. PetClinic keeps
# its default H2 database and configuration; its own mysql-connector-j is the client doltsync reaches Dolt with.
# Prints the figures (start-up time with and without the agent, transactions, Dolt commits) and exits non-zero
# when a check fails.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
petclinic="$(cd "${1:?usage: $0 <spring-petclinic checkout> [dolt port]}" && pwd)"
dolt_port="${2:-33307}"
cd "$DOLTSYNC_ROOT"
[ -f agent/target/doltsync-agent.jar ] || ./mvnw -q -B -ntp -DskipTests -pl agent -am package
agent="${DOLTSYNC_AGENT_JAR:-$DOLTSYNC_ROOT/agent/target/doltsync-agent.jar}"
jar=$(ls "$petclinic"/target/spring-petclinic-*.jar 2>/dev/null | grep -v plain | head -1)
if [ -z "$jar" ]; then
  (cd "$petclinic" && "$DOLTSYNC_ROOT/mvnw" -q -B -ntp -DskipTests -Dcheckstyle.skip=true -Dspring-javaformat.skip=true \
    -Djacoco.skip=true -Dcyclonedx.skip=true package)
  jar=$(ls "$petclinic"/target/spring-petclinic-*.jar | grep -v plain | head -1)
fi
database="petclinic_$(date +%s)_$$"
dolt() { mysql -h127.0.0.1 -P"$dolt_port" -uroot -N -B "$database" -e "$1"; }
port=$((20000 + RANDOM % 20000))
log=$(mktemp)

pid=
start() { # start <extra java options...>: starts PetClinic, waits (at most 15 min) until it answers; sets pid, seconds
  local began=$(date +%s.%N)
  java "$@" -jar "$jar" --server.port="$port" >"$log" 2>&1 &
  pid=$!
  until curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { cat "$log"; die "PetClinic exited"; }
    [ "$(echo "$(date +%s.%N) - $began > 900" | bc)" = 1 ] && die "PetClinic did not answer within 15 min"
    sleep 0.5
  done
  seconds=$(echo "$(date +%s.%N) - $began" | bc)
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; }
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -f "$log"' EXIT

if [ "${DOLTSYNC_PETCLINIC_BASELINE:-1}" = 1 ]; then # the same start without the agent, for the start-up figure
  start; stop
  echo "PetClinic started without the agent in ${seconds} s"
fi
start -javaagent:"$agent" -Ddoltsync.target="jdbc:mysql://127.0.0.1:$dolt_port/$database" -Ddoltsync.mode=sync
echo "PetClinic started under the agent in ${seconds} s"

base="http://127.0.0.1:$port"
owner_url=$(curl -fs -o /dev/null -w '%{redirect_url}' -d firstName=Ada -d lastName=Lovelace \
  -d address='12 Analytical Street' -d city=London -d telephone=0123456789 "$base/owners/new")
owner=${owner_url##*/}; owner=${owner%%;*} # the redirect may carry ;jsessionid=...
[ -n "$owner" ] || die "no owner created"
curl -fs -o /dev/null -d name=Babbage -d birthDate=2020-01-02 -d type=cat "$base/owners/$owner/pets/new"
pet=$(dolt "SELECT id FROM pets WHERE name = 'Babbage'")
curl -fs -o /dev/null -d date=2026-12-01 -d description='Annual check' "$base/owners/$owner/pets/$pet/visits/new"
curl -fs -o /dev/null -d firstName=Ada -d lastName=Lovelace -d address='12 Analytical Street' -d city=London \
  -d telephone=0987654321 "$base/owners/$owner/edit"
shown=$(curl -fs "$base/owners/$owner")
stop

fail=0
check() { if [ "$2" == "$3" ]; then echo "ok   $1: $2"; else echo "FAIL $1: Dolt has '$2', expected '$3'"; fail=1; fi; }
check "the new owner" "$(dolt "SELECT CONCAT_WS('|', first_name, last_name, address, city, telephone) FROM owners WHERE id = $owner")" \
  "Ada|Lovelace|12 Analytical Street|London|0987654321"
# Dolt holds DATE columns as dates; its CONCAT of a DATE appends 00:00:00, hence DATE_FORMAT
# (TemporalReadFidelityTest: what the application reads through doltsync is the raw driver's answer)
check "the new pet" "$(dolt "SELECT CONCAT_WS('|', p.name, DATE_FORMAT(p.birth_date, '%Y-%m-%d'), t.name, p.owner_id) FROM pets p JOIN types t ON t.id = p.type_id WHERE p.id = $pet")" \
  "Babbage|2020-01-02|cat|$owner"
check "the new visit" "$(dolt "SELECT CONCAT_WS('|', DATE_FORMAT(visit_date, '%Y-%m-%d'), description) FROM visits WHERE pet_id = $pet")" \
  "2026-12-01|Annual check"
grep -q "0987654321" <<<"$shown" || { echo "FAIL the application does not show the edited telephone"; fail=1; }
check "owners, pets, visits" "$(dolt "SELECT CONCAT_WS('|', (SELECT COUNT(*) FROM owners), (SELECT COUNT(*) FROM pets), (SELECT COUNT(*) FROM visits))")" "11|14|5"
check "the previous telephone, AS OF the commit before the edit" \
  "$(dolt "SELECT telephone FROM owners AS OF 'HEAD~1' WHERE id = $owner")" "0123456789"
commits=$(dolt "SELECT COUNT(*) FROM dolt_log WHERE message LIKE '%Doltsync-Transaction:%'")
echo "Dolt commits for primary transactions (schema and data scripts at start-up, then the 4 requests): $commits"
dolt "SELECT LEFT(message, 60) FROM dolt_log ORDER BY commit_order DESC LIMIT 6"
mysql -h127.0.0.1 -P"$dolt_port" -uroot -e "DROP DATABASE \`$database\`"
exit $fail
