import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import YourAnswer from '$lib/components/YourAnswer.svelte';

describe('YourAnswer', () => {
	it('isolates each part of the answer, joined with semicolons', () => {
		const { container } = render(YourAnswer, { answer: ['مرحبا', 'abc \u202Edef'] });
		const line = container.querySelector('.your-answer')!;
		expect(line).toHaveTextContent('Your answer: مرحبا; abc \u202Edef');
		expect([...line.querySelectorAll('bdi')].map((b) => b.textContent)).toEqual([
			'مرحبا',
			'abc \u202Edef'
		]);
	});

	it('says how much is right, without saying which, while only the counts are given', () => {
		const { container } = render(YourAnswer, {
			answer: ['A → x', 'B → y', 'C → z'],
			parts: { kind: 'matching', right: 1, of: 3 }
		});
		expect(screen.getByText('1 of 3 matches is right.')).toBeInTheDocument();
		expect(screen.queryByRole('list')).not.toBeInTheDocument();
		expect(container.textContent).not.toMatch(/✓|✗|not right/);
	});

	it('marks each line right or not, in a symbol and in words, once the marks are given', () => {
		render(YourAnswer, {
			answer: ['1. First', '2. Third', '3. Second'],
			parts: { kind: 'ordering', right: 0, of: 2, marks: [true, false, false] }
		});
		const items = screen.getAllByRole('listitem');
		expect(items.map((li) => li.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
			'✓ 1. First (next to the right item)',
			'✗ 2. Third (not next to the right item)',
			'✗ 3. Second (not next to the right item)'
		]);
		expect(items[0]!.querySelector('[aria-hidden="true"]')).toHaveTextContent('✓');
		expect(items[0]!.querySelector('bdi')).toHaveTextContent('1. First');
		expect(
			screen.getByText('0 of 2 neighbouring pairs are in the right order.')
		).toBeInTheDocument();
	});

	it('counts missing and extra choices for multiple choice', () => {
		render(YourAnswer, {
			answer: ['a', 'b'],
			parts: { kind: 'multiple-choice', missing: 1, extra: 1 }
		});
		expect(screen.getByText('1 right choice missing, 1 wrong choice picked.')).toBeInTheDocument();
	});
});
