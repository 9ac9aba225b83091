import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ANY_IMAGE } from './stackscript-input';

/** A StackScript read from a file, as a registration body. */
export interface StackScriptFileBody {
  label: string;
  script: string;
  images: string[];
  description: string;
}

const LABEL_LINE = /^#\s*label:\s*(.+?)\s*$/im;
const IMAGES_LINE = /^#\s*images:\s*(.+?)\s*$/im;

/** Bigger than any script the API accepts, so an oversized file gets the API's own refusal. */
const FILE_READ_LIMIT = 1024 * 1024;

/**
 * A script file named in `SANDBOX_STACKSCRIPTS` as a registration body. Its label is the file
 * name unless a `# label: …` line says otherwise; its images come from a `# images: a, b` line
 * (commas or spaces), `any/all` without one. The script itself is checked where it is registered.
 */
export function stackScriptFromText(path: string, script: string): StackScriptFileBody {
  const label = LABEL_LINE.exec(script)?.[1] ?? basename(path);
  const imagesLine = IMAGES_LINE.exec(script)?.[1];
  const images = imagesLine ? imagesLine.split(/[\s,]+/).filter(Boolean) : [ANY_IMAGE];
  return { label, script, images, description: `Registered from ${basename(path)} when the sandbox started.` };
}

/** Reads the file; a missing or unreadable file is an Error naming it. */
export function readStackScriptFile(path: string): StackScriptFileBody {
  let script: string;
  try {
    const buffer = readFileSync(path);
    script = buffer.subarray(0, FILE_READ_LIMIT + 1).toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new Error(`cannot read StackScript file ${path} (${code})`);
  }
  return stackScriptFromText(path, script);
}

/** `SANDBOX_STACKSCRIPTS`: comma-separated file paths; blanks are ignored. */
export function stackScriptFilesFrom(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((path) => path.trim())
    .filter(Boolean);
}
