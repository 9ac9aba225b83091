/**
 * Text from Linode (StackScript labels, descriptions, UDF prompts) as it may be shown: control
 * characters removed (a NUL or a bell is no part of a prompt, and some are not even allowed in
 * HTML), everything else kept as written. HTML in it is escaped by the views, never stripped here.
 */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

export function displayText(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '');
}
