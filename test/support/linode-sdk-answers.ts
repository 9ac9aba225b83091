/**
 * What each answer the Linode SDK suite saves must be, in @linode/api-v4's own types. Where a real
 * recorded Linode answer (test/fixtures/linode-recorded) disagrees with those types, the recording
 * wins: only the fields listed in RECORDED_DISAGREEMENTS are set aside, and the suite checks each
 * against its recording.
 */
import type { APIError, Event, Image, Linode, LinodeType, Profile, Region, ResourcePage, StackScript } from '@linode/api-v4';

export interface RecordedDisagreement {
  sdkType: string;
  /** Dot path inside the object. */
  field: string;
  /**
   * What every recorded object shows there (`null`, `absent`, `present`), or a value some recorded
   * object's list holds, where the SDK's type says otherwise.
   */
  shows: 'null' | 'absent' | 'present' | { someHold: string };
  sdkSays: string;
  /** The recording (test/fixtures/linode-recorded/…): a list's items, or the one object it holds. */
  evidence: { file: string; objects: 'data[]' | 'root' };
}

export const RECORDED_DISAGREEMENTS: readonly RecordedDisagreement[] = [
  {
    sdkType: 'Image',
    field: 'regions',
    shows: 'null',
    sdkSays: 'ImageRegion[]',
    evidence: { file: 'images.list.json', objects: 'data[]' },
  },
  { sdkType: 'Image', field: 'total_size', shows: 'absent', sdkSays: 'number', evidence: { file: 'images.list.json', objects: 'data[]' } },
  {
    sdkType: 'Image',
    field: 'image_sharing',
    shows: 'null',
    sdkSays: 'ImageSharingData or absent',
    evidence: { file: 'images.list.json', objects: 'data[]' },
  },
  {
    sdkType: 'LinodeType',
    field: 'accelerated_devices',
    shows: 'absent',
    sdkSays: 'number',
    evidence: { file: 'linode-types.list.json', objects: 'data[]' },
  },
  {
    sdkType: 'Linode',
    field: 'backups.available',
    shows: 'present',
    sdkSays: 'no such field in LinodeBackups',
    evidence: { file: 'instance.get.json', objects: 'root' },
  },
  {
    sdkType: 'Linode',
    field: 'host_uuid',
    shows: 'present',
    sdkSays: 'no such field',
    evidence: { file: 'instance.get.json', objects: 'root' },
  },
  {
    sdkType: 'Region',
    field: 'capabilities',
    shows: { someHold: 'VPC IPv6 Stack' },
    sdkSays: 'Capabilities[], a union without it',
    evidence: { file: 'regions.list.json', objects: 'data[]' },
  },
  {
    sdkType: 'Region',
    field: 'placement_group_limits.maximum_linodes_per_flexible_pg',
    shows: 'present',
    sdkSays: 'no such field',
    evidence: { file: 'regions.list.json', objects: 'data[]' },
  },
  {
    sdkType: 'Event',
    field: 'details',
    shows: 'present',
    sdkSays: 'no such field',
    evidence: { file: 'account-events.list.json', objects: 'data[]' },
  },
];

/** A public image as Linode answers it: `regions` and `image_sharing` null, no `total_size`. */
export type AnsweredImage = Omit<Image, 'regions' | 'total_size' | 'image_sharing'> & { regions: null; image_sharing: null };

/** A region as Linode answers it: capabilities the SDK does not list yet, the flexible placement group limit. */
export type AnsweredRegion = Omit<Region, 'capabilities' | 'placement_group_limits'> & {
  capabilities: (Region['capabilities'][number] | 'VPC IPv6 Stack')[];
  placement_group_limits: Region['placement_group_limits'] & { maximum_linodes_per_flexible_pg: number };
};

/** A plan type as Linode answers it: no `accelerated_devices`. */
export type AnsweredLinodeType = Omit<LinodeType, 'accelerated_devices'>;

/** A Linode as Linode answers it: with `host_uuid`, and backups that say whether they are `available`. */
export type AnsweredLinode = Omit<Linode, 'backups'> & { host_uuid: string; backups: Linode['backups'] & { available: boolean } };

/** An event as Linode answers it: with `details`. */
export type AnsweredEvent = Event & { details: Record<string, unknown> | null };

/** Linode's error envelope, in the SDK's `APIError`. */
export interface ErrorEnvelope {
  errors: APIError[];
}

/** Every answer the suite saves; the generated fixture declares one object of this type, so none can be missing. */
export interface LinodeSdkAnswers {
  regions: ResourcePage<AnsweredRegion>;
  region: AnsweredRegion;
  types: ResourcePage<AnsweredLinodeType>;
  typesPage: ResourcePage<AnsweredLinodeType>;
  type: AnsweredLinodeType;
  images: ResourcePage<AnsweredImage>;
  imagesPage2: ResourcePage<AnsweredImage>;
  imagesFiltered: ResourcePage<AnsweredImage>;
  image: AnsweredImage;
  stackScripts: ResourcePage<StackScript>;
  stackScriptsFiltered: ResourcePage<StackScript>;
  stackScript: StackScript;
  stackScriptCreated: StackScript;
  stackScriptUpdated: StackScript;
  stackScriptDeleted: Record<string, never>;
  linodeCreated: AnsweredLinode;
  linode: AnsweredLinode;
  linodes: ResourcePage<AnsweredLinode>;
  linodeDeleted: Record<string, never>;
  events: ResourcePage<AnsweredEvent>;
  eventsFiltered: ResourcePage<AnsweredEvent>;
  profile: Profile;
  errors: ErrorEnvelope[];
}
