/** A price in dollars, or `null` when there is none. */
function dollars(maximumFractionDigits: number): (amount: number | null) => string | null {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits });
  return (amount) => (amount === null || !Number.isFinite(amount) ? null : format.format(amount));
}

/** `$5.00` */
export const formatMonthlyPrice = dollars(2);
/** `$0.0075`: hourly prices are fractions of a cent, so up to four decimals. */
export const formatHourlyPrice = dollars(4);
