#!/usr/bin/env bash
# Installs what is needed, builds segmentd (release), makes the default model if there is none, drops a
# generated sample into inbox/, and starts the daemon on the default configuration (Ctrl-C stops it cleanly).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
bin="$(bash scripts/build-release.sh)"

mkdir -p inbox outbox var/samples
if [ -f var/model.json ] && [ ! -f var/models/aliases.json ]; then
    # A tree from before the registry: its model becomes the registry's first champion.
    "$bin" models import var/model.json
fi
if [ ! -f var/models/aliases.json ]; then
    echo "no model yet: training the default model (the registry's first champion) on 100,000 generated customers"
    "$bin" generate --rows 100000 --seed 1 var/samples/training.csv
    "$bin" train var/samples/training.csv
fi
"$bin" validate

# A sample for the daemon to pick up: written beside the inbox, then renamed in (complete on arrival).
sample="customers-$(date +%Y%m%d-%H%M%S)"
"$bin" generate --rows 10000 --seed "$(date +%s)" "var/samples/$sample.csv"
mv "var/samples/$sample.csv" "inbox/$sample.csv"
echo "dropped inbox/$sample.csv; results appear as outbox/$sample.scored.csv and outbox/$sample.manifest.json"
exec "$bin" run
