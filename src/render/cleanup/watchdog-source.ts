/**
 * The watchdog, as a POSIX shell script for `sh -c` (arguments: the render's pid, its run id, its temp folder).
 * A shell, not Node: it lives as long as the render and holds about 1 MiB where a Node process held 17 MiB.
 * It is started detached, in its own session, so a SIGKILL of the render does not reach it. Every 200 ms it
 * checks the render's pid; once the render is gone it SIGKILLs every process that still carries the render's
 * run id in its environment (the browser and its helpers, ffmpeg, chunk workers: they inherited it), removes
 * the render's private temp folder, and exits. Linux reads environments from /proc (one GNU grep over all of
 * them); elsewhere only the folder is removed.
 */
export const WATCHDOG_SOURCE = `
parent=$1
marker="SONGREEL_RUN_ID=$2"
folder=$3
# A killed process stays a zombie until its parent reaps it; that is dead enough.
alive() {
	if [ -d /proc/self ]; then
		stat=
		read -r stat 2>/dev/null < "/proc/$parent/stat" || return 1
		state=\${stat##*") "}
		[ "\${state%% *}" != Z ]
	else
		kill -0 "$parent" 2>/dev/null
	fi
}
carriers() {
	[ -d /proc/self ] && grep -lzxF -e "$marker" /proc/[0-9]*/environ 2>/dev/null | sed 's|^/proc/||; s|/environ$||'
}
while alive; do sleep 0.2; done
round=0
while [ $round -lt 5 ]; do
	left=$(carriers)
	[ -z "$left" ] && break
	kill -9 $left 2>/dev/null
	sleep 0.1
	round=$((round + 1))
done
# Chrome may still be flushing its profile when killed: try the removal a few times.
round=0
while [ $round -lt 5 ] && [ -e "$folder" ]; do
	rm -rf "$folder" 2>/dev/null
	round=$((round + 1))
done
`;
