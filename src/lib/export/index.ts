/**
 * `exportModule(module, format)`: a module as a file an LMS imports, with a summary of what the
 * format kept and lost. Used by `npm run export` and the module page's download links.
 */
import type { Module } from '../content/schema.ts';
import {
	exportFileName,
	FORMAT_INFO,
	summarize,
	type ExportFile,
	type ExportFormat
} from './common.ts';
import { gift } from './gift.ts';
import { moodleXml } from './moodleXml.ts';
import { qti3 } from './qti3.ts';

export * from './common.ts';

export function exportModule(module: Module, format: ExportFormat): ExportFile {
	if (format === 'qti3') return qti3(module);
	const body = format === 'gift' ? gift(module) : moodleXml(module);
	return {
		fileName: exportFileName(module, format),
		mediaType: FORMAT_INFO[format].mediaType,
		body,
		summary: summarize(format, module)
	};
}
