#!/usr/bin/env bash
# Trains the English NER model shipped as crates/analyse/data/ner-en.bin.gz.
# Usage: scripts/train-ner.sh [SHARED_DIR] [OUT]   (SHARED_DIR defaults to ../shared)
# Sources and licences: crates/analyse/data/README.md. Takes well under a minute on 2 cores
# once built. Test splits are only reported, never trained on.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
out=${2:-crates/analyse/data/ner-en.bin.gz}
ner=$shared/data/ner
cargo build --release -p analyse --example train_ner
./target/release/examples/train_ner \
  --train "$ner/gum-en/gum-en-train.iob2" \
  --train "$ner/gum-en/gum-en-dev.iob2" \
  --train "$ner/uner-en-ewt/en_ewt-ud-dev.iob2" \
  --train "$ner/wikiann-en/train@2" \
  --dev "$ner/wikiann-en/dev@4" \
  --epochs "${EPOCHS:-8}" --min-count "${MIN_COUNT:-1}" --prune "${PRUNE:-0.5}" \
  --out "$out" \
  --report "$ner/gum-en/gum-en-test.iob2" \
  --report "$ner/uner-en-ewt/en_ewt-ud-test.iob2" \
  --report "$ner/wikiann-en/test"
