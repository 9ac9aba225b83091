/** Reads the project's Dockerfile as data: stages, instructions, ENV pairs. */

export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

export interface Stage {
  from: string;
  name: string | undefined;
  instructions: Instruction[];
}

/** Joins backslash continuations, drops comments and blank lines, splits into stages at each FROM. */
export function parseDockerfile(text: string): Stage[] {
  const instructions: Instruction[] = [];
  let pending = '';
  let pendingLine = 0;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line.startsWith('#') || (line === '' && pending === '')) return;
    if (pending === '') pendingLine = index + 1;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      return;
    }
    const whole = (pending + line).trim();
    pending = '';
    if (whole === '') return;
    const [keyword, ...rest] = whole.split(/\s+/);
    instructions.push({ keyword: keyword.toUpperCase(), args: rest.join(' '), line: pendingLine });
  });

  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const words = instruction.args.split(/\s+/).filter((word) => !word.startsWith('--'));
      const asIndex = words.findIndex((word) => word.toUpperCase() === 'AS');
      stages.push({ from: words[0], name: asIndex >= 0 ? words[asIndex + 1] : undefined, instructions: [] });
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push(instruction);
    }
  }
  return stages;
}

/** KEY=value pairs of one ENV instruction (the legacy `ENV KEY value` form included). */
export function envPairs(args: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  if (!/^\S+=/.test(args)) {
    const [key, ...value] = args.split(/\s+/);
    pairs[key] = value.join(' ');
    return pairs;
  }
  for (const match of args.matchAll(/(\w+)=("(?:[^"\\]|\\.)*"|\S*)/g)) {
    pairs[match[1]] = match[2].replace(/^"(.*)"$/, '$1');
  }
  return pairs;
}
