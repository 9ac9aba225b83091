import { Injectable, OnModuleInit, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';

interface Route {
  pattern: RegExp;
  method: string;
}

/** Turns `v4/linode/instances` + `:linodeId` into a matcher for `/v4/linode/instances/123`. */
export function routePattern(controllerPath: string, handlerPath: string): RegExp {
  const segments = `${controllerPath}/${handlerPath}`.split('/').filter(Boolean);
  const source = segments.map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
  return new RegExp(`^/${source}/?$`);
}

/**
 * The sandbox's JSON routes (API and control plane), read from the controllers' own metadata, so
 * an unknown method on a known path can be answered 405 with `Allow` instead of 404.
 */
@Injectable()
export class SandboxRouteTable implements OnModuleInit {
  private routes: Route[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onModuleInit(): void {
    this.routes = [];
    for (const wrapper of this.discovery.getControllers()) {
      const controller = wrapper.metatype;
      const prototype = wrapper.instance ? Object.getPrototypeOf(wrapper.instance) : null;
      if (!controller || !prototype) continue;
      const controllerPaths = [Reflect.getMetadata(PATH_METADATA, controller) ?? ''].flat() as string[];
      if (!controllerPaths.some((path) => /^\/?(v4|__sandbox)\b/.test(path))) continue;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const handlerPaths = [Reflect.getMetadata(PATH_METADATA, handler) ?? ''].flat() as string[];
        for (const controllerPath of controllerPaths) {
          for (const handlerPath of handlerPaths) {
            this.routes.push({ pattern: routePattern(controllerPath, handlerPath), method: RequestMethod[method] });
          }
        }
      }
    }
  }

  /** Methods the path answers to (HEAD with GET), or an empty list for an unknown path. */
  allowedMethods(path: string): string[] {
    const methods = new Set(this.routes.filter((route) => route.pattern.test(path)).map((route) => route.method));
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods];
  }
}
