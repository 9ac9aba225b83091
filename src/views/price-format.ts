function dollars(maximumFractionDigits: number): Intl.NumberFormat {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits });
}

const monthlyFormat = dollars(2);
// Hourly prices are fractions of a cent (a Nanode is $0.0075/hr): keep up to four decimals.
const hourlyFormat = dollars(4);

/** `$5.00` — or `null` when there is no price. */
export function formatMonthlyPrice(amount: number | null): string | null {
  return amount === null || !Number.isFinite(amount) ? null : monthlyFormat.format(amount);
}

/** `$0.0075` — or `null` when there is no price. */
export function formatHourlyPrice(amount: number | null): string | null {
  return amount === null || !Number.isFinite(amount) ? null : hourlyFormat.format(amount);
}
