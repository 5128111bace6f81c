/**
 * The assignment form's data, shared by the assign and edit pages and their one form component.
 * Values are kept as typed (strings), so a refused form comes back exactly as it was sent.
 */
export interface AssignmentFormValues {
	module: string;
	lessons: string[];
	mode: string;
	/** "1", "2", "3" or "unlimited". */
	maxAttempts: string;
	/** `datetime-local` values, in the server's time zone; empty for none. */
	opensAt: string;
	dueAt: string;
	timeLimitMinutes: string;
	shuffleQuestions: boolean;
	shuffleChoices: boolean;
	/** "after-submit", "after-due" or "never" (practice is always "each question"). */
	reveal: string;
}

export interface ModuleChoice {
	slug: string;
	title: string;
	lessons: { id: string; title: string; questions: number }[];
}

export type AssignmentField = keyof AssignmentFormValues;

export type AssignmentFormProblems = Partial<Record<AssignmentField | 'form', string>>;

/** What a refused assign or edit form sends back. */
export interface AssignmentFormFailure {
	message?: string;
	values?: AssignmentFormValues;
	problems?: AssignmentFormProblems;
	/** Students started meanwhile: the locked fields are now shown as they are. */
	locked?: boolean;
}
