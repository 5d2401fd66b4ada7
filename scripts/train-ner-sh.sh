#!/usr/bin/env bash
# Trains the Serbo-Croatian NER model shipped as crates/analyse/data/ner-sh.bin.gz: one model for
# Serbian, Croatian, Bosnian and Montenegrin, whose news shares its names, morphology and most
# words (the tagger reads Cyrillic in Latin letters, see analyse::names::latin_word).
# Gold: UNER Croatian-SET and Serbian-SET train (SETimes news, CC BY-SA 4.0). Their dev splits
# are only reported; they choose nothing. The settings are the English model's
# (scripts/train-ner.sh), untuned here; the word lists the features read are English ones and
# count for what they are worth.
# Usage: scripts/train-ner-sh.sh [SHARED_DIR] [OUT]   (SHARED_DIR defaults to ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
out=${2:-crates/analyse/data/ner-sh.bin.gz}
ner=$shared/data/ner
cargo build --release -p analyse --example train_ner
./target/release/examples/train_ner \
  --train "$ner/uner-hr-set/hr_set-ud-train.iob2" \
  --train "$ner/uner-sr-set/sr_set-ud-train.iob2" \
  --dev "$ner/uner-sr-set/sr_set-ud-dev.iob2" \
  --epochs "${EPOCHS:-8}" --min-count "${MIN_COUNT:-2}" --prune "${PRUNE:-0.5}" \
  --upper "${UPPER:-4}" --runs "${RUNS:-20}" \
  --out "$out" \
  --report "$ner/uner-sr-set/sr_set-ud-dev.iob2" \
  --report "$ner/uner-hr-set/hr_set-ud-dev.iob2"
