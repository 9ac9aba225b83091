/** Types of html-form.js, for the TypeScript test suites that read forms with it. */

/** Name → value, or values for a name several controls share. */
export type FormFields = Record<string, string | string[]>;

export interface HtmlForm {
  attributes: Record<string, string>;
  html: string;
}

export function decodeEntities(text: string): string;
export function attributesOf(tag: string): Record<string, string>;
export function formsIn(html: string): HtmlForm[];
export function successfulControls(formHtml: string): FormFields;
export function choicesFor(html: string, name: string): string[];
export function configureForm(html: string): { action: string; fields: FormFields } | null;
