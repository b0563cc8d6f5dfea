import {access, readFile, rename, rm} from 'node:fs/promises';
import path from 'node:path';
import {SongreelInputError} from '../problems/problem.ts';
import type {C2paManifestDefinition} from './build-c2pa-manifest.ts';
import {deliveryMessages as m} from './messages.ts';

/** The package, loaded only when asked: it is optional (its install script fetches a binary from GitHub; see README). */
const C2PA_PACKAGE = '@contentauth/c2pa-node';

type C2paNode = {
	Builder: {withJson: (json: unknown) => {sign: (signer: unknown, input: {path: string}, output: {path: string}) => Buffer}};
	LocalSigner: {newSigner: (certificate: Buffer, privateKey: Buffer, algorithm: string, tsaUrl?: string) => unknown};
	Reader: {fromAsset: (asset: {path: string}) => Promise<{json: () => {active_manifest: string; manifests: Record<string, {assertions: {label: string; data: unknown}[]; ingredients: {title: string; metadata?: Record<string, string>}[]; signature_info?: {common_name?: string; issuer?: string}}>; validation_status?: {code: string}[]}} | null>};
};

/** What reading the signed video back found. */
export type C2paReadBack = {
	readonly activeManifest: string;
	readonly digitalSourceTypes: readonly string[];
	readonly ingredients: readonly {readonly title: string; readonly metadata: Readonly<Record<string, string>>}[];
	readonly signer: string | null;
	/** Validation codes that are not successes, e.g. `signingCredential.untrusted` for a local test certificate. */
	readonly validationStatus: readonly string[];
};

const loadC2pa = async (): Promise<C2paNode> => {
	try {
		return (await import(C2PA_PACKAGE)) as C2paNode;
	} catch {
		throw new SongreelInputError([{file: 'command line', path: '--c2pa-cert', message: `C2PA signing needs the optional package ${C2PA_PACKAGE}, which is not installed`, fix: `install it with SKIP_BINARY_DOWNLOAD=1 npm install --no-save ${C2PA_PACKAGE}@0.8.0 (its npm package carries the Linux/macOS binaries; the variable stops its install script fetching one from GitHub)`}]);
	}
};

/** Reads a video's C2PA manifest store back; null when it has none. */
export const readC2pa = async (videoPath: string): Promise<C2paReadBack | null> => {
	const c2pa = await loadC2pa();
	const reader = await c2pa.Reader.fromAsset({path: videoPath});
	if (reader === null) {
		return null;
	}
	const store = reader.json();
	const active = store.manifests[store.active_manifest];
	const actions = active?.assertions.filter((a) => a.label.startsWith('c2pa.actions')).flatMap((a) => (a.data as {actions?: {digitalSourceType?: string}[]}).actions ?? []) ?? [];
	return {
		activeManifest: store.active_manifest,
		digitalSourceTypes: actions.flatMap((action) => (action.digitalSourceType === undefined ? [] : [action.digitalSourceType])),
		ingredients: (active?.ingredients ?? []).map((ingredient) => ({title: ingredient.title, metadata: ingredient.metadata ?? {}})),
		signer: active?.signature_info?.common_name ?? null,
		validationStatus: (store.validation_status ?? []).map((status) => status.code),
	};
};

/**
 * Embeds a signed C2PA manifest in an MP4 (replaced atomically) with the signer's PEM certificate chain (leaf first) and
 * PKCS#8 private key, then reads it back. Call it last: the manifest hashes the file, so any later re-mux breaks it.
 */
export const signVideoWithC2pa = async ({videoPath, manifest, certificatePath, privateKeyPath, algorithm = 'es256'}: {readonly videoPath: string; readonly manifest: C2paManifestDefinition; readonly certificatePath: string; readonly privateKeyPath: string; readonly algorithm?: 'es256' | 'es384' | 'ps256' | 'ed25519'}): Promise<C2paReadBack> => {
	for (const file of [certificatePath, privateKeyPath]) {
		try {
			await access(file);
		} catch {
			throw new SongreelInputError([m.missingCertificate(file)]);
		}
	}
	const c2pa = await loadC2pa();
	const signer = c2pa.LocalSigner.newSigner(await readFile(certificatePath), await readFile(privateKeyPath), algorithm);
	const temporary = path.join(path.dirname(videoPath), `${path.basename(videoPath)}.tmp-c2pa-${process.pid}.mp4`);
	try {
		c2pa.Builder.withJson(manifest).sign(signer, {path: videoPath}, {path: temporary});
		await rename(temporary, videoPath);
	} finally {
		await rm(temporary, {force: true});
	}
	const readBack = await readC2pa(videoPath);
	if (readBack === null) {
		throw new Error(`signed ${videoPath} but found no C2PA manifest in it`);
	}
	return readBack;
};
