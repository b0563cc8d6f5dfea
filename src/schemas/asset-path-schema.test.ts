import {describe, expect, test} from 'vitest';
import {staysInsidePublic} from './asset-path-schema.ts';

describe('asset paths', () => {
	test.each(['song.wav', 'demo/clips/a.mp4', './demo/a.mp4', 'demo/../other/a.mp4', 'a..b.mp4'])('accepts %j inside public/', (file) => {
		expect(staysInsidePublic(file)).toBe(true);
	});

	test.each(['../song.wav', '/etc/passwd', 'demo/../../x.mp4', '..', '.', 'demo/..', 'C:\\clips\\a.mp4', '\\\\server\\a.mp4', 'file:///a.mp4', 'https://x.org/a.mp4', '..\\a.mp4'])('refuses %j, which leaves public/', (file) => {
		expect(staysInsidePublic(file)).toBe(false);
	});
});
