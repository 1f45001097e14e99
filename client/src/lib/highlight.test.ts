import { describe, expect, it } from 'vitest';
import { highlightSegments } from './highlight.ts';

describe('highlightSegments', () => {
  it('splits marked words from the rest and decodes entities', () => {
    expect(highlightSegments('о <mark>благоустройстве</mark> двора &amp; &lt;улицы&gt;')).toEqual([
      { text: 'о ', marked: false },
      { text: 'благоустройстве', marked: true },
      { text: ' двора & <улицы>', marked: false },
    ]);
  });

  it('never yields markup other than the marks', () => {
    const segments = highlightSegments('<img src=x onerror=alert(1)><mark>a</mark>&#60;b&#x3e;');
    expect(segments).toEqual([
      { text: 'a', marked: true },
      { text: '<b>', marked: false },
    ]);
  });
});
