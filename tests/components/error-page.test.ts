/**
 * The error page: an unexpected error shows the reference the server logged it under, and never
 * its message; a missing page or module says what was not found.
 */
import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ErrorPage from '../../src/routes/+error.svelte';

const page = vi.hoisted(() => ({
	status: 200,
	error: null as App.Error | null,
	url: new URL('http://localhost/modules/x')
}));

vi.mock('$app/state', () => ({ page }));

afterEach(() => {
	page.status = 200;
	page.error = null;
	page.url = new URL('http://localhost/modules/x');
});

describe('the error page', () => {
	it('gives the reference of an unexpected error to quote, not its message', () => {
		page.status = 500;
		page.error = { message: 'Internal Error', errorId: '7K2QX9MD' };
		render(ErrorPage);
		expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Something went wrong');
		expect(
			screen.getByText(/^Something went wrong on our side\./, { selector: 'p' })
		).toHaveTextContent(
			'Something went wrong on our side. If you report it, quote this reference: 7K2QX9MD'
		);
		expect(screen.queryByText('Internal Error')).toBeNull();
	});

	it('says something went wrong on our side when a 5xx has no reference', () => {
		page.status = 503;
		page.error = { message: 'Service Unavailable' };
		render(ErrorPage);
		expect(screen.getByText(/^Something went wrong on our side\./)).toHaveTextContent(
			/^Something went wrong on our side\.$/
		);
		expect(screen.queryByText(/reference/)).toBeNull();
	});

	it('says a missing module was not found, in the words of its message', () => {
		page.status = 404;
		page.error = { message: 'There is no module called “nope”.' };
		render(ErrorPage);
		expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Not found');
		expect(screen.getByText('There is no module called “nope”.')).toBeInTheDocument();
		expect(screen.queryByText(/on our side/)).toBeNull();
		expect(screen.getByRole('link', { name: 'See all modules' })).toHaveAttribute('href', '/');
	});

	it('on a join page, says too many tries in the message’s words and offers another code', () => {
		page.status = 429;
		page.url = new URL('http://localhost/join/ABCD234');
		page.error = { message: 'Too many codes … Please wait 5 seconds' };
		render(ErrorPage);
		expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Too many tries');
		expect(screen.getByText(/Please wait 5 seconds/)).toBeInTheDocument();
		expect(screen.getByRole('link', { name: 'Enter a join code' })).toHaveAttribute(
			'href',
			'/join'
		);
	});

	it('elsewhere offers no join link', () => {
		page.status = 404;
		page.error = { message: 'There is no module called “x”.' };
		render(ErrorPage);
		expect(screen.queryByRole('link', { name: 'Enter a join code' })).toBeNull();
	});
});
