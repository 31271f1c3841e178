import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DICTIONARIES, fieldLabel, missingKeys, ui, type UiLanguage } from '../src/site/i18n.ts';
import { missingFields } from '../src/pipeline/extract/index.ts';

describe('interface strings', () => {
  // A missing string shows in English: this lists them, so a translation gap is a failing test.
  it.each(Object.keys(DICTIONARIES) as UiLanguage[])('%s has every string English has', (language) => {
    expect(missingKeys(language)).toEqual([]);
  });

  it('falls back to English for a language it does not know, and to the base of a regional tag', () => {
    expect(ui('de').t('section.steps')).toBe('Steps');
    expect(ui('ru-RU').t('section.steps')).toBe('Шаги');
    expect(ui(undefined).lang).toBe('en');
  });

  it('counts with each language’s plural forms', () => {
    const ru = ui('ru');
    expect([1, 2, 5, 21, 22, 25, 11].map((n) => ru.count('count.lines', n))).toEqual(['1 строка', '2 строки', '5 строк', '21 строка', '22 строки', '25 строк', '11 строк']);
    expect(ui('en').count('count.lines', 1)).toBe('1 line');
    expect(ui('ko').count('count.lines', 3)).toBe('3줄');
  });

  it('writes dates as the reader’s language does, and leaves other text as written', () => {
    expect(ui('ru').date('2026-02-26')).toBe('26 февраля 2026 г.');
    expect(ui('en').date('2026-02-26')).toBe('February 26, 2026');
    expect(ui('ko').date('2026-02-26')).toBe('2026년 2월 26일');
    expect(ui('ru').date('в четверг')).toBe('в четверг');
    expect(ui('en').date('2026-02-28T19:25:19+00:00')).toMatch(/^February 28, 2026.*7:25/);
  });

  it('names status words in the page language, and keeps a note’s own word', () => {
    expect(ui('ru').word('resolved')).toBe('устранён');
    expect(ui('ru').word('unknown')).toBe('не указано');
    expect(ui('ru').word('SEV-2')).toBe('SEV-2');
  });

  // Pages must take their words from the dictionary: an English label written into a page
  // template would show on Russian pages too.
  it('names a draft\'s missing fields as the page heads them, in the page language', () => {
    const missing = [...missingFields('incident', {}), ...missingFields('adr', {}), ...missingFields('runbook', {})];
    for (const lang of ['ru', 'ko'] as const) {
      const u = ui(lang);
      for (const field of missing) expect(fieldLabel(u, field), `${lang} ${field}`).not.toMatch(/^[a-z]+[A-Z]?[a-z]*$|^[A-Z][a-z]+(?: [a-z]+)?$/);
    }
    expect(missing.map((f) => fieldLabel(ui('ru'), f))).toContain('Первопричина');
    expect(fieldLabel(ui('en'), 'rootCause')).toBe('Root cause');
  });

  it('no page or component writes an interface label in English itself', async () => {
    const dirs = ['src/pages', 'src/components', 'src/layouts'];
    const labels = ['>Steps<', '>Symptoms<', '>Escalation<', '>From the source<', '>References<', '>Copy<', 'label="', 'heading="', '>Timeline<', '>Sources<'];
    const found: string[] = [];
    for (const dir of dirs) {
      for (const file of await readdir(dir, { recursive: true })) {
        if (!file.endsWith('.astro')) continue;
        const text = await readFile(path.join(dir, file), 'utf8');
        for (const label of labels) if (text.includes(label)) found.push(`${dir}/${file}: ${label}`);
      }
    }
    expect(found).toEqual([]);
  });
});
