#!/usr/bin/env bash
# Make sure a Java runtime of version 17 or later is on PATH (PySpark 4 needs it).
#
#   scripts/ensure_java.sh
#
# When none is found, Debian's `openjdk-17-jre-headless` is installed (as root, or through
# password-less sudo), as scripts/with_postgres.sh does for PostgreSQL. Anything else stops
# with a message saying what to install.
set -euo pipefail

log() { printf '[ensure_java] %s\n' "$*" >&2; }

java_major() {
    # `java -version` prints e.g. 'openjdk version "17.0.15" 2025-04-15' on stderr
    java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
}

if command -v java >/dev/null 2>&1 && [ "$(java_major)" -ge 17 ] 2>/dev/null; then
    exit 0
fi

log "no Java 17 or later on PATH: installing openjdk-17-jre-headless"
command -v apt-get >/dev/null 2>&1 || {
    log "no apt-get either: install a Java 17 runtime and put it on PATH"
    exit 1
}
sudo=()
if [ "$(id -u)" -ne 0 ]; then
    sudo -n true 2>/dev/null || {
        log "installing needs root: sudo apt-get install openjdk-17-jre-headless"
        exit 1
    }
    sudo=(sudo -n)
fi
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
[ "$(java_major)" -ge 17 ] || { log "Java 17 was installed but java on PATH is $(java_major)"; exit 1; }
