// Remotion Lambda on this machine: starts a moto server (S3, Lambda, IAM, STS, CloudWatch Logs) on 127.0.0.1 with
// the gateway that runs Remotion's Lambda handler for every invocation (test/fake-lambda), deploys the render
// function into it, and prints what to export so that `songreel render <id> --lambda` renders here instead of in AWS.
// Runs until Ctrl-C. Needs python3 with moto[server]; see README, "Rendering on Remotion Lambda".
// Usage: npm run lambda:local [-- --region us-east-1]
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {resolveBrowserExecutable} from '../src/render/resolve-browser-executable.ts';
import {motoProblem, startLocalAws} from '../test/fake-lambda/local-aws.ts';

const {values} = parseArgs({options: {region: {type: 'string', default: 'us-east-1'}}});
const problem = motoProblem();
if (problem) {
	process.stderr.write(`${problem}\n`);
	process.exit(1);
}
const chromiumPath = resolveBrowserExecutable();
if (!chromiumPath) {
	process.stderr.write('no Chromium for the functions: set SONGREEL_BROWSER_EXECUTABLE or install chromium-headless-shell\n');
	process.exit(1);
}
const tmpRoot = mkdtempSync(path.join(os.tmpdir(), 'songreel-lambda-local-'));
const aws = await startLocalAws({region: values.region, tmpRoot, chromiumPath});
Object.assign(process.env, aws.env);
const functionName = await aws.deployRenderFunction();
process.stdout.write(
	`moto on ${aws.motoUrl}, Lambda gateway on ${aws.gateway.url}, function ${functionName} deployed.\nIn another shell:\n\n` +
		`${Object.entries(aws.env)
			.map(([key, value]) => `export ${key}=${value}`)
			.join('\n')}\nsongreel render DemoVideo --lambda\n\nCtrl-C stops both (and forgets everything in them).\n`,
);
const stop = (): void => {
	void aws.close().then(() => {
		rmSync(tmpRoot, {recursive: true, force: true});
		process.exit(0);
	});
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
