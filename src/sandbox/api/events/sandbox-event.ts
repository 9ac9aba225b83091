import type { LinodeEvent } from '../../contract/linode.contract';
import { linodeTime } from '../http/linode-time';

export type SandboxEventAction =
  'linode_create' | 'linode_boot' | 'linode_delete' | 'stackscript_create' | 'stackscript_update' | 'stackscript_delete';

/** An account event as the sandbox keeps it: its progress is derived from timestamps when read. */
export interface SandboxEvent {
  id: number;
  username: string;
  action: SandboxEventAction;
  entity: { id: number; label: string; type: 'linode' | 'stackscript'; url: string };
  startedAt: number;
  /** When the action completes; null for an instant notification (`linode_delete`, `stackscript_*`). */
  finishedAt: number | null;
  /** When the entity went away while the action was still running (the action then failed). */
  abortedAt: number | null;
}

/**
 * The Linode event as of `now`, or null while it has not started yet (a boot scheduled after
 * provisioning) or if its entity went away before it started. While running, `percent_complete`
 * rises with elapsed time; finished events report 100 and their duration in seconds.
 */
export function toLinodeEvent(event: SandboxEvent, now: number): LinodeEvent | null {
  if (now < event.startedAt) return null;
  if (event.abortedAt !== null && event.abortedAt <= event.startedAt) return null;

  // The fields of a real event, with its empty `message` and `details` (the actions the sandbox
  // records carry neither).
  const base = {
    id: event.id,
    created: linodeTime(event.startedAt),
    seen: false,
    read: false,
    time_remaining: null,
    rate: null,
    action: event.action,
    username: event.username,
    entity: { ...event.entity },
    secondary_entity: null,
    message: '',
    details: {},
  };
  if (event.finishedAt === null) {
    return { ...base, status: 'notification', percent_complete: null, duration: null };
  }
  const span = Math.max(1, event.finishedAt - event.startedAt);
  const progressAt = (at: number) => Math.min(99, Math.floor((100 * (at - event.startedAt)) / span));
  if (event.abortedAt !== null && event.abortedAt < event.finishedAt && now >= event.abortedAt) {
    return {
      ...base,
      status: 'failed',
      percent_complete: progressAt(event.abortedAt),
      duration: (event.abortedAt - event.startedAt) / 1000,
    };
  }
  if (now >= event.finishedAt) {
    return { ...base, status: 'finished', percent_complete: 100, duration: (event.finishedAt - event.startedAt) / 1000 };
  }
  return { ...base, status: 'started', percent_complete: progressAt(now), duration: null };
}
