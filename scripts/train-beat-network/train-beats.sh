#!/bin/sh
# npm run train:beats [-- --minutes 16] [-- --seeds 14,15]: renders the tuning material (the development set's tuning
# half, the extra songs, their tempo-shifted copies and the training songs; never the held-out half), writes the
# networks' input for each track, trains the ensemble of beat networks (each for --minutes) and writes
# src/music/analysis/beat-network-weights.ts.
# Installs Debian's mma, fluidsynth, the soundfonts and python3-torch when missing (as root); songreel needs none.
set -e
cd "$(dirname "$0")/../.."
if ! command -v mma >/dev/null || ! command -v fluidsynth >/dev/null || ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
	echo 'installing mma, fluidsynth, the soundfonts and python3-torch (training only)…'
	apt-get update -qq && apt-get install -y -qq mma fluidsynth fluid-soundfont-gm timgm6mb-soundfont python3-torch >/dev/null
fi
npx tsx scripts/train-beat-network/export-features.ts
/usr/bin/python3 scripts/train-beat-network/train.py "$@"
