import { SandboxApiError } from '../http/sandbox-api.error';
import { readStackScriptFile } from './stackscript-file';
import type { SandboxStackScriptsService } from './sandbox-stackscripts.service';

/** A StackScript registered from a file at start. */
export interface RegisteredStackScript {
  id: number;
  label: string;
  file: string;
}

/**
 * Registers each file as a public StackScript, checked like an API registration. The first file
 * that cannot be read or is refused stops the start with an Error naming the file and why.
 */
export function registerStackScriptFiles(service: SandboxStackScriptsService, files: readonly string[]): RegisteredStackScript[] {
  return files.map((file) => {
    try {
      const stackScript = service.register(readStackScriptFile(file), 'startup');
      return { id: stackScript.id, label: stackScript.label, file };
    } catch (error) {
      if (error instanceof SandboxApiError) {
        const reasons = error.errors.map((item) => (item.field ? `${item.field}: ${item.reason}` : item.reason)).join('; ');
        throw new Error(`SANDBOX_STACKSCRIPTS: ${file} was refused: ${reasons}`);
      }
      if (error instanceof Error) throw new Error(`SANDBOX_STACKSCRIPTS: ${error.message}`);
      throw error;
    }
  });
}
