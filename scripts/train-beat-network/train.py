"""Trains songreel's beat network on the features export-features.ts wrote (tuning material only) and writes its
weights to src/music/analysis/beat-network-weights.ts for beat-network.ts's forward pass.

The network (after Davies and Böck, 2019): a convolution over three frames of the band magnitudes and their rises,
ten residual blocks of dilated convolutions (1 to 512 frames apart, about ±12 s of context at 86 frames a second),
per frame a beat and a downbeat logit, and for the whole input a tempo distribution over bins 2% apart from the mean
of the last hidden layer. Trained on random 23-second excerpts; a tenth of the grooves (every tempo of them) is kept
aside to choose the epoch. Seeded, but time-boxed: the learning rate follows the clock, so a slower machine runs fewer
epochs (the committed weights: 16 minutes, 100 epochs on 2 cores).

Usage: /usr/bin/python3 scripts/train-beat-network/train.py [--minutes 16] (Debian's python3-torch; `npm run
train:beats` installs it and runs everything)."""
import argparse
import base64
import hashlib
import json
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

ROOT = os.path.join(os.path.dirname(__file__), '..', '..')
FEATURES_DIR = os.path.join(ROOT, '.bench-cache', 'beat-network-features')
WEIGHTS_FILE = os.path.join(ROOT, 'src', 'music', 'analysis', 'beat-network-weights.ts')
SLOWEST_BPM = 40.0
TEMPO_BIN_RATIO = 1.02
TEMPO_BINS = int(math.log(250 / SLOWEST_BPM) / math.log(TEMPO_BIN_RATIO)) + 1
DILATIONS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512]
CHANNELS = 20
CROP = 2000


class Block(nn.Module):
    def __init__(self, channels, dilation):
        super().__init__()
        self.dilated = nn.Conv1d(channels, channels, 3, padding=dilation, dilation=dilation)
        self.pointwise = nn.Conv1d(channels, channels, 1)


class BeatNetwork(nn.Module):
    def __init__(self, features):
        super().__init__()
        self.stem = nn.Conv1d(features, CHANNELS, 3, padding=1)
        self.blocks = nn.ModuleList([Block(CHANNELS, d) for d in DILATIONS])
        self.head = nn.Conv1d(CHANNELS, 2, 1)
        self.tempo = nn.Conv1d(CHANNELS, TEMPO_BINS, 1)
        self.dropout = nn.Dropout(0.1)

    def forward(self, x):
        hidden = F.elu(self.stem(x))
        for block in self.blocks:
            hidden = hidden + block.pointwise(self.dropout(F.elu(block.dilated(hidden))))
        return self.head(hidden), self.tempo(hidden.mean(dim=2, keepdim=True)).squeeze(2)


def load_tracks():
    tracks = []
    # The tracks export-features.ts wrote in its last run, not whatever else the folder holds.
    with open(os.path.join(FEATURES_DIR, 'manifest.json')) as f:
        names = json.load(f)
    for meta_file in sorted(os.path.join(FEATURES_DIR, name + '.json') for name in names):
        with open(meta_file) as f:
            meta = json.load(f)
        x = np.fromfile(meta_file[:-5] + '.f32', dtype='<f4').reshape(-1, meta['features'])
        frames = x.shape[0]
        fps = meta['framesPerSecond']
        beat = np.zeros(frames, dtype=np.float32)
        downbeat = np.zeros(frames, dtype=np.float32)
        for target, times in ((beat, meta['beats']), (downbeat, meta['downbeats'])):
            for t in times:
                i = int(round(t * fps))
                for j, value in ((i - 1, 0.5), (i + 1, 0.5), (i, 1.0)):
                    if 0 <= j < frames:
                        target[j] = max(target[j], value)
        beat_frames = np.array([t * fps for t in meta['beats']])
        tracks.append({'meta': meta, 'x': x, 'beat': beat, 'downbeat': downbeat, 'beat_frames': beat_frames})
    return tracks


def tempo_target(beat_frames, start, end, fps):
    inside = beat_frames[(beat_frames >= start) & (beat_frames < end)]
    if len(inside) < 4:
        return None
    bpm = 60 * fps / np.median(np.diff(inside))
    centre = math.log(bpm / SLOWEST_BPM) / math.log(TEMPO_BIN_RATIO)
    bins = np.arange(TEMPO_BINS)
    target = np.exp(-0.5 * ((bins - centre) / 0.7) ** 2)
    return (target / target.sum()).astype(np.float32)


def augmented(x, rng, bands):
    """Louder or quieter (×¼ to ×4 in amplitude) half the time, and a quarter of the time low-passed (every band from
    one between 3 and 8 kHz up silent), as from a quiet master or an 8 kHz file; the rises are taken again."""
    magnitudes = x[:, :bands]
    if rng.random() < 0.5:
        gain = math.exp(rng.uniform(math.log(0.25), math.log(4)))
        magnitudes = np.log1p(gain * np.expm1(magnitudes))
    if rng.random() < 0.25:
        magnitudes = magnitudes.copy()
        magnitudes[:, int(rng.integers(30, 40)):] = 0
    rises = np.maximum(0, np.diff(magnitudes, axis=0, prepend=magnitudes[:1]))
    return np.concatenate([magnitudes, rises], axis=1)


