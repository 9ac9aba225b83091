import { applyXFilter, parseXFilter, XFilterError, XFilterSpec } from './x-filter';

interface Row {
  id: number;
  label: string;
  class: string;
  vcpus: number;
  deprecated: boolean;
  tags: string[];
  image: string | null;
  created: string;
  entity: { id: number; type: string } | null;
}

const spec: XFilterSpec = {
  fields: {
    id: 'number',
    label: 'string',
    class: 'string',
    vcpus: 'number',
    deprecated: 'boolean',
    tags: 'string[]',
    image: 'string',
    created: 'datetime',
    'entity.id': 'number',
    'entity.type': 'string',
  },
  unorderable: ['deprecated'],
  tiebreaker: 'id',
};

const rows: Row[] = [
  {
    id: 1,
    label: 'Nanode 1GB',
    class: 'nanode',
    vcpus: 1,
    deprecated: false,
    tags: ['web'],
    image: 'linode/debian12',
    created: '2024-01-01T00:00:00',
    entity: { id: 10, type: 'linode' },
  },
  {
    id: 2,
    label: 'Linode 2GB',
    class: 'standard',
    vcpus: 1,
    deprecated: false,
    tags: [],
    image: null,
    created: '2024-01-02T00:00:00',
    entity: { id: 11, type: 'linode' },
  },
  {
    id: 3,
    label: 'Linode 4GB',
    class: 'standard',
    vcpus: 2,
    deprecated: true,
    tags: ['web', 'db'],
    image: 'linode/ubuntu24.04',
    created: '2024-01-02T00:00:00',
    entity: null,
  },
  {
    id: 4,
    label: 'Dedicated 8GB',
    class: 'dedicated',
    vcpus: 4,
    deprecated: false,
    tags: ['db'],
    image: 'linode/debian12',
    created: '2024-01-03T00:00:00',
    entity: { id: 10, type: 'volume' },
  },
];

function ids(header: string | undefined): number[] {
  return applyXFilter(rows, parseXFilter(header, spec), spec).map((row) => row.id);
}

function reasonFor(header: string): string {
  try {
    parseXFilter(header, spec);
  } catch (error) {
    if (error instanceof XFilterError) return error.reason;
    throw error;
  }
  throw new Error(`expected ${header} to be rejected`);
}

