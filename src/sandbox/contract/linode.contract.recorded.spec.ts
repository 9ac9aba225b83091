/**
 * The strict contract, checked against real recorded answers (test/fixtures/linode-recorded):
 * every field a real answer has is declared, with the right type and nullability, and nothing
 * is missing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod/v4';
import * as contract from './linode.contract';

const FIXTURES = join(__dirname, '../../../test/fixtures/linode-recorded');

function recorded(name: string): unknown {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
}

function problems(schema: z.ZodTypeAny, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

/** A page of `item`, strictly: no field the contract does not declare. */
const strictPage = (item: z.ZodTypeAny) => contract.strictSchema(contract.pageSchema(item));

describe('the strict contract accepts real recorded answers', () => {
  it.each([
    ['linode-types.list.json', strictPage(contract.linodeTypeSchema)],
    ['regions.list.json', strictPage(contract.regionSchema)],
    ['images.list.json', strictPage(contract.imageSchema)],
    ['stackscripts.list.json', strictPage(contract.stackScriptSchema)],
    ['account-events.list.json', strictPage(contract.eventSchema)],
    ['instance.create.json', contract.strictSchema(contract.linodeInstanceSchema)],
    ['instance.get.json', contract.strictSchema(contract.linodeInstanceSchema)],
    ['profile.get.json', contract.strictSchema(contract.profileSchema)],
  ])('%s', (name, schema) => {
    expect(problems(schema, recorded(name))).toEqual([]);
  });

  it('refuses an answer with a field taken away (the contract misses nothing it requires)', () => {
    const { user_type: _dropped, ...profile } = recorded('profile.get.json') as Record<string, unknown>;
    expect(problems(contract.strictSchema(contract.profileSchema), profile)).toEqual([
      'user_type: Invalid option: expected one of "default"|"parent"|"child"|"proxy"',
    ]);
  });

  it('refuses a field no real answer has', () => {
    const [image] = (recorded('images.list.json') as { data: Record<string, unknown>[] }).data;
    expect(problems(contract.strictSchema(contract.imageSchema), { ...image, invented: 1 })).toEqual([': Unrecognized key: "invented"']);
  });
});
