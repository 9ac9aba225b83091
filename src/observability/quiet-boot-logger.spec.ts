import type { LoggerService } from '@nestjs/common';
import { QuietBootLogger } from './quiet-boot-logger';

describe('QuietBootLogger', () => {
  const calls: [string, unknown[]][] = [];
  const inner: LoggerService = {
    log: (...args: unknown[]) => void calls.push(['log', args]),
    error: (...args: unknown[]) => void calls.push(['error', args]),
    warn: (...args: unknown[]) => void calls.push(['warn', args]),
    debug: (...args: unknown[]) => void calls.push(['debug', args]),
  };
  beforeEach(() => calls.splice(0));

  it.each(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication'])(
    'moves %s start-up lines to debug',
    (context) => {
      new QuietBootLogger(inner).log('Mapped {/, GET} route', context);
      expect(calls).toEqual([['debug', ['Mapped {/, GET} route', context]]]);
    },
  );

  it('keeps the app’s own info lines at info', () => {
    new QuietBootLogger(inner).log('catalog loaded', 'Catalog');
    expect(calls).toEqual([['log', ['catalog loaded', 'Catalog']]]);
  });

  it('never quiets warnings or errors, whatever their context', () => {
    const logger = new QuietBootLogger(inner);
    logger.warn('slow start', 'NestApplication');
    logger.error('failed', 'InstanceLoader');
    expect(calls.map(([level]) => level)).toEqual(['warn', 'error']);
  });
});
