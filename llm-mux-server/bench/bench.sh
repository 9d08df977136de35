#!/bin/sh
# Builds the standalone server and the benchmark, then runs the end-to-end load benchmark.
# Usage: llm-mux-server/bench/bench.sh [--quick] [--java PATH] [other options, see --help]
#        llm-mux-server/bench/bench.sh jmh [--quick] [REGEXP]
set -e
cd "$(dirname "$0")/../.."
mvn -q -B -Pbench -DskipTests package
exec java -jar llm-mux-server/bench/target/llm-mux-bench.jar "$@"
