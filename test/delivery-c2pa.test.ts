import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {buildC2paManifest, DIGITAL_SOURCE_TYPES} from '../src/delivery/build-c2pa-manifest.ts';
import {buildCredits} from '../src/delivery/build-credits.ts';
import {deliveryMessages as m} from '../src/delivery/messages.ts';
import {signVideoWithC2pa} from '../src/delivery/sign-c2pa.ts';
import {formatProblem} from '../src/problems/problem.ts';
import type {Registry, Take} from '../src/takes/take-schema.ts';
import {demoTimeline} from './demo-facts.ts';

const take = (id: string, file: string): Take => ({
	id, shotId: id.split('/')[0] as string, provider: 'openai', model: 'sora-2', prompt: 'p', params: {lengthInSeconds: 6, size: '960x540', seed: 1, referenceImage: null},
	idempotencyKey: id, attempt: 1, jobId: null, status: 'complete', progress: 100, estimatedCostUsd: 0.5, costUsd: 0.5, createdAt: '', submittedAt: null, completedAt: null,
	file, sha256: null, facts: null, rating: null, rejectedReason: null, error: null, qc: null,
});
const registry: Registry = {version: 1, projectKey: 'k', picks: {}, takes: [take('bridge-sunrise/t2', 'takes/bridge-sunrise/t2.mp4'), take('outro-skyline/t1', 'takes/outro-skyline/t1.mp4')], ledger: []};
const manifest = buildC2paManifest({credits: buildCredits({timeline: demoTimeline(), registry}), title: 'DemoVideo.mp4', version: '0.1.0'});

// The package is optional: its install script downloads a binary from GitHub (see README, Delivery).
const c2paInstalled = await import('@contentauth/c2pa-node' as string).then(() => true, () => false);

describe('the C2PA manifest', () => {
	test('states the video is a composite with AI-generated media and lists each take as an ingredient', () => {
		expect(manifest.assertions).toEqual([{label: 'c2pa.actions.v2', data: {actions: [{action: 'c2pa.created', softwareAgent: {name: 'songreel', version: '0.1.0'}, digitalSourceType: DIGITAL_SOURCE_TYPES.compositeWithTrainedAlgorithmicMedia}]}}]);
		expect(manifest.ingredients.map((i) => [i.title, i.metadata.provider, i.metadata.model, i.metadata.takeId])).toEqual([
			['bridge-sunrise/t2', 'openai', 'sora-2', 'bridge-sunrise/t2'],
			['outro-skyline/t1', 'openai', 'sora-2', 'outro-skyline/t1'],
		]);
	});

	test('claims no AI source when no take was generated', () => {
		const plain = buildC2paManifest({credits: buildCredits({timeline: demoTimeline(), registry: {...registry, takes: []}}), title: 'x.mp4', version: '0.1.0'});
		expect(JSON.stringify(plain.assertions)).not.toContain('digitalSourceType');
		expect(plain.ingredients).toEqual([]);
	});
});

describe.skipIf(!c2paInstalled)('signing and reading back (needs @contentauth/c2pa-node)', () => {
	let dir = '';
	beforeAll(async () => {
		dir = await mkdtemp(path.join(os.tmpdir(), 'songreel-c2pa-'));
		// A LOCAL TEST certificate chain, made here: a CA and an ES256 signer it issued. Never trusted by any validator.
		const run = (args: string[]): void => void execFileSync('openssl', args, {cwd: dir, stdio: 'pipe'});
		await writeFile(path.join(dir, 'ca.cnf'), '[req]\ndistinguished_name=dn\n[dn]\n[v3]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n');
		await writeFile(path.join(dir, 'leaf.ext'), 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=emailProtection\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid,issuer\n');
		run(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca.key']);
		run(['req', '-new', '-x509', '-key', 'ca.key', '-subj', '/CN=songreel LOCAL TEST CA/O=songreel test', '-days', '30', '-config', 'ca.cnf', '-extensions', 'v3', '-out', 'ca.pem']);
		run(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'leaf.key']);
		run(['pkcs8', '-topk8', '-nocrypt', '-in', 'leaf.key', '-out', 'leaf.pk8']);
		run(['req', '-new', '-key', 'leaf.key', '-subj', '/CN=songreel LOCAL TEST signer/O=songreel test', '-out', 'leaf.csr']);
		run(['x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '30', '-extfile', 'leaf.ext', '-out', 'leaf.pem']);
		execFileSync('sh', ['-c', 'cat leaf.pem ca.pem > chain.pem'], {cwd: dir});
		expect(spawnSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=black:s=64x36:r=30:d=2', '-f', 'lavfi', '-i', 'sine=d=2', '-c:v', 'libx264', '-c:a', 'aac', '-shortest', path.join(dir, 'video.mp4')]).status).toBe(0);
	});
	afterAll(async () => {
		await rm(dir, {recursive: true, force: true});
	});

	test('embeds the manifest signed with a local test certificate and reads it back', async () => {
		const video = path.join(dir, 'video.mp4');
		const readBack = await signVideoWithC2pa({videoPath: video, manifest, certificatePath: path.join(dir, 'chain.pem'), privateKeyPath: path.join(dir, 'leaf.pk8')});
		expect(readBack.digitalSourceTypes).toEqual([DIGITAL_SOURCE_TYPES.compositeWithTrainedAlgorithmicMedia]);
		expect(readBack.ingredients.map((i) => [i.title, i.metadata.provider, i.metadata.model])).toEqual([
			['bridge-sunrise/t2', 'openai', 'sora-2'],
			['outro-skyline/t1', 'openai', 'sora-2'],
		]);
		expect(readBack.signer).toBe('songreel LOCAL TEST signer');
		// The signature and hashes validate; only the trust in a test certificate fails, as it should.
		expect(readBack.validationStatus).toEqual(['signingCredential.untrusted']);
		const streams = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type', '-of', 'csv=p=0', video], {encoding: 'utf8'}).stdout.trim().split('\n');
		expect(streams.sort()).toEqual(['audio', 'video']);
	});
});

describe('signing input', () => {
	test('refuses a missing certificate with one line', async () => {
		await expect(signVideoWithC2pa({videoPath: '/nonexistent.mp4', manifest, certificatePath: '/nonexistent/chain.pem', privateKeyPath: '/nonexistent/key.pem'})).rejects.toThrow(formatProblem(m.missingCertificate('/nonexistent/chain.pem')));
	});
});

describe('--c2pa-cert and --c2pa-key', () => {
	test('go together', async () => {
		const {parseC2paOptions} = await import('../src/delivery/loudness-options.ts');
		expect(parseC2paOptions({})).toBeNull();
		expect(parseC2paOptions({cert: 'c.pem', key: 'k.pem'})).toEqual({certificatePath: 'c.pem', privateKeyPath: 'k.pem'});
		expect(() => parseC2paOptions({cert: 'c.pem'})).toThrow(formatProblem(m.c2paNeedsBoth()));
	});
});
