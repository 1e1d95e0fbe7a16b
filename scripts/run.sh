#!/usr/bin/env bash
# Installs what is needed, builds segmentd (release), makes the default model if there is none,
# and runs the main job: a generated sample of customers scored into outbox/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
swift build -c release
bin=".build/release/segmentd"

if [ ! -f var/model.json ]; then
    echo "no model yet: training the default model on 100,000 generated customers"
    mkdir -p var/data
    "$bin" generate --rows 100000 --seed 1 var/data/training.csv
    "$bin" train var/data/training.csv --output var/model.json
fi

mkdir -p outbox
mkdir -p var/samples
"$bin" generate --rows 10000 --seed "$(date +%s)" var/samples/customers.csv
"$bin" score var/samples/customers.csv outbox/customers.scored.csv --model var/model.json
echo "scored file: outbox/customers.scored.csv (rejects: outbox/customers.scored.rejects.csv)"
