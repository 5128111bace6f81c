/**
 * A small interpreter for the part of QTI 3 response processing the export writes, so the tests
 * can run an exported item against a response and compare its SCORE with Citewise's own `score()`.
 * It follows the QTI 3.0 Assessment Test, Section and Item information model for these operators;
 * anything else throws, so an export that starts writing something new cannot pass unnoticed.
 *
 * Needs a DOM: test files that use it run in Vitest's jsdom environment.
 */

/** A QTI value: NULL, a single value, or a container (multiple or ordered) of single values. */
export type QtiValue = null | string | number | boolean | (string | number)[];

export function parseXml(xml: string): Document {
	const doc = new DOMParser().parseFromString(xml, 'text/xml');
	const error = doc.getElementsByTagName('parsererror')[0];
	if (error) throw new Error(`not well-formed XML: ${error.textContent}`);
	return doc;
}

export function children(node: Element, name?: string): Element[] {
	return [...node.children].filter((c) => !name || c.localName === name);
}

export function child(node: Element, name: string): Element {
	const found = children(node, name)[0];
	if (!found) throw new Error(`<${node.localName}> has no <${name}>`);
	return found;
}

interface Declaration {
	cardinality: string;
	baseType: string;
	correct: string[];
	mapping?: Element;
}

/** Runs an item's response processing; returns every outcome it ends with. */
export function runItem(
	item: Document,
	responses: Record<string, QtiValue>
): Record<string, QtiValue> {
	const root = item.documentElement;
	const declared = new Map<string, Declaration>();
	for (const d of children(root, 'qti-response-declaration')) {
		const correct = d.getElementsByTagName('qti-correct-response')[0];
		declared.set(d.getAttribute('identifier')!, {
			cardinality: d.getAttribute('cardinality')!,
			baseType: d.getAttribute('base-type')!,
			correct: correct ? children(correct, 'qti-value').map((v) => v.textContent!) : [],
			mapping: d.getElementsByTagName('qti-mapping')[0]
		});
	}
	const outcomes: Record<string, QtiValue> = {};
	for (const d of children(root, 'qti-outcome-declaration')) {
		const value = d.getElementsByTagName('qti-value')[0]?.textContent;
		outcomes[d.getAttribute('identifier')!] =
			value === undefined ? null : d.getAttribute('base-type') === 'float' ? Number(value) : value;
	}
	const vars = (id: string): QtiValue => {
		if (id in responses) return responses[id]!;
		if (declared.has(id)) return null;
		if (id in outcomes) return outcomes[id]!;
		throw new Error(`unknown variable ${id}`);
	};

	const evaluate = (e: Element): QtiValue => {
		const args = () => children(e).map(evaluate);
		switch (e.localName) {
			case 'qti-variable':
				return vars(e.getAttribute('identifier')!);
			case 'qti-correct': {
				const d = declared.get(e.getAttribute('identifier')!)!;
				return d.cardinality === 'single' ? d.correct[0]! : d.correct;
			}
			case 'qti-base-value': {
				const text = e.textContent!;
				return e.getAttribute('base-type') === 'float' ? Number(text) : text;
			}
			case 'qti-is-null': {
				const [x] = args();
				return isNull(x!);
			}
			case 'qti-not': {
				const [x] = args();
				return x === null ? null : !x;
			}
			case 'qti-and': {
				const xs = args();
				if (xs.some((x) => x === false)) return false;
				return xs.some((x) => x === null) ? null : true;
			}
			case 'qti-or': {
				const xs = args();
				if (xs.some((x) => x === true)) return true;
				return xs.some((x) => x === null) ? null : false;
			}
			case 'qti-match': {
				const [a, b] = args();
				if (isNull(a!) || isNull(b!)) return null;
				return sameValue(a!, b!);
			}
			case 'qti-index': {
				const [container] = args();
				if (!Array.isArray(container)) return null;
				const n = Number(e.getAttribute('n'));
				return container[n - 1] ?? null;
			}
			case 'qti-sum': {
				const xs = args().flat();
				if (xs.some((x) => x === null)) return null;
				return xs.reduce<number>((s, x) => s + Number(x), 0);
			}
			case 'qti-map-response':
				return mapResponse(e.getAttribute('identifier')!);
			default:
				throw new Error(`the test interpreter does not know <${e.localName}>`);
		}
	};

	const mapResponse = (id: string): number => {
		const d = declared.get(id)!;
		const mapping = d.mapping!;
		const value = vars(id);
		const values = value === null ? [] : Array.isArray(value) ? value : [value];
		const entries = children(mapping, 'qti-map-entry');
		let total = 0;
		// Each distinct value is mapped once (QTI: "each value is counted once").
		for (const given of new Set(values.map(String))) {
			const entry = entries.find((m) => {
				const key = m.getAttribute('map-key')!;
				return m.getAttribute('case-sensitive') === 'false'
					? key.toLowerCase() === given.toLowerCase()
					: d.baseType === 'directedPair'
						? key.split(' ').join(' ') === given
						: key === given;
			});
			total += entry
				? Number(entry.getAttribute('mapped-value'))
				: Number(mapping.getAttribute('default-value') ?? 0);
		}
		const lower = mapping.getAttribute('lower-bound');
		const upper = mapping.getAttribute('upper-bound');
		if (lower !== null) total = Math.max(Number(lower), total);
		if (upper !== null) total = Math.min(Number(upper), total);
		return total;
	};

	const execute = (rules: Element[]): void => {
		for (const rule of rules) {
			switch (rule.localName) {
				case 'qti-set-outcome-value':
					outcomes[rule.getAttribute('identifier')!] = evaluate(children(rule)[0]!);
					break;
				case 'qti-response-condition': {
					for (const branch of children(rule)) {
						if (branch.localName === 'qti-response-else') {
							execute(children(branch));
							break;
						}
						const [condition, ...body] = children(branch);
						if (evaluate(condition!) === true) {
							execute(body);
							break;
						}
					}
					break;
				}
				default:
					throw new Error(`the test interpreter does not know <${rule.localName}>`);
			}
		}
	};

	execute(children(child(root, 'qti-response-processing')));
	return outcomes;
}

function isNull(x: QtiValue): boolean {
	return x === null || x === '' || (Array.isArray(x) && x.length === 0);
}

function sameValue(a: QtiValue, b: QtiValue): boolean {
	if (Array.isArray(a) && Array.isArray(b)) {
		return a.length === b.length && a.every((x, i) => String(x) === String(b[i]));
	}
	return String(a) === String(b);
}
