import { HttpStatus, Injectable } from '@nestjs/common';
import type { CatalogSnapshot } from '../catalog/catalog-snapshot';
import { CatalogService } from '../catalog/catalog.service';
import { UserFacingError } from '../common/user-facing.error';
import type { LinodeFieldError } from '../linode/linode-api.error';
import { ConfigurePageService } from './configure-page.service';
import type { ConfigureViewModel } from './configure-view-model';
import { FORM_FIELDS } from './configure-form';
import { formOfDraft, withPasswordReentry, type DeploymentDraft, type FieldErrors } from './deployment-draft';
import { KeptChoicesStore } from './kept-choices.store';
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

const REFUSED_NOTICE =
  'Linode could not create the server with these choices, so nothing was created. Your choices are filled in below: change what is marked and deploy again. Passwords and other secret values are never kept, so enter them again.';

/** "Try again" after a refusal: the person's non-secret choices come back with the fields Linode named marked. */
@Injectable()
export class KeptChoicesService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly store: KeptChoicesStore,
    private readonly pages: ConfigurePageService,
  ) {}

  /** The path of the page that shows them. */
  async keep(draft: DeploymentDraft, ownerId: string, refusal: Refusal): Promise<string> {
    const snapshot = await this.catalog.snapshot(draft.stackScriptId);
    const form = formOfDraft(draft, snapshot);
    const errors: FieldErrors = { ...(refusal.fieldErrors ?? {}) };
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
    const id = await this.store.keep({
      ownerId,
      stackScriptId: draft.stackScriptId,
      form,
      errors: marked,
      notice: unplaced.length ? `${REFUSED_NOTICE} Linode said: ${unplaced.join(' ')}` : REFUSED_NOTICE,
    });
    return `/again/${id}`;
  }

  async page(id: string, ownerId: string): Promise<ConfigureViewModel> {
    const kept = await this.store.find(id, ownerId);
    if (!kept || !this.catalog.isAllowed(kept.stackScriptId)) throw new KeptChoicesGoneError();
    const model = await this.pages.viewModel(kept.form, kept.errors, kept.stackScriptId);
    return { ...model, keptNotice: kept.notice };
  }
}

/** The form field a Linode error names (`region`, `stackscript_data.NAME`, …); null when none of ours. */
export function formFieldFor(linodeField: string | null, snapshot: CatalogSnapshot): string | null {
  if (!linodeField) return null;
  const [head, ...rest] = linodeField.split('.');
  // Our own field names are Linode's create fields.
  if ((Object.values(FORM_FIELDS) as string[]).includes(head)) return head;
  // Linode names a UDF as `stackscript_data.NAME`, and sometimes bare.
  const name = head === STACKSCRIPT_DATA_ERROR_KEY ? rest.join('.') : linodeField;
  const udf = snapshot.udfForm.fields.find((field) => field.name === name);
  if (udf) return udf.inputName;
  return head === STACKSCRIPT_DATA_ERROR_KEY ? STACKSCRIPT_DATA_ERROR_KEY : null;
}
