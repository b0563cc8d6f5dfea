/** Message texts of generation from the edit; tests assert through these functions. */

const q = (text: string): string => JSON.stringify(text);
const typeName = (type: string): string => ({png: 'PNG', jpeg: 'JPEG', webp: 'WebP'})[type] ?? type;
const s = (seconds: number): string => `${seconds.toFixed(2)} s`;

export const generationMessages = {
	unknownShotListShot: (id: string, known: readonly string[]) => `shot ${q(id)} is not in the shot list${known.length > 0 ? ` (its shots: ${known.join(', ')})` : ' (there is no shot list, or it has no shots)'}`,
	unknownShotListShotFix: () => 'add it to remotion/shots.ts or write the prompt here with "prompt"',
	unknownCharacter: (name: string, known: readonly string[]) => `character ${q(name)} is not in the shot list's style bible (known: ${known.join(', ') || 'none'})`,
	slotTooLong: (wantedInSeconds: number, provider: string, longestInSeconds: number) => `the slot needs ${s(wantedInSeconds)} of clip; ${provider} makes at most ${longestInSeconds} s`,
	shotLongerThanProvider: (shot: string, wantedInSeconds: number, provider: string, longestInSeconds: number) => `shot ${q(shot)} asks ${wantedInSeconds} s; ${provider} makes at most ${longestInSeconds} s, so its takes are ${longestInSeconds} s (split the shot in two for more)`,
	slotTooLongFix: () => 'split the shot in two, or set onShortClip to "loop", "freeze" or "slow" to stretch the longest take',
	noSizeForAspect: (provider: string, width: number, height: number, sizes: readonly string[]) => `${provider} makes no clip in the video's aspect (${width}x${height}); it makes ${sizes.join(', ')}`,
	noSizeForAspectFix: () => 'use a provider or model with that aspect, or change the video\'s size',
	noImageInput: (provider: string) => `${provider} takes no image input, which this shot needs`,
	noImageInputFix: () => 'use --provider offline, openai, runway, veo or replicate, or drop referenceImage/continueFrom',
	referenceImageType: (image: string, provider: string, types: readonly string[]) => `${provider} takes ${types.map(typeName).join(', ')} start images, not ${q(image)}`,
	referenceImageTypeFix: (image: string, types: readonly string[]) => `save it as ${types.map(typeName).join(' or ')} and name that file, e.g. ffmpeg -i public/${image} public/${image.replace(/\.[^./]*$/, '')}.${types[0] === 'jpeg' ? 'jpg' : types[0]}`,
	referenceImageNotOfItsType: (image: string, type: string) => `${q(image)} is not a ${typeName(type)} image (its first bytes are not a ${typeName(type)}'s)`,
	referenceImageNotOfItsTypeFix: () => 'the file is damaged, or another kind of file under this name (a web page saved as an image?): export the image again',
	referenceImageUnreadable: (image: string, reason: string) => `${q(image)} cannot be read (${reason})`,
	referenceImageMissing: (image: string) => `no file ${q(image)} under public/`,
	referenceImageMissingFix: () => 'a start image is a path under public/ (e.g. "refs/start.png"); "songreel last-frame <take> --out public/refs/start.png" writes one from a take',
	shotListImage: (shot: string, problem: string) => `the start image of shot-list shot ${q(shot)}: ${problem}`,
	continueFromFirstShot: () => 'the first shot of the video has no previous shot to continue from',
	continueFromNoClip: (previous: string, kind: string) => `continues from the previous shot (${previous}), which shows ${kind}, not a clip`,
	idSharedByDifferentSlots: (id: string, first: string) => `shot id ${q(id)} is also used by ${first}, which needs a different clip (length, size or prompt)`,
	idSharedByDifferentSlotsFix: () => 'give each slot its own generate.id, or leave it out (default <video>-<section>-<n>)',
	waitsForPick: (previous: string) => `waits for a pick of ${q(previous)}`,
};
