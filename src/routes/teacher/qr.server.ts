/**
 * The join link as a QR code: an inline SVG made on the server (no script, no image request; the
 * page's policy allows inline SVG). Medium error correction survives a dim projector or a phone
 * held at an angle; the four-module quiet zone is the standard's.
 */
import { renderSVG } from 'uqr';

export function qrSvg(text: string): string {
	const svg = renderSVG(text, { ecc: 'M', border: 4, pixelSize: 1 });
	// The markup is ours (uqr writes only numbers into it); the page names it with role="img" and an
	// aria-label on its wrapper, so the drawing itself is hidden from assistive technology.
	return svg.replace(
		'<svg ',
		'<svg aria-hidden="true" focusable="false" shape-rendering="crispEdges" '
	);
}
