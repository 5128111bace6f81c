import '@testing-library/jest-dom/vitest';
import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { LessonProgress as Progress } from '$lib/quiz/engine.ts';
import LessonProgress from '../../src/routes/modules/[slug]/LessonProgress.svelte';
import { visibleText } from './helpers.ts';

const lessons: Progress[] = [
	{
		id: 'why-salt',
		title: 'Why salt mattered',
		paragraphs: [1, 3],
		total: 4,
		resolved: 4,
		status: 'done'
	},
	{
		id: 'the-road',
		title: 'The road',
		paragraphs: [4, 7],
		total: 5,
		resolved: 2,
		status: 'current'
	},
	{
		id: 'today',
		title: 'Salt today',
		paragraphs: [8, 9],
		total: 3,
		resolved: 0,
		status: 'upcoming'
	}
];

/** The list item of the lesson whose title link is named `title`. */
function lesson(title: string): HTMLElement {
	return screen.getByRole('link', { name: title }).closest('li')!;
}

describe('LessonProgress', () => {
	it('is a navigation landmark named by how many lessons are done', () => {
		render(LessonProgress, { lessons });
		const nav = screen.getByRole('navigation', { name: 'Lessons (1 of 3 done)' });
		expect(within(nav).getByRole('heading', { level: 2 })).toHaveTextContent(
			'Lessons (1 of 3 done)'
		);
	});

	it('counts every lesson done', () => {
		render(LessonProgress, {
			lessons: lessons.map((l) => ({ ...l, resolved: l.total, status: 'done' as const }))
		});
		expect(screen.getByRole('navigation', { name: 'Lessons (3 of 3 done)' })).toBeInTheDocument();
	});

	it('lists the lessons in order, each titled by a link to its first paragraph', () => {
		render(LessonProgress, { lessons });
		const items = within(screen.getByRole('list')).getAllByRole('listitem');
		expect(items).toHaveLength(3);
		const links = items.map((li) => within(li).getByRole('link'));
		expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
			['Why salt mattered', '#p-1'],
			['The road', '#p-4'],
			['Salt today', '#p-8']
		]);
	});

	it('gives each lesson its paragraphs, questions answered and status in words', () => {
		render(LessonProgress, { lessons });
		expect(visibleText(lesson('Why salt mattered'))).toBe(
			'✓ Why salt mattered ¶1–¶3 · 4 of 4 questions · done'
		);
		expect(visibleText(lesson('The road'))).toBe(
			'→ The road ¶4–¶7 · 2 of 5 questions · reading now'
		);
		expect(visibleText(lesson('Salt today'))).toBe(
			'○ Salt today ¶8–¶9 · 0 of 3 questions · not started'
		);
	});

	it('marks the current lesson, and only it, as the current step', () => {
		render(LessonProgress, { lessons });
		const current = screen.getByRole('listitem', { current: 'step' });
		expect(current).toBe(lesson('The road'));
		for (const title of ['Why salt mattered', 'Salt today']) {
			expect(lesson(title)).not.toHaveAttribute('aria-current');
		}
	});

	it('marks no lesson current when every lesson is done', () => {
		render(LessonProgress, {
			lessons: lessons.map((l) => ({ ...l, resolved: l.total, status: 'done' as const }))
		});
		expect(screen.queryByRole('listitem', { current: 'step' })).not.toBeInTheDocument();
		expect(screen.queryByRole('listitem', { current: true })).not.toBeInTheDocument();
	});

	it('says each status in words, with its symbol hidden from assistive technology', () => {
		const { container } = render(LessonProgress, { lessons });
		const symbols = [...container.querySelectorAll('[aria-hidden="true"]')];
		expect(symbols.map((s) => s.textContent)).toEqual(['✓', '→', '○']);
		// Without the symbols (and without colour) the three statuses still read differently.
		const heard = within(screen.getByRole('list'))
			.getAllByRole('listitem')
			.map((li) => {
				const copy = li.cloneNode(true) as HTMLElement;
				copy.querySelectorAll('[aria-hidden="true"]').forEach((e) => e.remove());
				return copy.textContent!.replace(/\s+/g, ' ').trim();
			});
		expect(heard.map((text) => text.split(' · ').at(-1))).toEqual([
			'done',
			'reading now',
			'not started'
		]);
		expect(heard[0]).toMatch(/^Why salt mattered/);
	});
});

describe('LessonProgress in guided reading', () => {
	it('links only the lessons whose paragraphs are on the page', () => {
		render(LessonProgress, { lessons, visibleThrough: 7 });
		expect(screen.getByRole('link', { name: 'The road' })).toHaveAttribute('href', '#p-4');
		expect(screen.queryByRole('link', { name: 'Salt today' })).not.toBeInTheDocument();
		expect(screen.getByText('Salt today')).toBeInTheDocument();
	});
});
