/** Whether a process with this id is running (signal 0 tests without sending; EPERM means it runs as someone else). */
export const pidAlive = (pid: number): boolean => {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error instanceof Error && 'code' in error && error.code === 'EPERM';
	}
};