def batches(tracks, rng, size, normalise, augment):
    order = rng.permutation(len(tracks))
    for start in range(0, len(order), size):
        xs, beats, downbeats, tempos = [], [], [], []
        for index in order[start:start + size]:
            track = tracks[index]
            frames = track['x'].shape[0]
            if frames <= CROP:
                continue
            begin = int(rng.integers(0, frames - CROP))
            tempo = tempo_target(track['beat_frames'], begin, begin + CROP, track['meta']['framesPerSecond'])
            if tempo is None:
                continue
            x = track['x'][begin:begin + CROP]
            if augment:
                x = augmented(x, rng, x.shape[1] // 2)
            xs.append(normalise(x).T.astype(np.float32))
            beats.append(track['beat'][begin:begin + CROP])
            downbeats.append(track['downbeat'][begin:begin + CROP])
            tempos.append(tempo)
        if xs:
            yield (torch.from_numpy(np.stack(xs)), torch.from_numpy(np.stack(beats)), torch.from_numpy(np.stack(downbeats)), torch.from_numpy(np.stack(tempos)))


def loss_of(model, batch):
    x, beat, downbeat, tempo = batch
    frames, tempo_logits = model(x)
    beat_loss = F.binary_cross_entropy_with_logits(frames[:, 0], beat)
    downbeat_loss = F.binary_cross_entropy_with_logits(frames[:, 1], downbeat)
    tempo_loss = -(tempo * F.log_softmax(tempo_logits, dim=1)).sum(dim=1).mean()
    right = (tempo_logits.argmax(dim=1) - tempo.argmax(dim=1)).abs() <= 1
    return beat_loss + downbeat_loss + 0.05 * tempo_loss, int(right.sum()), len(right)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--minutes', type=float, default=16)
    args = parser.parse_args()
    torch.manual_seed(13)
    torch.set_num_threads(os.cpu_count() or 1)
    rng = np.random.default_rng(13)
    tracks = load_tracks()
    is_validation = lambda t: int(hashlib.sha256(t['meta']['groove'].encode()).hexdigest(), 16) % 10 == 0
    train = [t for t in tracks if not is_validation(t)]
    validation = [t for t in tracks if is_validation(t)]
    stacked = np.concatenate([t['x'] for t in train])
    mean = stacked.mean(axis=0)
    deviation = stacked.std(axis=0) + 1e-3
    normalise = lambda x: (x - mean) / deviation
    print(f'{len(train)} training tracks ({len(stacked)} frames), {len(validation)} validation tracks, {TEMPO_BINS} tempo bins')
    model = BeatNetwork(stacked.shape[1])
    optimiser = torch.optim.Adam(model.parameters(), lr=2e-3)
    started = time.time()
    best = (math.inf, None)
    epoch = 0
    while time.time() - started < args.minutes * 60:
        epoch += 1
        model.train()
        progress = min(1.0, (time.time() - started) / (args.minutes * 60))
        for group in optimiser.param_groups:
            group['lr'] = 2e-3 * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * progress)))
        total, count = 0.0, 0
        for batch in batches(train, rng, 8, normalise, True):
            optimiser.zero_grad()
            loss, _, _ = loss_of(model, batch)
            loss.backward()
            optimiser.step()
            total += float(loss)
            count += 1
        model.eval()
        with torch.no_grad():
            validation_rng = np.random.default_rng(7)
            results = [loss_of(model, batch) for _ in range(3) for batch in batches(validation, validation_rng, 8, normalise, False)]
        validation_loss = sum(float(r[0]) for r in results) / len(results)
        tempo_right = sum(r[1] for r in results) / max(1, sum(r[2] for r in results))
        print(f'epoch {epoch}: training loss {total / max(1, count):.4f}, validation loss {validation_loss:.4f}, validation tempo within a bin {tempo_right:.0%}, {time.time() - started:.0f} s', flush=True)
        if validation_loss < best[0]:
            best = (validation_loss, {k: v.detach().clone() for k, v in model.state_dict().items()})
    state = best[1]
    parts = [('mean', torch.from_numpy(mean)), ('deviation', torch.from_numpy(deviation))] + list(state.items())
    shapes = {name: list(tensor.shape) for name, tensor in parts}
    data = np.concatenate([tensor.numpy().astype('<f4').ravel() for _, tensor in parts]).tobytes()
    with open(WEIGHTS_FILE, 'w') as f:
        f.write('// Written by scripts/train-beat-network/train.py (`npm run train:beats`): the beat network\'s weights, trained\n')
        f.write(f'// here on the development set\'s tuning material ({len(train)} tracks; validation loss {best[0]:.4f}). Do not edit.\n')
        f.write('export const BEAT_NETWORK_WEIGHTS = ')
        f.write(json.dumps({'slowestBpm': SLOWEST_BPM, 'tempoBinRatio': TEMPO_BIN_RATIO, 'dilations': DILATIONS, 'shapes': shapes, 'data': base64.b64encode(data).decode()}, indent='\t'))
        f.write(';\n')
    print(f'wrote {WEIGHTS_FILE} (best validation loss {best[0]:.4f})')


if __name__ == '__main__':
    main()
