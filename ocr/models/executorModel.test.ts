import { describe, expect, it } from 'vitest';
import { ExecutorModel, type RoutedCard } from './executorModel.ts';
import { TopicModel } from './topicModel.ts';

const history: RoutedCard[] = [];
for (let i = 0; i < 30; i++) {
  const day = String((i % 27) + 1).padStart(2, '0');
  history.push({ registeredAt: `2025-03-${day}`, correspondent: `Гражданин ${i}`, subject: 'О ремонте дороги', summary: 'Яма на проезжей части улицы', department: 'Дороги', executor: 'Дорофеева М.В.', resolution: 'Обследовать участок и ответить заявителю' });
  history.push({ registeredAt: `2025-04-${day}`, correspondent: `Житель ${i}`, subject: 'О вывозе мусора', summary: 'Контейнерная площадка переполнена', department: 'ЖКХ', executor: 'Волков И.Е.' });
  history.push({ registeredAt: `2025-05-${day}`, correspondent: 'Прокуратура района', subject: i % 2 ? 'О вывозе мусора' : 'О ремонте дороги', summary: 'Требование о предоставлении информации', department: 'Правовое управление', executor: 'Лазарев О.В.' });
}

describe('ExecutorModel', () => {
  const model = ExecutorModel.train(history);

  it('routes by the subject and summary, top 3 with scores', () => {
    const r = model.suggest({ correspondent: 'Новый заявитель', subject: 'О ремонте дороги', summary: 'Яма у дома' });
    expect(r.suggestions[0]?.executor).toBe('Дорофеева М.В.');
    expect(r.suggestions[0]?.department).toBe('Дороги');
    expect(r.suggestions.length).toBeLessThanOrEqual(3);
    expect(r.abstain).toBe(false);
  });

  it('keeps a frequent sender with its usual executor whatever the topic', () => {
    expect(model.suggest({ correspondent: 'Прокуратура района', subject: 'О ремонте дороги' }).suggestions[0]?.executor).toBe('Лазарев О.В.');
  });

  it('abstains when it knows nothing', () => {
    expect(ExecutorModel.empty().suggest({ subject: 'О чём-то' }).abstain).toBe(true);
  });

  it('learns incrementally and survives a JSON round trip', () => {
    const m = ExecutorModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    for (let i = 0; i < 40; i++) m.update({ correspondent: `Новый ${i}`, subject: 'О сносе аварийного дерева', summary: 'Дерево угрожает падением', executor: 'Зайцев С.О.', department: 'Благоустройство' });
    expect(m.trained).toBe(history.length + 40);
    expect(m.suggest({ subject: 'О сносе аварийного дерева' }).suggestions[0]?.executor).toBe('Зайцев С.О.');
    expect(() => ExecutorModel.fromJSON({ version: 9 })).toThrow(/executor model/);
  });

  it('suggests a resolution text from the most similar past card', () => {
    const r = model.suggestResolution({ subject: 'О ремонте дороги', summary: 'Яма на проезжей части' });
    expect(r?.text).toBe('Обследовать участок и ответить заявителю');
    expect(model.suggestResolution({ subject: 'О вывозе мусора', summary: 'Контейнерная площадка' })).toBeNull();
  });
});

