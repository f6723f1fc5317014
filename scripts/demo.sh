#!/usr/bin/env bash
# Sets up and runs the doltsync demo on a fresh Debian machine: installs Dolt (go install, a few minutes
# the first time), builds doltsync, then runs a small shop on an H2 database through jdbc:doltsync: with
# an embedded Dolt server the driver starts itself, and prints the shop's history from Dolt.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$DOLTSYNC_ROOT"
scripts/dolt.sh install
export PATH="$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin:$PATH"
./mvnw -q -B -ntp -DskipTests -pl samples -am install
./mvnw -q -B -ntp -pl samples exec:java -Dexec.mainClass=io.doltsync.samples.demo.ShopDemo \
  -Dexec.args="$DOLTSYNC_ROOT/samples/target/demo" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn
