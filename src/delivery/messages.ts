// Every message the delivery layer shows a person, as functions, so tests assert through them.
import type {Problem} from '../problems/problem.ts';

const COMMAND_LINE = 'command line';

export const deliveryMessages = {
	loudnessTargetOutOfRange: (value: string): Problem => ({file: COMMAND_LINE, path: '--loudness', message: `expected a target in LUFS from -70 to 0, got "${value}"`, fix: 'e.g. --loudness -14 for YouTube, -23 for EBU R128 broadcast'}),
	ceilingOutOfRange: (value: string): Problem => ({file: COMMAND_LINE, path: '--true-peak-ceiling', message: `expected a ceiling in dBTP from -20 to 0, got "${value}"`, fix: 'e.g. --true-peak-ceiling -1'}),
	ceilingWithoutTarget: (): Problem => ({file: COMMAND_LINE, path: '--true-peak-ceiling', message: 'only means something with --loudness', fix: 'add --loudness -14 (or leave the ceiling out)'}),
	silentSong: (file: string): Problem => ({file, path: '', message: 'the audio is silent (below the -70 LUFS gate), so it has no loudness to bring to a target', fix: 'render without --loudness'}),
	unknownExportFormat: (value: string): Problem => ({file: COMMAND_LINE, path: '--format', message: `unknown export format "${value}"`, fix: 'use otio, fcpxml or edl'}),
	missingExportFormat: (): Problem => ({file: COMMAND_LINE, path: '--format', message: 'is required', fix: 'use --format otio, fcpxml or edl'}),
	exportOutWithAllDeliverables: (): Problem => ({file: COMMAND_LINE, path: '--out', message: '--deliverable all writes one file a shape, and --out names one file', fix: 'leave out --out (files go to out/<id>.<deliverable>.<ext>) or name one deliverable'}),
	exportNeedsOneId: (count: number): Problem => ({file: COMMAND_LINE, path: '', message: `export takes one video id, got ${count}`, fix: 'e.g. songreel export DemoVideo --format otio'}),
	c2paNeedsBoth: (): Problem => ({file: COMMAND_LINE, path: '--c2pa-cert', message: 'C2PA signing needs both --c2pa-cert <chain.pem> and --c2pa-key <key.pem>'}),
	missingCertificate: (file: string): Problem => ({file, path: '', message: 'signing certificate or key not found', fix: 'pass a PEM certificate chain and its private key, or --c2pa-test-certificate for a local test signature'}),
	chaptersMerged: (titles: readonly string[], into: string): string => `chapters: ${titles.map((t) => `"${t}"`).join(', ')} shorter than 10 s, merged into "${into}" for YouTube`,
	tooFewChapters: (count: number): string => `chapters: YouTube shows chapters only when there are at least 3 of 10 s or more; this video has ${count}, so ${count === 1 ? 'its list' : 'the list'} will not show as chapters there`,
} as const;
