/**
 * The strict contract, checked against real recorded answers (test/fixtures/linode-recorded):
 * every field a real answer has is declared, with the right type and nullability, and nothing
 * is missing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  eventSchema,
  imageSchema,
  linodeInstanceSchema,
  linodeTypeSchema,
  pageSchema,
  profileSchema,
  regionSchema,
  stackScriptSchema,
  strictSchema,
} from './linode.contract';

const FIXTURES = join(__dirname, '../../../test/fixtures/linode-recorded');

function recorded(name: string): unknown {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
}

function problems(schema: z.ZodTypeAny, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('the strict contract accepts real recorded answers', () => {
  it.each([
    ['linode-types.list.json', strictSchema(pageSchema(linodeTypeSchema))],
    ['regions.list.json', strictSchema(pageSchema(regionSchema))],
    ['images.list.json', strictSchema(pageSchema(imageSchema))],
    ['stackscripts.list.json', strictSchema(pageSchema(stackScriptSchema))],
    ['account-events.list.json', strictSchema(pageSchema(eventSchema))],
    ['instance.create.json', strictSchema(linodeInstanceSchema)],
    ['instance.get.json', strictSchema(linodeInstanceSchema)],
    ['profile.get.json', strictSchema(profileSchema)],
  ])('%s', (name, schema) => {
    expect(problems(schema, recorded(name))).toEqual([]);
  });

  it('refuses an answer with a field taken away (the contract misses nothing it requires)', () => {
    const { user_type: _dropped, ...profile } = recorded('profile.get.json') as Record<string, unknown>;
    expect(problems(strictSchema(profileSchema), profile)).toEqual(['user_type: Required']);
  });

  it('refuses a field no real answer has', () => {
    const [image] = (recorded('images.list.json') as { data: Record<string, unknown>[] }).data;
    expect(problems(strictSchema(imageSchema), { ...image, invented: 1 })).toEqual([": Unrecognized key(s) in object: 'invented'"]);
  });
});
