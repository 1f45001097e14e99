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

describe('TopicModel', () => {
  it('classifies by the rubricator learned from cards', () => {
    const m = TopicModel.train(history.map((h) => ({ subject: h.subject, summary: h.summary, topic: h.department === 'Дороги' ? 'roads' : 'housing' })));
    expect(m.predict('Просим отремонтировать дорогу, яма на проезжей части')?.label).toBe('roads');
    expect(TopicModel.fromJSON(m.toJSON()).predict('переполнена контейнерная площадка')?.label).toBe('housing');
  });
});