/** Working days of 2023–2025, every `step` days, as ISO dates. */
function days(step: number): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(2023, 0, 10); t < Date.UTC(2025, 11, 20); t += step * 86_400_000) {
    const d = new Date(t);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

describe('ExecutorModel inside a department', () => {
  it('proposes the person who handles this kind of letter, then the colleagues', () => {
    const cards: RoutedCard[] = days(3).map((day, i) => {
      const roof = i % 2 === 0;
      const usual = i % 5 !== 0;
      return {
        registeredAt: day,
        correspondent: `Житель ${i}`,
        subject: roof ? 'О ремонте кровли многоквартирного дома' : 'О вывозе мусора с контейнерной площадки',
        summary: roof ? 'Протекает крыша над подъездом' : 'Площадка переполнена отходами',
        department: 'ЖКХ',
        executor: roof === usual ? 'Орлова Е.С.' : 'Волков И.Е.',
      };
    });
    const m = ExecutorModel.train(cards);
    const roof = m.suggest({ registeredAt: '2026-03-10', subject: 'О ремонте кровли', summary: 'Течёт крыша в доме' });
    expect(roof.suggestions.map((s) => s.executor)).toEqual(['Орлова Е.С.', 'Волков И.Е.']);
    expect(roof.suggestions.every((s) => s.department === 'ЖКХ')).toBe(true);
    expect(m.suggest({ registeredAt: '2026-03-10', subject: 'О вывозе мусора' }).suggestions[0]?.executor).toBe('Волков И.Е.');
  });

  it('learns a yearly leave and proposes a colleague then', () => {
    const cards: RoutedCard[] = days(2).map((day, i) => {
      const doy = (Date.parse(day) - Date.UTC(Number(day.slice(0, 4)), 0, 1)) / 86_400_000;
      const away = doy >= 150 && doy <= 170;
      return { registeredAt: day, correspondent: `Заявитель ${i}`, subject: 'О ремонте дороги', summary: 'Яма на проезжей части', department: 'Дороги', executor: away || i % 4 === 0 ? 'Зайцев С.О.' : 'Дорофеева М.В.' };
    });
    const m = ExecutorModel.train(cards);
    const leave = m.absenceOf('Дорофеева М.В.');
    expect(leave).not.toBeNull();
    expect(leave![0]).toBeLessThanOrEqual(151);
    expect(leave![1]).toBeGreaterThanOrEqual(169);
    expect(m.absenceOf('Зайцев С.О.')).toBeNull();
    const during = m.suggest({ registeredAt: '2026-06-10', subject: 'О ремонте дороги' });
    expect(during.suggestions[0]?.executor).toBe('Зайцев С.О.');
    expect(m.suggest({ registeredAt: '2026-03-10', subject: 'О ремонте дороги' }).suggestions[0]?.executor).toBe('Дорофеева М.В.');
  });

  it('weighs down a person recorded as absent today, also a loyal sender’s usual one', () => {
    const cards: RoutedCard[] = days(2).map((day, i) => ({
      registeredAt: day,
      correspondent: i % 3 === 0 ? 'ООО «Дорстрой»' : `Заявитель ${i}`,
      subject: 'О ремонте дороги',
      summary: 'Яма на проезжей части',
      department: 'Дороги',
      executor: i % 3 === 0 || i % 4 !== 1 ? 'Дорофеева М.В.' : 'Зайцев С.О.',
    }));
    const m = ExecutorModel.train(cards);
    const card = { registeredAt: '2026-03-10', subject: 'О ремонте дороги' };
    expect(m.suggest(card).suggestions[0]?.executor).toBe('Дорофеева М.В.');
    const away = new Set(['Дорофеева М.В.']);
    expect(m.suggest(card, 3, 0.2, away).suggestions[0]?.executor).toBe('Зайцев С.О.');
    expect(m.suggest({ ...card, correspondent: 'ООО «Дорстрой»' }).suggestions[0]?.executor).toBe('Дорофеева М.В.');
    expect(m.suggest({ ...card, correspondent: 'ООО «Дорстрой»' }, 3, 0.2, away).suggestions[0]?.executor).toBe('Зайцев С.О.');
  });

  it('stops proposing someone who no longer receives work', () => {
    const cards: RoutedCard[] = days(2).map((day, i) => ({
      registeredAt: day,
      correspondent: `Заявитель ${i}`,
      subject: 'О благоустройстве двора',
      summary: 'Просят установить скамейки',
      department: 'Благоустройство',
      executor: day < '2025-01-01' ? 'Лебедев А.А.' : 'Соколова Ю.М.',
    }));
    const r = ExecutorModel.train(cards).suggest({ registeredAt: '2026-01-20', subject: 'О благоустройстве двора' });
    expect(r.suggestions[0]?.executor).toBe('Соколова Ю.М.');
    expect(r.suggestions.find((s) => s.executor === 'Лебедев А.А.')?.score ?? 0).toBeLessThan(0.05);
  });

  it('recognises a sender by its INN whatever the spelling of its name', () => {
    const cards: RoutedCard[] = [...history];
    const names = ['ООО «Вектор»', 'Общество с ограниченной ответственностью «Вектор»', 'ООО "Вектор"'];
    for (let i = 0; i < 6; i++) {
      cards.push({ registeredAt: `2025-06-0${i + 1}`, correspondent: names[i % 3], inn: '7701234567', subject: i % 2 ? 'О вывозе мусора' : 'О ремонте дороги', executor: 'Лазарев О.В.', department: 'Правовое управление' });
    }
    const m = ExecutorModel.train(cards);
    expect(m.suggest({ correspondent: 'ООО Вектор (филиал)', inn: '7701234567', subject: 'О ремонте дороги' }).suggestions[0]?.executor).toBe('Лазарев О.В.');
    expect(m.suggest({ correspondent: 'ООО Вектор (филиал)', subject: 'О ремонте дороги' }).suggestions[0]?.executor).toBe('Дорофеева М.В.');
  });

  it('refuses a state of an older version, which must be retrained', () => {
    expect(() => ExecutorModel.fromJSON({ version: 1, text: {}, byCorrespondent: {} })).toThrow(/executor model/);
  });

  it('proposes the resolution the similar cards agree on', () => {
    const cards: RoutedCard[] = [
      { id: 'a', subject: 'О ремонте дороги', summary: 'Яма на проезжей части улицы Ленина', executor: 'X', resolution: 'Прошу рассмотреть' },
      { id: 'b', subject: 'О ремонте дороги', summary: 'Яма на проезжей части улицы Мира', executor: 'X', resolution: 'Обследовать участок, ответить заявителю' },
      { id: 'c', subject: 'О ремонте дороги', summary: 'Яма на проезжей части улицы Кирова', executor: 'X', resolution: 'Обследовать участок, ответить заявителю' },
      { id: 'd', subject: 'О ремонте дороги', summary: 'Яма на проезжей части улицы Гагарина', executor: 'X', resolution: 'Обследовать участок, ответить заявителю' },
      { id: 'e', subject: 'О вывозе мусора', summary: 'Контейнерная площадка переполнена', executor: 'Y', resolution: 'Направить в управляющую компанию' },
    ];
    const r = ExecutorModel.train(cards).suggestResolution({ subject: 'О ремонте дороги', summary: 'Яма на проезжей части улицы Чехова' });
    expect(r?.text).toBe('Обследовать участок, ответить заявителю');
    expect(r?.fromId).toMatch(/^[bcd]$/);
  });
});

describe('TopicModel', () => {
  it('classifies by the rubricator learned from cards', () => {
    const m = TopicModel.train(history.map((h) => ({ subject: h.subject, summary: h.summary, topic: h.department === 'Дороги' ? 'roads' : 'housing' })));
    expect(m.predict('Просим отремонтировать дорогу, яма на проезжей части')?.label).toBe('roads');
    expect(TopicModel.fromJSON(m.toJSON()).predict('переполнена контейнерная площадка')?.label).toBe('housing');
  });
});
