import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { CatalogSnapshot } from '../catalog/catalog-snapshot';
import { CatalogService } from '../catalog/catalog.service';
import { UserFacingError } from '../common/user-facing.error';
import type { LinodeFieldError } from '../linode/linode-api.error';
import { KEY_VALUE_STORE, type KeyValueStore } from '../store/key-value.store';
import { ConfigurePageService } from './configure-page.service';
import type { ConfigureViewModel } from './configure-view-model';
import { FORM_FIELDS, type ConfigureForm } from './configure-form';
import { formOfDraft, withPasswordReentry, type DeploymentDraft, type FieldErrors } from './deployment-draft';
import { isSecretUdf } from '../catalog/udf/secret-udf';
import { STACKSCRIPT_DATA_ERROR_KEY } from './udf-validation';

export interface Refusal {
  /** Problems already keyed by form field (the catalog changed while the person was at Linode). */
  fieldErrors?: FieldErrors;
  linodeErrors?: readonly LinodeFieldError[];
}

export class KeptChoicesGoneError extends UserFacingError {
  constructor() {
    super({
      status: HttpStatus.NOT_FOUND,
      title: 'Your choices are no longer kept',
      message: 'Choices are kept for 30 minutes after Linode refuses them, and only for the browser that made them. Please choose again.',
    });
  }
}

const KEPT_CHOICES_TTL_MS = 30 * 60 * 1000;
// The key names the stored shape: choices kept by another version of the app are not found rather than misread.
const KEY_PREFIX = 'kept-form:';

/** A person's choices after Linode refused them: never a password or other secret UDF. */
interface KeptChoices {
  /** The session's browserId: only the browser that made them gets them back. */
  ownerId: string;
  stackScriptId: number;
  form: ConfigureForm;
  errors: FieldErrors;
  /** What Linode said that names no field of the form. */
  notice: string | null;
}

const REFUSED_NOTICE =
  'Linode could not create the server with these choices, so nothing was created. Your choices are filled in below: change what is marked and deploy again. Passwords and other secret values are never kept, so enter them again.';

/** "Try again" after a refusal: the person's non-secret choices come back with the fields Linode named marked. */
@Injectable()
export class KeptChoicesService {
  constructor(
    private readonly catalog: CatalogService,
    @Inject(KEY_VALUE_STORE) private readonly store: KeyValueStore,
    private readonly pages: ConfigurePageService,
  ) {}

  /** The path of the page that shows them. */
  async keep(draft: DeploymentDraft, ownerId: string, refusal: Refusal): Promise<string> {
    const snapshot = await this.catalog.snapshot(draft.stackScriptId);
    const form = formOfDraft(draft, snapshot);
    const errors: FieldErrors = { ...refusal.fieldErrors };
    const unplaced: string[] = [];
    for (const problem of refusal.linodeErrors ?? []) {
      const field = formFieldFor(problem.field, snapshot);
      if (field === null) unplaced.push(problem.reason);
      else errors[field] = errors[field] ? `${errors[field]} ${problem.reason}` : `Linode: ${problem.reason}`;
    }
    const marked = withPasswordReentry(errors, form, snapshot); // before the secrets are dropped
    for (const field of snapshot.udfForm.fields) {
      if (isSecretUdf(field)) delete form.udf[field.inputName]; // never stored past the create
    }
    const kept: KeptChoices = {
      ownerId,
      stackScriptId: draft.stackScriptId,
      form,
      errors: marked,
      notice: unplaced.length ? `${REFUSED_NOTICE} Linode said: ${unplaced.join(' ')}` : REFUSED_NOTICE,
    };
    const id = randomBytes(16).toString('base64url');
    await this.store.set(KEY_PREFIX + id, kept, KEPT_CHOICES_TTL_MS);
    return `/again/${id}`;
  }

  /** Not single use: reloading the page shows the choices again. Another browser, or one without a session, finds nothing. */
  async page(id: string, ownerId: string | undefined): Promise<ConfigureViewModel> {
    const kept = ownerId && /^[A-Za-z0-9_-]{22}$/.test(id) ? await this.store.get<KeptChoices>(KEY_PREFIX + id) : undefined;
    if (!kept || kept.ownerId !== ownerId || !this.catalog.isAllowed(kept.stackScriptId)) throw new KeptChoicesGoneError();
    const model = await this.pages.viewModel(kept.form, kept.errors, kept.stackScriptId);
    return { ...model, keptNotice: kept.notice };
  }
}

/** The form field a Linode error names (`region`, `stackscript_data.NAME`, …); null when none of ours. */
export function formFieldFor(linodeField: string | null, snapshot: CatalogSnapshot): string | null {
  if (!linodeField) return null;
  const [head, ...rest] = linodeField.split('.');
  // Our own field names are Linode's create fields.
  if (Object.values<string>(FORM_FIELDS).includes(head)) return head;
  // Linode names a UDF as `stackscript_data.NAME`, and sometimes bare.
  const name = head === STACKSCRIPT_DATA_ERROR_KEY ? rest.join('.') : linodeField;
  const udf = snapshot.udfForm.fields.find((field) => field.name === name);
  if (udf) return udf.inputName;
  return head === STACKSCRIPT_DATA_ERROR_KEY ? STACKSCRIPT_DATA_ERROR_KEY : null;
}
