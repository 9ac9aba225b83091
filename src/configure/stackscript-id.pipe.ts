import { Injectable, Param, type PipeTransform } from '@nestjs/common';
import { CatalogService } from '../catalog/catalog.service';
import { StackScriptNotOfferedError } from '../catalog/catalog.errors';

/** An id on the allow-list, or a 404 before the catalog is asked; undefined (the default StackScript) on a path without it. */
@Injectable()
class AllowedStackScriptPipe implements PipeTransform<string | undefined, number | undefined> {
  constructor(private readonly catalog: CatalogService) {}

  transform(value: string | undefined): number | undefined {
    if (value === undefined) return undefined;
    // At most 15 digits: always a safe integer.
    const id = Number(value);
    if (!/^[1-9][0-9]{0,14}$/.test(value) || !this.catalog.isAllowed(id)) throw new StackScriptNotOfferedError();
    return id;
  }
}

/** `@StackScriptId() id: number | undefined` on a route served at `/…` and at `/s/:stackScriptId/…`. */
export const StackScriptId = (): ParameterDecorator => Param('stackScriptId', AllowedStackScriptPipe);
