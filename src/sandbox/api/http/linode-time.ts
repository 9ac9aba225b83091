/** Linode's date-time format: UTC, second precision, no zone suffix (`2024-05-01T12:34:56`). */
export function linodeTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}
