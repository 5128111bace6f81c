/**
 * `$app/navigation` for the module page hydrated on its own. Without SvelteKit's client, leaving
 * the page or changing its query (following a citation, say) is a full load, and a `#fragment`
 * link is the browser's own. A load that is a step within the page (a link followed from the page
 * itself, or the page loaded again after a form post) ends as SvelteKit's client navigation
 * would: at the linked fragment, where Tab starts from.
 */
import { onMount } from 'svelte';

export type Navigation = { type: 'enter' | 'link'; to: { url: URL } };

/** sessionStorage: the address `loadAgain` is loading, read once by the page it loads. */
const ARRIVING = 'citewise:island-arriving';

let arrival: boolean | undefined;

/** Whether this load is a step within the page (read once: a later reload is the learner's). */
function arrivedFromHere(): boolean {
	if (arrival !== undefined) return arrival;
	const here = new URL(location.href);
	let marked: string | null = null;
	try {
		marked = sessionStorage.getItem(ARRIVING);
		sessionStorage.removeItem(ARRIVING);
	} catch {
		// No storage (private browsing): the referrer still tells a followed link.
	}
	const from = URL.canParse(document.referrer) ? new URL(document.referrer) : null;
	arrival =
		marked === here.href || (from?.origin === here.origin && from.pathname === here.pathname);
	return arrival;
}

/** Marks the load of `href` as a step within the page, for the page it loads. */
function markArrival(href: string): void {
	try {
		sessionStorage.setItem(ARRIVING, href);
	} catch {
		// Without storage the page still loads; it opens where the browser puts it.
	}
}

/**
 * Loads `to` as SvelteKit's client would navigate to it after a form post (a redirect): a new
 * history entry, ending at its fragment. Only the fragment differing, the browser would just
 * scroll, so the page is loaded again at the new address.
 */
export function loadAgain(to: URL): void {
	markArrival(to.href);
	if (to.href.split('#')[0] !== location.href.split('#')[0]) {
		location.assign(to);
	} else {
		history.pushState(null, '', to);
		location.reload();
	}
}

/**
 * Goes to the page's fragment once the page is drawn (what was above it may have changed size
 * since the browser first scrolled there), and makes it where Tab starts from, as a browser does
 * for a fragment it navigates to and SvelteKit's client does after its own navigations.
 */
function goToFragment(url: URL): void {
	const id = decodeURIComponent(url.hash.slice(1));
	const target = id ? document.getElementById(id) : null;
	if (!target) return;
	target.scrollIntoView();
	location.replace(url);
}

/**
 * Calls back once the page is hydrated and after each `#fragment` link, with `link` where this
 * load is a step within the page and `enter` otherwise, as SvelteKit's would for a client-side
 * navigation and a first load.
 */
export function afterNavigate(callback: (navigation: Navigation) => void): void {
	onMount(() => {
		const here = new URL(location.href);
		const within = arrivedFromHere();
		if (within) goToFragment(here);
		callback({ type: within ? 'link' : 'enter', to: { url: here } });
		const onHash = () => callback({ type: 'link', to: { url: new URL(location.href) } });
		addEventListener('hashchange', onHash);
		return () => removeEventListener('hashchange', onHash);
	});
}

/**
 * A link marked `data-sveltekit-replacestate` (opening a finished question again from the
 * question list, and back) replaces this page's history entry instead of adding one, as it does
 * with SvelteKit's client: the practice stays one Back away from where the learner came from.
 */
export function followLinks(): void {
	document.addEventListener('click', (event) => {
		if (event.defaultPrevented || event.button !== 0) return;
		if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
		const link = (event.target as Element | null)?.closest?.('a[href]');
		if (!(link instanceof HTMLAnchorElement) || !link.hasAttribute('data-sveltekit-replacestate'))
			return;
		if (link.origin !== location.origin || (link.target && link.target !== '_self')) return;
		event.preventDefault();
		markArrival(link.href);
		location.replace(link.href);
	});
}
