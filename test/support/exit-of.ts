import type { ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';

/** What a process that is expected to stop by itself printed, and how it ended. */
export interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Waits for `child` to exit, collecting its output (spawned with stdout and stderr as pipes). */
export async function exitOf(child: ChildProcessByStdio<null, Readable, Readable>): Promise<Exit> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // 'close', not 'exit': the pipes may still hold output when the process has exited.
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}
