/** What the benchmark needs from a Standard MIDI File: its tempo map, markers and when notes sound. */
export type MidiFacts = {
	readonly ticksPerQuarter: number;
	readonly tempos: readonly {readonly tick: number; readonly microsecondsPerQuarter: number}[];
	readonly markers: readonly {readonly tick: number; readonly text: string}[];
	readonly noteOnTicks: readonly number[];
};

/** Reads tempo, marker and note-on events from every track of a format-0 or format-1 MIDI file. */
export const readMidiFile = (bytes: Buffer): MidiFacts => {
	const ticksPerQuarter = bytes.readUInt16BE(12);
	const tempos: {tick: number; microsecondsPerQuarter: number}[] = [];
	const markers: {tick: number; text: string}[] = [];
	const noteOnTicks: number[] = [];
	let offset = 14;
	while (offset + 8 <= bytes.length) {
		const id = bytes.toString('ascii', offset, offset + 4);
		const length = bytes.readUInt32BE(offset + 4);
		const end = offset + 8 + length;
		if (id === 'MTrk') {
			let p = offset + 8;
			let tick = 0;
			let status = 0;
			const readVariable = (): number => {
				let value = 0;
				let byte: number;
				do {
					byte = bytes[p++] as number;
					value = (value << 7) | (byte & 0x7f);
				} while (byte & 0x80);
				return value;
			};
			while (p < end) {
				tick += readVariable();
				let byte = bytes[p] as number;
				if (byte & 0x80) {
					status = byte;
					p++;
				}
				if (status === 0xff) {
					const type = bytes[p++] as number;
					const size = readVariable();
					if (type === 0x51) {
						tempos.push({tick, microsecondsPerQuarter: ((bytes[p] as number) << 16) | ((bytes[p + 1] as number) << 8) | (bytes[p + 2] as number)});
					} else if (type === 0x06) {
						markers.push({tick, text: bytes.toString('latin1', p, p + size)});
					}
					p += size;
				} else if (status === 0xf0 || status === 0xf7) {
					p += readVariable();
				} else {
					const kind = status & 0xf0;
					byte = bytes[p++] as number;
					if (kind === 0xc0 || kind === 0xd0) {
						continue;
					}
					const second = bytes[p++] as number;
					if (kind === 0x90 && second > 0) {
						noteOnTicks.push(tick);
					}
				}
			}
		}
		offset = end;
	}
	const byTick = <T extends {tick: number}>(a: T, b: T): number => a.tick - b.tick;
	return {ticksPerQuarter, tempos: tempos.sort(byTick), markers: markers.sort(byTick), noteOnTicks: noteOnTicks.sort((a, b) => a - b)};
};

/** Seconds at a tick under the file's tempo map (120 bpm before the first tempo event). */
export const tickToSeconds = (facts: MidiFacts, tick: number): number => {
	let seconds = 0;
	let lastTick = 0;
	let microseconds = 500000;
	for (const tempo of facts.tempos) {
		if (tempo.tick >= tick) {
			break;
		}
		seconds += ((tempo.tick - lastTick) * microseconds) / facts.ticksPerQuarter / 1e6;
		lastTick = tempo.tick;
		microseconds = tempo.microsecondsPerQuarter;
	}
	return seconds + ((tick - lastTick) * microseconds) / facts.ticksPerQuarter / 1e6;
};
