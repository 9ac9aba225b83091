import { formatHourlyPrice, formatMonthlyPrice } from './price-format';

describe('price formatting', () => {
  it('shows monthly prices in dollars with two decimals', () => {
    expect(formatMonthlyPrice(5)).toBe('$5.00');
    expect(formatMonthlyPrice(1152)).toBe('$1,152.00');
  });

  it('shows hourly prices with up to four decimals', () => {
    expect(formatHourlyPrice(0.0075)).toBe('$0.0075');
    expect(formatHourlyPrice(0.036)).toBe('$0.036');
    expect(formatHourlyPrice(1.5)).toBe('$1.50');
  });

  it('gives null for a missing price', () => {
    expect(formatMonthlyPrice(null)).toBeNull();
    expect(formatHourlyPrice(null)).toBeNull();
  });
});
