// The one place that says which card status may follow which.
import { AppError } from '../http/problem.ts';
import type { CardStatus } from '../models/Card.ts';

const allowed: Record<CardStatus, readonly CardStatus[]> = {
  draft: ['registered', 'cancelled'],
  registered: ['in_work', 'executed', 'filed', 'cancelled'],
  in_work: ['executed', 'registered', 'cancelled'],
  executed: ['in_work', 'filed'],
  filed: ['archived', 'in_work'],
  archived: [],
  cancelled: [],
};

export const statusNames: Record<CardStatus, { ru: string; en: string }> = {
  draft: { ru: 'черновик', en: 'draft' },
  registered: { ru: 'зарегистрирован', en: 'registered' },
  in_work: { ru: 'на исполнении', en: 'in work' },
  executed: { ru: 'исполнен', en: 'executed' },
  filed: { ru: 'в деле', en: 'filed in a case' },
  archived: { ru: 'в архиве', en: 'archived' },
  cancelled: { ru: 'регистрация отменена', en: 'registration cancelled' },
};

export function canTransition(from: CardStatus, to: CardStatus): boolean {
  return allowed[from].includes(to);
}

export function assertTransition(from: CardStatus, to: CardStatus): void {
  if (!canTransition(from, to)) {
    throw new AppError('CARD_TRANSITION_FORBIDDEN', {
      ru: `Нельзя перевести карточку из состояния «${statusNames[from].ru}» в «${statusNames[to].ru}»`,
      en: `A card cannot go from "${statusNames[from].en}" to "${statusNames[to].en}"`,
      extensions: { from, to },
    });
  }
}
