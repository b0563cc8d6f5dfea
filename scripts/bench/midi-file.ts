/** A MIDI event at an absolute tick. */
export type MidiEvent =
	| {readonly tick: number; readonly type: 'note'; readonly channel: number; readonly note: number; readonly velocity: number; readonly durationInTicks: number}
	| {readonly tick: number; readonly type: 'tempo'; readonly bpm: number}
	| {readonly tick: number; readonly type: 'meter'; readonly beatsPerBar: number}
	| {readonly tick: number; readonly type: 'program'; readonly channel: number; readonly program: number};

const variableLength = (value: number): number[] => {
	const bytes = [value & 0x7f];
	let rest = value >>> 7;
	while (rest > 0) {
		bytes.unshift((rest & 0x7f) | 0x80);
		rest >>>= 7;
	}
	return bytes;
};

/** Writes a format-0 Standard MIDI File: everything on one track, `ticksPerBeat` ticks a quarter note. */
export const writeMidiFile = (events: readonly MidiEvent[], ticksPerBeat: number): Buffer => {
	const raw: {tick: number; order: number; bytes: number[]}[] = [];
	for (const event of events) {
		switch (event.type) {
			case 'tempo': {
				const microseconds = Math.round(60_000_000 / event.bpm);
				raw.push({tick: event.tick, order: 0, bytes: [0xff, 0x51, 0x03, (microseconds >> 16) & 0xff, (microseconds >> 8) & 0xff, microseconds & 0xff]});
				break;
			}
			case 'meter':
				raw.push({tick: event.tick, order: 0, bytes: [0xff, 0x58, 0x04, event.beatsPerBar, 2, 24, 8]});
				break;
			case 'program':
				raw.push({tick: event.tick, order: 1, bytes: [0xc0 | event.channel, event.program]});
				break;
			case 'note':
				raw.push({tick: event.tick, order: 3, bytes: [0x90 | event.channel, event.note, event.velocity]});
				raw.push({tick: event.tick + event.durationInTicks, order: 2, bytes: [0x80 | event.channel, event.note, 0]});
				break;
		}
	}
	raw.sort((a, b) => a.tick - b.tick || a.order - b.order);
	const track: number[] = [];
	let last = 0;
	for (const event of raw) {
		track.push(...variableLength(event.tick - last), ...event.bytes);
		last = event.tick;
	}
	track.push(0, 0xff, 0x2f, 0);
	const header = Buffer.alloc(14);
	header.write('MThd', 0, 'ascii');
	header.writeUInt32BE(6, 4);
	header.writeUInt16BE(0, 8);
	header.writeUInt16BE(1, 10);
	header.writeUInt16BE(ticksPerBeat, 12);
	const trackHeader = Buffer.alloc(8);
	trackHeader.write('MTrk', 0, 'ascii');
	trackHeader.writeUInt32BE(track.length, 4);
	return Buffer.concat([header, trackHeader, Buffer.from(track)]);
};
