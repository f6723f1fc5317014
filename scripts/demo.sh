#!/usr/bin/env bash
# Sets up and runs the doltsync demo on a fresh Debian machine: installs Dolt (go install, a few minutes
# the first time), builds doltsync, then runs a small shop on an H2 database through jdbc:doltsync: with
# an embedded Dolt server the driver starts itself, and prints the shop's history from Dolt.
exec "$(dirname "${BASH_SOURCE[0]}")/sample.sh" demo
