import { Injectable } from '@nestjs/common';
import type { SandboxInstance } from './sandbox-instance';

/** Every account's Linodes. Ids are never reused, not even across a reset. */
@Injectable()
export class SandboxInstanceStore {
  private readonly instances = new Map<number, SandboxInstance>();
  private lastId = 60_000_000;

  nextId(): number {
    this.lastId += 1;
    return this.lastId;
  }

  add(instance: SandboxInstance): void {
    this.instances.set(instance.id, instance);
  }

  /** Any account's Linode with this id. */
  get(id: number): SandboxInstance | undefined {
    return this.instances.get(id);
  }

  /** The account's Linode with this id; another account's is as good as missing. */
  find(username: string, id: number): SandboxInstance | undefined {
    const instance = this.instances.get(id);
    return instance?.username === username ? instance : undefined;
  }

  forAccount(username: string): SandboxInstance[] {
    return this.all().filter((instance) => instance.username === username);
  }

  /** Every account's Linodes in the order they were added (creation order), without copying. */
  oldestFirst(): IterableIterator<SandboxInstance> {
    return this.instances.values();
  }

  /** How many Linodes the account has. */
  countFor(username: string): number {
    let count = 0;
    for (const instance of this.instances.values()) if (instance.username === username) count += 1;
    return count;
  }

  /** Every account's Linodes, oldest first. */
  all(): SandboxInstance[] {
    return [...this.instances.values()].sort((a, b) => a.id - b.id);
  }

  /** Labels are unique per account; compared without regard to case. */
  labelTaken(username: string, label: string): boolean {
    const wanted = label.toLowerCase();
    return this.forAccount(username).some((instance) => instance.label.toLowerCase() === wanted);
  }

  remove(id: number): void {
    this.instances.delete(id);
  }

  reset(): void {
    this.instances.clear();
  }
}
