/**
 * Reading comfort: text size, line spacing, colour theme and motion, kept in one cookie that the
 * server reads, so the page is drawn right from its first paint, with or without JavaScript.
 */

export const COMFORT_COOKIE = 'comfort';

export const COMFORT_OPTIONS = {
	text: ['normal', 'large', 'larger'],
	spacing: ['normal', 'relaxed'],
	theme: ['system', 'light', 'dark'],
	motion: ['system', 'reduce']
} as const;

export type ComfortKey = keyof typeof COMFORT_OPTIONS;
export type Comfort = { [K in ComfortKey]: (typeof COMFORT_OPTIONS)[K][number] };

export const COMFORT_KEYS = Object.keys(COMFORT_OPTIONS) as ComfortKey[];

export const DEFAULT_COMFORT: Comfort = {
	text: 'normal',
	spacing: 'normal',
	theme: 'system',
	motion: 'system'
};

/** What each setting is called on the form and in error messages. */
export const COMFORT_LABELS: { [K in ComfortKey]: string } = {
	text: 'Text size',
	spacing: 'Line spacing',
	theme: 'Colours',
	motion: 'Motion'
};

function isOption<K extends ComfortKey>(key: K, value: unknown): value is Comfort[K] {
	return (COMFORT_OPTIONS[key] as readonly unknown[]).includes(value);
}

/**
 * The settings a cookie holds. The cookie is the browser's to change, so anything unknown in it
 * (a value, a setting, the whole cookie) falls back to the default for that setting.
 */
export function parseComfort(cookie: string | undefined | null): Comfort {
	const settings = { ...DEFAULT_COMFORT };
	if (!cookie) return settings;
	let params: URLSearchParams;
	try {
		params = new URLSearchParams(cookie);
	} catch {
		return settings;
	}
	for (const key of COMFORT_KEYS) {
		const value = params.get(key);
		if (isOption(key, value)) (settings as Record<ComfortKey, string>)[key] = value;
	}
	return settings;
}

/** The cookie's value: only the settings that differ from the defaults, in a fixed order. */
export function serializeComfort(settings: Comfort): string {
	const params = new URLSearchParams();
	for (const key of COMFORT_KEYS) {
		if (settings[key] !== DEFAULT_COMFORT[key]) params.set(key, settings[key]);
	}
	return params.toString();
}

export type ComfortUpdate = { ok: true; settings: Comfort } | { ok: false; message: string };

/**
 * The settings a posted form asks for, starting from the current ones. A setting the form leaves
 * out keeps its value; a value that is not one of the setting's options refuses the whole form,
 * saying which setting and what it may be.
 */
export function applyComfortForm(
	current: Comfort,
	form: FormData | URLSearchParams
): ComfortUpdate {
	const settings = { ...current };
	for (const key of COMFORT_KEYS) {
		const values = form.getAll(key);
		if (values.length === 0) continue;
		const [value] = values;
		if (values.length > 1 || !isOption(key, value)) {
			const shown = typeof value === 'string' ? `“${value.slice(0, 40)}”` : 'a file';
			return {
				ok: false,
				message: `${COMFORT_LABELS[key]} cannot be ${values.length > 1 ? 'set twice' : shown}: choose one of ${COMFORT_OPTIONS[key].join(', ')}. Nothing was changed.`
			};
		}
		(settings as Record<ComfortKey, string>)[key] = value;
	}
	return { ok: true, settings };
}

/** The classes on `<html>` that apply the settings (defaults add none). */
export function comfortClasses(settings: Comfort): string[] {
	return COMFORT_KEYS.filter((key) => settings[key] !== DEFAULT_COMFORT[key]).map(
		(key) => `${key}-${settings[key]}`
	);
}

/** The `color-scheme` the page supports: both for "system", else the one chosen. */
export function colorScheme(settings: Comfort): string {
	return settings.theme === 'system' ? 'light dark' : settings.theme;
}

/**
 * Where to go back to after saving: a path on this site, never another site (`//host`, `/\host`).
 */
export function safeReturnPath(value: unknown): string {
	if (typeof value !== 'string' || !value.startsWith('/') || /^\/[/\\]/.test(value)) return '/';
	// eslint-disable-next-line no-control-regex -- control characters are what it refuses
	if (/[\u0000-\u001f]/.test(value)) return '/';
	return value;
}