describe('X-Filter', () => {
  describe('without a filter', () => {
    it('keeps every item in the incoming order when the header is absent', () => {
      expect(ids(undefined)).toEqual([1, 2, 3, 4]);
    });

    it('treats an empty header or an empty object as no filter', () => {
      expect(ids('')).toEqual([1, 2, 3, 4]);
      expect(ids('{}')).toEqual([1, 2, 3, 4]);
    });
  });

  describe('equality', () => {
    it('matches a string field exactly', () => {
      expect(ids('{"class": "standard"}')).toEqual([2, 3]);
    });

    it('matches a number field exactly', () => {
      expect(ids('{"vcpus": 1}')).toEqual([1, 2]);
    });

    it('matches a boolean field exactly', () => {
      expect(ids('{"deprecated": true}')).toEqual([3]);
    });

    it('matches null', () => {
      expect(ids('{"image": null}')).toEqual([2]);
    });

    it('ANDs several keys of one object', () => {
      expect(ids('{"class": "standard", "vcpus": 1}')).toEqual([2]);
    });

    it('treats equality on an array field as membership', () => {
      expect(ids('{"tags": "db"}')).toEqual([3, 4]);
    });

    it('reads nested fields by their dot path', () => {
      expect(ids('{"entity.id": 10, "entity.type": "linode"}')).toEqual([1]);
    });
  });

  describe('operators', () => {
    it('+gt keeps strictly greater numbers', () => {
      expect(ids('{"vcpus": {"+gt": 1}}')).toEqual([3, 4]);
    });

    it('+gte keeps greater or equal numbers', () => {
      expect(ids('{"vcpus": {"+gte": 2}}')).toEqual([3, 4]);
    });

    it('+lt keeps strictly smaller numbers', () => {
      expect(ids('{"vcpus": {"+lt": 2}}')).toEqual([1, 2]);
    });

    it('+lte keeps smaller or equal numbers', () => {
      expect(ids('{"vcpus": {"+lte": 2}}')).toEqual([1, 2, 3]);
    });

    it('combines several operators on one field as a range', () => {
      expect(ids('{"vcpus": {"+gte": 2, "+lte": 3}}')).toEqual([3]);
    });

    it('compares date-time fields as strings', () => {
      expect(ids('{"created": {"+gte": "2024-01-02T00:00:00"}}')).toEqual([2, 3, 4]);
    });

    it('+contains finds a substring, ignoring case', () => {
      expect(ids('{"label": {"+contains": "linode"}}')).toEqual([2, 3]);
    });

    it('+contains on an array field looks into each element', () => {
      expect(ids('{"tags": {"+contains": "we"}}')).toEqual([1, 3]);
    });

    it('+neq keeps items that differ', () => {
      expect(ids('{"class": {"+neq": "standard"}}')).toEqual([1, 4]);
    });

    it('+neq on an array field keeps items without that element', () => {
      expect(ids('{"tags": {"+neq": "web"}}')).toEqual([2, 4]);
    });
  });

  describe('combinators', () => {
    it('+or keeps items matching any branch', () => {
      expect(ids('{"+or": [{"vcpus": 4}, {"class": "nanode"}]}')).toEqual([1, 4]);
    });

    it('+and keeps items matching every branch', () => {
      expect(ids('{"+and": [{"class": "standard"}, {"vcpus": {"+gte": 2}}]}')).toEqual([3]);
    });

    it('nests combinators arbitrarily', () => {
      const header = JSON.stringify({
        '+or': [{ '+or': [{ class: 'nanode' }, { class: 'dedicated' }] }, { '+and': [{ vcpus: 2 }, { deprecated: true }] }],
      });
      expect(ids(header)).toEqual([1, 3, 4]);
    });

    it('an empty +or matches nothing and an empty +and matches everything', () => {
      expect(ids('{"+or": []}')).toEqual([]);
      expect(ids('{"+and": []}')).toEqual([1, 2, 3, 4]);
    });
  });

  describe('ordering', () => {
    it('+order_by sorts ascending by default', () => {
      expect(ids('{"+order_by": "vcpus"}')).toEqual([1, 2, 3, 4]);
      expect(ids('{"+order_by": "label"}')).toEqual([4, 2, 3, 1]);
    });

    it('+order desc sorts descending', () => {
      expect(ids('{"+order_by": "vcpus", "+order": "desc"}')).toEqual([4, 3, 2, 1]);
    });

    it('breaks ties with the tiebreaker field in the same direction', () => {
      expect(ids('{"+order_by": "created", "+order": "asc"}')).toEqual([1, 2, 3, 4]);
      expect(ids('{"+order_by": "created", "+order": "desc"}')).toEqual([4, 3, 2, 1]);
    });

    it('filters and orders together', () => {
      expect(ids('{"class": "standard", "+order_by": "vcpus", "+order": "desc"}')).toEqual([3, 2]);
    });

    it('sorts nulls first when ascending', () => {
      expect(ids('{"+order_by": "image"}')).toEqual([2, 1, 4, 3]);
    });
  });

  describe('rejections (400, field X-Filter)', () => {
    it('rejects a field that is not filterable, naming it', () => {
      expect(reasonFor('{"memory": 1024}')).toBe('Cannot filter on memory');
    });

    it('rejects a non-filterable field inside a combinator', () => {
      expect(reasonFor('{"+or": [{"class": "nanode"}, {"status": "running"}]}')).toBe('Cannot filter on status');
    });

    it('rejects ordering by a field that is not filterable', () => {
      expect(reasonFor('{"+order_by": "memory"}')).toBe('Cannot filter on memory');
    });

    it('rejects ordering by a field the spec marks unorderable', () => {
      expect(reasonFor('{"+order_by": "deprecated"}')).toBe('Cannot order by deprecated');
    });

    it('rejects ordering by an array field', () => {
      expect(reasonFor('{"+order_by": "tags"}')).toBe('Cannot order by tags');
    });

    it('rejects +order without +order_by', () => {
      expect(reasonFor('{"+order": "desc"}')).toBe('+order requires +order_by');
    });

    it('rejects an +order other than asc or desc', () => {
      expect(reasonFor('{"+order_by": "id", "+order": "up"}')).toBe('+order must be "asc" or "desc"');
    });

    it('rejects ordering inside a combinator', () => {
      expect(reasonFor('{"+or": [{"+order_by": "id"}]}')).toBe('+order_by is only allowed at the top level');
    });

    it('rejects text that is not JSON', () => {
      expect(reasonFor('{class: standard}')).toBe('X-Filter is not valid JSON');
    });

    it('rejects JSON that is not an object', () => {
      expect(reasonFor('["class"]')).toBe('X-Filter must be a JSON object');
      expect(reasonFor('null')).toBe('X-Filter must be a JSON object');
    });

    it('rejects an unknown operator', () => {
      expect(reasonFor('{"vcpus": {"+between": [1, 2]}}')).toBe('Unknown operator +between');
      expect(reasonFor('{"+not": {"class": "nanode"}}')).toBe('Unknown operator +not');
    });

    it('rejects a field operator used without a field', () => {
      expect(reasonFor('{"+gt": 1}')).toBe('+gt must be applied to a field');
    });

    it('rejects a combinator that is not an array of objects', () => {
      expect(reasonFor('{"+or": {"class": "nanode"}}')).toBe('+or must be an array of filter objects');
      expect(reasonFor('{"+and": ["nanode"]}')).toBe('+and must be an array of filter objects');
    });

    it('rejects an equality value of the wrong type', () => {
      expect(reasonFor('{"vcpus": "1"}')).toBe('Invalid value for vcpus: expected a number');
      expect(reasonFor('{"deprecated": "yes"}')).toBe('Invalid value for deprecated: expected true or false');
      expect(reasonFor('{"tags": ["web"]}')).toBe('Invalid value for tags: expected a string');
    });

    it('rejects a comparison on a field that is neither a number nor a date-time', () => {
      expect(reasonFor('{"label": {"+gt": "a"}}')).toBe('+gt cannot be used on label');
    });

    it('rejects a comparison value of the wrong type', () => {
      expect(reasonFor('{"vcpus": {"+gte": "2"}}')).toBe('Invalid value for vcpus +gte: expected a number');
      expect(reasonFor('{"created": {"+lt": 5}}')).toBe('Invalid value for created +lt: expected a date-time string');
    });

    it('rejects +contains on a number field or with a non-string', () => {
      expect(reasonFor('{"vcpus": {"+contains": "1"}}')).toBe('+contains cannot be used on vcpus');
      expect(reasonFor('{"label": {"+contains": 1}}')).toBe('Invalid value for label +contains: expected a string');
    });

    it('refuses every key when the resource has no filterable fields', () => {
      const none: XFilterSpec = { fields: {} };
      expect(() => parseXFilter('{"id": "us-east"}', none)).toThrow(new XFilterError('Cannot filter on id'));
      expect(applyXFilter([{ id: 'us-east' }], parseXFilter('{}', none), none)).toHaveLength(1);
    });
  });
});
