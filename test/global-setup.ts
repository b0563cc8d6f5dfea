import {execFileSync} from 'node:child_process';

// The end-to-end tests render the demo project; make its song and clips once (a no-op when they exist).
export default function setup(): void {
	execFileSync(process.execPath, ['--import', 'tsx', 'scripts/make-demo-assets.ts'], {stdio: 'inherit'});
}
