import { describe, expect, it } from 'vitest';
import {
	applyComfortForm,
	colorScheme,
	comfortClasses,
	DEFAULT_COMFORT,
	parseComfort,
	safeReturnPath,
	serializeComfort
} from '../../src/lib/comfort.ts';

describe('parseComfort', () => {
	it('gives the defaults without a cookie', () => {
		expect(parseComfort(undefined)).toEqual(DEFAULT_COMFORT);
		expect(parseComfort('')).toEqual(DEFAULT_COMFORT);
	});

	it('reads every setting', () => {
		expect(parseComfort('text=larger&spacing=relaxed&theme=dark&motion=reduce')).toEqual({
			text: 'larger',
			spacing: 'relaxed',
			theme: 'dark',
			motion: 'reduce'
		});
	});

	it('falls back to the default for anything unknown, setting by setting', () => {
		expect(parseComfort('text=huge&theme=dark&colour=red')).toEqual({
			...DEFAULT_COMFORT,
			theme: 'dark'
		});
		expect(parseComfort('%%%garbage;;')).toEqual(DEFAULT_COMFORT);
	});

	it('round-trips what it serializes, keeping only what differs from the defaults', () => {
		const settings = { ...DEFAULT_COMFORT, text: 'large', motion: 'reduce' } as const;
		expect(serializeComfort(settings)).toBe('text=large&motion=reduce');
		expect(parseComfort(serializeComfort(settings))).toEqual(settings);
		expect(serializeComfort(DEFAULT_COMFORT)).toBe('');
	});
});

describe('applyComfortForm', () => {
	const form = (fields: [string, string][]) => new URLSearchParams(fields);

	it('takes the posted settings and keeps the ones left out', () => {
		const current = { ...DEFAULT_COMFORT, spacing: 'relaxed' } as const;
		expect(
			applyComfortForm(
				current,
				form([
					['text', 'larger'],
					['theme', 'light']
				])
			)
		).toEqual({
			ok: true,
			settings: { ...current, text: 'larger', theme: 'light' }
		});
	});

	it('refuses an unknown value, naming the setting and its choices', () => {
		const result = applyComfortForm(
			DEFAULT_COMFORT,
			form([
				['text', 'huge'],
				['theme', 'dark']
			])
		);
		expect(result).toEqual({
			ok: false,
			message:
				'Text size cannot be “huge”: choose one of normal, large, larger. Nothing was changed.'
		});
	});

	it('refuses a setting given twice', () => {
		const result = applyComfortForm(
			DEFAULT_COMFORT,
			form([
				['theme', 'dark'],
				['theme', 'light']
			])
		);
		expect(result.ok).toBe(false);
	});

	it('ignores fields that are not settings (the page to go back to)', () => {
		expect(applyComfortForm(DEFAULT_COMFORT, form([['return', '/join']]))).toEqual({
			ok: true,
			settings: DEFAULT_COMFORT
		});
	});
});

describe('what the page gets', () => {
	it('has a class for each setting that is not the default', () => {
		expect(comfortClasses(DEFAULT_COMFORT)).toEqual([]);
		expect(comfortClasses({ ...DEFAULT_COMFORT, text: 'larger', theme: 'dark' })).toEqual([
			'text-larger',
			'theme-dark'
		]);
	});

	it('supports both colour schemes when following the device', () => {
		expect(colorScheme(DEFAULT_COMFORT)).toBe('light dark');
		expect(colorScheme({ ...DEFAULT_COMFORT, theme: 'dark' })).toBe('dark');
	});
});

describe('safeReturnPath', () => {
	it('keeps paths on this site and refuses anything else', () => {
		expect(safeReturnPath('/modules/x?review=q1')).toBe('/modules/x?review=q1');
		for (const bad of [
			'//evil.example',
			'/\\evil.example',
			'https://evil.example',
			null,
			'/a\nb'
		]) {
			expect(safeReturnPath(bad)).toBe('/');
		}
	});
});
