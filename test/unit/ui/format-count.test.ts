import { describe, expect, it } from 'vitest';
import { countForPlural, countText } from '../../../ui/src/i18n/counts.ts';

const english = new Intl.NumberFormat('en').format;
const german = new Intl.NumberFormat('de').format;

describe('counts the API gives as numbers or numeric strings', () => {
  it('are written with the interface language’s digits and grouping', () => {
    expect(countText('5660', english)).toBe('5,660');
    expect(countText(1234567, english)).toBe('1,234,567');
    expect(countText(undefined, english)).toBe('0');
    expect(countText('5660', german)).toBe('5.660');
  });

  it('keep a capped value ("100+") as the API gives it, and choose PLURAL by its number', () => {
    expect(countText('100+', english)).toBe('100+');
    expect(countForPlural('100+')).toBe(100);
    expect(countForPlural('1')).toBe(1);
    expect(countForPlural(undefined)).toBe(0);
    expect(countForPlural(7)).toBe(7);
  });
});
