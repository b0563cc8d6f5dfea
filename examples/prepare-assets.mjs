#!/usr/bin/env node
// Fills an example's public/ from songreel's offline demo: the first seconds of the demo song, its lyrics up to
// there, and some of its clips. Makes the demo assets in the checkout first when they are missing.
// Usage (from an example): node ../prepare-assets.mjs <seconds> <clip> [<clip> …]
import {execFileSync} from 'node:child_process';
import {copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';

const [secondsArg, ...clips] = process.argv.slice(2);
const seconds = Number(secondsArg);
if (!(seconds > 0) || clips.length === 0) {
	console.error('usage: node ../prepare-assets.mjs <seconds> <clip> [<clip> …]');
	process.exit(1);
}
const checkout = path.resolve(import.meta.dirname, '..');
const demo = path.join(checkout, 'public/demo');
if (!existsSync(path.join(demo, 'song.wav')) || clips.some((clip) => !existsSync(path.join(demo, 'clips', clip)))) {
	console.log('making the demo song and clips in the checkout (npm run demo:assets)…');
	execFileSync('npm', ['run', 'demo:assets'], {cwd: checkout, stdio: 'inherit'});
}
const publicDir = path.resolve('public');
mkdirSync(path.join(publicDir, 'clips'), {recursive: true});
for (const clip of clips) {
	copyFileSync(path.join(demo, 'clips', clip), path.join(publicDir, 'clips', clip));
}
// The song cut to length with Remotion's ffmpeg (the example's own install).
const require = createRequire(path.resolve('package.json'));
const ffmpeg = path.join(path.dirname(require.resolve(`@remotion/compositor-linux-${process.arch}-gnu/package.json`)), 'ffmpeg');
execFileSync(ffmpeg, ['-v', 'error', '-y', '-i', path.join(demo, 'song.wav'), '-t', String(seconds), '-c:a', 'pcm_s16le', path.join(publicDir, 'song.wav')]);
// Lyric lines that start before the cut and end at least half a second before it.
const lines = readFileSync(path.join(demo, 'lyrics.lrc'), 'utf8').split('\n');
const timeOf = (tag) => Number(tag.slice(1, 3)) * 60 + Number(tag.slice(4, 9));
const kept = lines.filter((line) => {
	const tags = line.match(/[[<]\d\d:\d\d\.\d\d[\]>]/g);
	return !tags || timeOf(tags[tags.length - 1]) < seconds - 0.5;
});
writeFileSync(path.join(publicDir, 'lyrics.lrc'), kept.map((line) => (line.startsWith('[length:') ? `[length:00:${seconds.toFixed(2).padStart(5, '0')}]` : line)).join('\n'));
console.log(`public/: song.wav (${seconds} s), lyrics.lrc, ${clips.length} clips`);
