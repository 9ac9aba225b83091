/** Control characters are no part of Linode's text, and some are not allowed in HTML; views escape the rest. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

export function displayText(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '');
}
