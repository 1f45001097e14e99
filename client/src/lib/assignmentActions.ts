/** What the assignment dialog does. */
export type AssignmentAction = 'report' | 'accept' | 'return' | 'sub' | 'extend';
