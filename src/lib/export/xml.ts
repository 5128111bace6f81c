/**
 * Just enough XML writing for the exports: escaped text and attributes, and elements built from
 * nested arrays so the exporters read like the documents they write. No parser, no DOM: the
 * exports only ever write.
 */

/** Characters XML 1.0 cannot hold at all, even escaped (controls other than tab and newlines). */
// eslint-disable-next-line no-control-regex -- these are exactly the characters XML cannot hold
const INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Text content: `&`, `<` and `>` escaped, characters XML forbids removed. */
export function escapeText(text: string): string {
	return text
		.replace(INVALID, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;');
}

/** An attribute value, for double quotes. */
export function escapeAttr(text: string): string {
	return escapeText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}

export type Attrs = Record<string, string | number | boolean | undefined>;

/** A tree of elements. Strings are text (escaped when written); `raw()` marks trusted markup. */
export type Node = string | Raw | Element | Node[];
export interface Element {
	name: string;
	attrs: Attrs;
	children: Node[];
}
export interface Raw {
	raw: string;
}

export function el(name: string, attrs: Attrs = {}, ...children: Node[]): Element {
	return { name, attrs, children };
}

export function raw(markup: string): Raw {
	return { raw: markup };
}

function isElement(node: Node): node is Element {
	return typeof node === 'object' && 'name' in node;
}

function attrsOf(attrs: Attrs): string {
	return Object.entries(attrs)
		.filter(([, v]) => v !== undefined && v !== false)
		.map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`)
		.join('');
}

/**
 * Writes a node. Elements whose children are all elements are indented one per line; elements
 * with any text keep their content on one line, so whitespace inside text is exactly as given.
 */
export function serialize(node: Node, indent = ''): string {
	if (typeof node === 'string') return escapeText(node);
	if (Array.isArray(node)) return node.map((n) => serialize(n, indent)).join('');
	if (!isElement(node)) return node.raw;
	const open = `<${node.name}${attrsOf(node.attrs)}`;
	const children = node.children.flat(Infinity as 1) as Node[];
	if (!children.length) return `${indent}${open}/>\n`;
	if (children.every(isElement)) {
		const inner = children.map((c) => serialize(c, indent + '  ')).join('');
		return `${indent}${open}>\n${inner}${indent}</${node.name}>\n`;
	}
	const inner = children
		.map((c) => (isElement(c) ? serialize(c, '').trimEnd() : serialize(c)))
		.join('');
	return `${indent}${open}>${inner}</${node.name}>\n`;
}

/** A whole document, with its XML declaration. */
export function xmlDocument(root: Element): string {
	return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(root)}`;
}

/** Wraps markup in CDATA, splitting any `]]>` it contains so the section cannot end early. */
export function cdata(text: string): Raw {
	return raw(`<![CDATA[${text.replace(INVALID, '').replace(/]]>/g, ']]]]><![CDATA[>')}]]>`);
}
