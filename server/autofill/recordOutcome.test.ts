import { describe, expect, it } from 'vitest';
import { namesStaffMember } from './recordOutcome.ts';

const sergeev = { last_name: 'Сергеев', first_name: 'Алексей', middle_name: 'Николаевич' };

describe('a printed addressee and the staff member the card keeps', () => {
  it('matches the surname in another case with the printed initials, in either order', () => {
    expect(namesStaffMember('Главе городского округа Заречный А. Н. Сергееву', sergeev)).toBe(true);
    expect(namesStaffMember('Сергееву А.Н.', sergeev)).toBe(true);
    expect(namesStaffMember('Сергееву А.', sergeev)).toBe(true);
  });

  it('does not match other initials, another surname, or a line without a name', () => {
    expect(namesStaffMember('Главе округа И. Н. Сергееву', sergeev)).toBe(false);
    expect(namesStaffMember('Главе округа А. Н. Петрову', sergeev)).toBe(false);
    expect(namesStaffMember('Главе городского округа Заречный', sergeev)).toBe(false);
  });
});
