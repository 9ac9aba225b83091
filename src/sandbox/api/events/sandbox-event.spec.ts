import { eventSchema, strictSchema } from '../../contract/linode.contract';
import { SandboxEvent, toLinodeEvent } from './sandbox-event';
import { SANDBOX_DEFAULTS } from '../../sandbox.options';
import { SandboxEventLog } from './sandbox-event.log';

const T0 = Date.UTC(2024, 4, 1, 12, 0, 0);
const entity = { id: 60000001, label: 'web-1', type: 'linode' as const, url: '/v4/linode/instances/60000001' };

function event(overrides: Partial<SandboxEvent> = {}): SandboxEvent {
  return { id: 1, username: 'alice', action: 'linode_create', entity, startedAt: T0, finishedAt: T0 + 1000, abortedAt: null, ...overrides };
}

describe('toLinodeEvent', () => {
  it('is invisible before it starts', () => {
    expect(toLinodeEvent(event(), T0 - 1)).toBeNull();
  });

  it('reports progress rising while started', () => {
    expect(toLinodeEvent(event(), T0)).toMatchObject({ status: 'started', percent_complete: 0, duration: null });
    expect(toLinodeEvent(event(), T0 + 500)).toMatchObject({ status: 'started', percent_complete: 50 });
    expect(toLinodeEvent(event(), T0 + 999)).toMatchObject({ status: 'started', percent_complete: 99 });
  });

  it('is finished at 100% with its duration in seconds once done', () => {
    expect(toLinodeEvent(event(), T0 + 1000)).toMatchObject({ status: 'finished', percent_complete: 100, duration: 1 });
  });

  it('fails where it stopped when its entity went away mid-way', () => {
    expect(toLinodeEvent(event({ abortedAt: T0 + 250 }), T0 + 5000)).toMatchObject({ status: 'failed', percent_complete: 25 });
  });

  it('never appears when its entity went away before it started', () => {
    expect(toLinodeEvent(event({ startedAt: T0 + 600, abortedAt: T0 + 300 }), T0 + 5000)).toBeNull();
  });

  it('is an instant notification when it has no end', () => {
    expect(toLinodeEvent(event({ action: 'linode_delete', finishedAt: null }), T0)).toMatchObject({
      status: 'notification',
      percent_complete: null,
    });
  });

  it('renders exactly Linode’s event shape, with the entity and username', () => {
    const view = toLinodeEvent(event(), T0 + 2000);
    expect(() => strictSchema(eventSchema).parse(view)).not.toThrow();
    expect(view).toMatchObject({ entity, username: 'alice', created: '2024-05-01T12:00:00', read: false, seen: false });
  });
});

describe('SandboxEventLog', () => {
  it('lists only the account’s visible events, newest first', () => {
    const log = new SandboxEventLog(SANDBOX_DEFAULTS);
    log.record(event({ id: 1 }));
    log.record(event({ id: 2, action: 'linode_boot', startedAt: T0 + 600 }));
    log.record(event({ id: 3, username: 'bob' }));
    log.record(event({ id: 4, startedAt: T0 + 10_000 }));
    expect(log.forAccount('alice', T0 + 700).map((e) => e.id)).toEqual([2, 1]);
  });

  it('marks the unfinished events of a deleted entity as cut short', () => {
    const log = new SandboxEventLog(SANDBOX_DEFAULTS);
    log.record(event({ id: 1 }));
    log.abortFor(entity.id, T0 + 400);
    expect(log.forAccount('alice', T0 + 5000)[0]).toMatchObject({ status: 'failed', percent_complete: 40 });
  });

  it('never reuses an id, even after a reset', () => {
    const log = new SandboxEventLog(SANDBOX_DEFAULTS);
    const first = log.nextId();
    log.reset();
    expect(log.nextId()).toBeGreaterThan(first);
  });

  it('keeps the events of a deleted Linode, for the retention period only', () => {
    const log = new SandboxEventLog({ eventRetentionMs: 60_000, maxEvents: 100 });
    log.record(event({ id: 1 }));
    log.record(event({ id: 2, action: 'linode_delete', startedAt: T0 + 5_000, finishedAt: null }));
    expect(log.forAccount('alice', T0 + 59_000).map((e) => e.id)).toEqual([2, 1]);
    expect(log.forAccount('alice', T0 + 62_000).map((e) => e.id)).toEqual([2]);
    expect(log.forAccount('alice', T0 + 66_000)).toEqual([]);
    expect(log.size).toBe(0);
  });

  it('keeps at most maxEvents, dropping the oldest first', () => {
    const log = new SandboxEventLog({ eventRetentionMs: 86_400_000, maxEvents: 3 });
    for (let id = 1; id <= 10; id += 1) log.record(event({ id, startedAt: T0 + id }));
    expect(log.size).toBe(3);
    expect(log.forAccount('alice', T0 + 100).map((e) => e.id)).toEqual([10, 9, 8]);
  });
});
