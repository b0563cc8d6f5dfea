/**
 * The watchdog, as plain JavaScript for `node -e` (no TypeScript loader to start: it runs in ~30 ms).
 * It is started detached, in its own session, so a SIGKILL of the render does not reach it. Every
 * 200 ms it checks the render's pid; once the render is gone it SIGKILLs every process that still
 * carries the render's run id in its environment (the browser and its helpers, ffmpeg, chunk workers:
 * they inherited it), removes the render's private temp folder, and exits. Linux reads environments
 * from /proc; elsewhere only the folder is removed.
 */
export const WATCHDOG_SOURCE = String.raw`
const fs = require('node:fs');
const [parentPid, runId, folder] = process.argv.slice(1);
const marker = 'SONGREEL_RUN_ID=' + runId;
// A killed process stays a zombie until its parent reaps it; that is dead enough.
const zombie = (pid) => { try { const stat = fs.readFileSync('/proc/' + pid + '/stat', 'latin1'); return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z'; } catch { return false; } };
const alive = (pid) => { try { process.kill(pid, 0); return !zombie(pid); } catch (error) { return error.code === 'EPERM'; } };
const carriers = () => {
	let pids = [];
	try { pids = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number); } catch { return []; }
	return pids.filter((pid) => {
		if (pid === process.pid) return false;
		try { return fs.readFileSync('/proc/' + pid + '/environ', 'latin1').split('\0').includes(marker); } catch { return false; }
	});
};
const sweep = () => {
	for (let round = 0; round < 5; round++) {
		const left = carriers();
		if (left.length === 0) break;
		for (const pid of left) { try { process.kill(pid, 'SIGKILL'); } catch {} }
		const until = Date.now() + 100; while (Date.now() < until) {}
	}
	// Chrome may still be flushing its profile when killed: try the removal a few times.
	for (let round = 0; round < 5 && fs.existsSync(folder); round++) {
		try { fs.rmSync(folder, {recursive: true, force: true}); } catch {}
	}
};
const timer = setInterval(() => {
	if (!alive(Number(parentPid))) { clearInterval(timer); sweep(); process.exit(0); }
}, 200);
`;
