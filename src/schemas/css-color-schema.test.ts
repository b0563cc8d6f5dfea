import {describe, expect, test} from 'vitest';
import {cssColorSchema, isCssColor} from './css-color-schema.ts';
import {specMessages} from './messages.ts';

describe('CSS colours', () => {
	test.each(['black', 'White', 'rebeccapurple', 'transparent', '#fff', '#ffff', '#a1b2c3', '#a1b2c3d4', 'rgb(1, 2, 3)', 'rgba(1,2,3,0.5)', 'rgb(10% 20% 30% / 50%)', 'hsl(120, 50%, 50%)', 'hsla(120deg 50% 50% / 0.2)', 'rgba(0,0,0)'])('accepts %s', (color) => {
		expect(isCssColor(color)).toBe(true);
	});

	test.each(['banana', '#12345', '#1234567', '#ggg', 'rgb(1, 2)', 'rgba(0,0,0,0,0)', 'hsl(10, 20, 30)', '', 'currentColor', 'red blue'])('refuses %j', (color) => {
		expect(isCssColor(color)).toBe(false);
	});

	test('says what a colour may be and quotes what was written', () => {
		const result = cssColorSchema.safeParse('banana');
		expect(result.success).toBe(false);
		expect(result.error?.issues[0]?.message).toBe(specMessages.notAColor('banana'));
	});
});
