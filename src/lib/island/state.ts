/**
 * `$app/state` for the module page hydrated on its own: the page reads only its own address, and
 * it changes only by a full load (or a `#fragment`, which the readers ignore).
 */
export const page = {
	get url(): URL {
		return new URL(location.href);
	}
};
