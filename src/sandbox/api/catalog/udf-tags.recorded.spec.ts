/** The sandbox's UDF parser against real recorded StackScripts (test/fixtures/linode-recorded). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StackScript } from '../../contract/linode.contract';
import { parseUdfTags } from './udf-tags';

const RECORDED = join(__dirname, '../../../../test/fixtures/linode-recorded/stackscripts.list.json');
const stackScripts = (JSON.parse(readFileSync(RECORDED, 'utf8')) as { data: StackScript[] }).data;

describe('the sandbox reads UDF tags as Linode does', () => {
  it.each(stackScripts.map((s) => [s.label, s] as const))(
    '%s: user_defined_fields derived from the script equal the recorded ones',
    (_, stackScript) => {
      expect(parseUdfTags(stackScript.script)).toEqual(stackScript.user_defined_fields);
    },
  );
});
