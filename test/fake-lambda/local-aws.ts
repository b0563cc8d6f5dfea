import {type ChildProcess, spawn, spawnSync} from 'node:child_process';
import {createServer} from 'node:net';
import {type LambdaGateway, startLambdaGateway} from './lambda-gateway.ts';

/** Why moto cannot be started here (python3 cannot import its server), or null when it can. */
export const motoProblem = (): string | null => {
	const check = spawnSync('python3', ['-c', 'import moto.server, flask'], {encoding: 'utf8'});
	if (check.status === 0) {
		return null;
	}
	const reason = (check.stderr || check.error?.message || '').trim().split('\n').at(-1);
	return `python3 cannot import moto's server (${reason}); install it with "pip install 'moto[server]'"`;
};

const freePort = (): Promise<number> =>
	new Promise((resolve, reject) => {
		const server = createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const {port} = server.address() as {port: number};
			server.close(() => resolve(port));
		});
	});

/** The account moto answers as, and the keys it takes (it checks no signature). */
const TEST_KEYS = {AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing'};

export type LocalAws = {
	readonly motoUrl: string;
	readonly gateway: LambdaGateway;
	/** What `songreel render --lambda` needs to render here instead of in AWS. */
	readonly env: Record<string, string>;
	/**
	 * README's one-time setup, against moto: the role Remotion's function runs as, then `deployFunction` (what
	 * "npx remotion lambda functions deploy" calls) with an empty stand-in for Remotion's Chromium layer, which moto
	 * does not have. Uses the AWS SDK in this process, so `env` must be in process.env. Returns the function's name.
	 */
	readonly deployRenderFunction: (options?: {timeoutInSeconds?: number}) => Promise<string>;
	readonly close: () => Promise<void>;
};

/** Starts moto on 127.0.0.1 and the gateway that runs Remotion's Lambda handler in front of it. */
export const startLocalAws = async ({region, tmpRoot, chromiumPath}: {region: string; tmpRoot: string; chromiumPath: string}): Promise<LocalAws> => {
	const port = await freePort();
	const moto: ChildProcess = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {stdio: 'ignore'});
	const motoUrl = `http://127.0.0.1:${port}`;
	for (let tries = 0; ; tries++) {
		try {
			if ((await fetch(`${motoUrl}/moto-api/`)).ok) {
				break;
			}
		} catch {
			if (tries > 150 || moto.exitCode !== null) {
				moto.kill('SIGTERM');
				throw new Error(`moto did not start on ${motoUrl}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}
	const gateway = await startLambdaGateway({motoUrl, chromiumPath, tmpRoot, env: {...process.env, ...TEST_KEYS}});
	const env = {...TEST_KEYS, REMOTION_AWS_REGION: region, AWS_REGION: region, AWS_ENDPOINT_URL: gateway.url};
	return {
		motoUrl,
		gateway,
		env,
		deployRenderFunction: async ({timeoutInSeconds = 120} = {}) => {
			const {IAMClient, CreateRoleCommand} = await import('@aws-sdk/client-iam');
			const {LambdaClient, PublishLayerVersionCommand} = await import('@aws-sdk/client-lambda');
			const {deployFunction} = await import('@remotion/lambda');
			try {
				await new IAMClient({region}).send(new CreateRoleCommand({RoleName: 'remotion-lambda-role', AssumeRolePolicyDocument: JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Allow', Principal: {Service: 'lambda.amazonaws.com'}, Action: 'sts:AssumeRole'}]})}));
			} catch (error) {
				if ((error as {name?: string}).name !== 'EntityAlreadyExistsException') {
					throw error;
				}
			}
			const emptyZip = Buffer.from('UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==', 'base64');
			const layer = await new LambdaClient({region}).send(new PublishLayerVersionCommand({LayerName: 'chromium-stand-in', Content: {ZipFile: new Uint8Array(emptyZip)}}));
			const {functionName} = await deployFunction({region: region as Parameters<typeof deployFunction>[0]['region'], timeoutInSeconds, memorySizeInMb: 2048, createCloudWatchLogGroup: true, customLayerArns: [layer.LayerVersionArn as string]});
			return functionName;
		},
		close: async () => {
			await gateway.close();
			moto.kill('SIGTERM');
		},
	};
};
