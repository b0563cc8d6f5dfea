/** Seconds as m:ss, for times left and wall times. */
export const formatClock = (seconds: number): string => {
	const whole = Math.max(0, Math.round(seconds));
	return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
};

/** Bytes as a short human size. */
export const formatBytes = (bytes: number): string => {
	if (bytes < 1024 * 1024) {
		return `${(bytes / 1024).toFixed(0)} KiB`;
	}
	return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
};

/**
 * One progress line: a bar, frames done of total, frames per second and the time left; or, for work that is not
 * counted in frames (deploying a site, downloading a file), the bar, the percentage (`done` of `total`) and the time left.
 */
export const formatProgressLine = ({label, done, total, elapsedInSeconds, unit = 'frames', width = 28}: {label: string; done: number; total: number; elapsedInSeconds: number; unit?: 'frames' | 'percent'; width?: number}): string => {
	const fraction = total === 0 ? 1 : Math.min(1, done / total);
	const filled = Math.round(fraction * width);
	const rate = elapsedInSeconds > 0 ? done / elapsedInSeconds : 0;
	const left = rate > 0 ? formatClock((total - done) / rate) : '?';
	const bar = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
	if (unit === 'percent') {
		return `${bar} ${Math.floor(fraction * 100)}%  ${left} left`;
	}
	return `${bar} ${done}/${total} frames  ${rate.toFixed(1)} fps  ${left} left`;
};
