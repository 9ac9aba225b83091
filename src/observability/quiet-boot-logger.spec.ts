import { createMock } from '@golevelup/ts-jest';
import type { PinoLogger } from 'nestjs-pino';
import { QuietBootLogger } from './quiet-boot-logger';

describe('QuietBootLogger', () => {
  it.each(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication'])(
    'moves %s start-up lines to debug',
    (context) => {
      const pino = createMock<PinoLogger>();
      new QuietBootLogger(pino, {}).log('Mapped {/, GET} route', context);
      expect(pino.debug).toHaveBeenCalledWith({ context }, 'Mapped {/, GET} route');
      expect(pino.info).not.toHaveBeenCalled();
    },
  );

  it('keeps the app’s own info lines at info', () => {
    const pino = createMock<PinoLogger>();
    new QuietBootLogger(pino, {}).log('catalog loaded', 'Catalog');
    expect(pino.info).toHaveBeenCalledWith({ context: 'Catalog' }, 'catalog loaded');
  });

  it('never quiets warnings or errors, whatever their context', () => {
    const pino = createMock<PinoLogger>();
    const logger = new QuietBootLogger(pino, {});
    logger.warn('slow start', 'NestApplication');
    logger.error('failed', 'InstanceLoader');
    expect(pino.warn).toHaveBeenCalledWith({ context: 'NestApplication' }, 'slow start');
    expect(pino.error).toHaveBeenCalledWith({ context: 'InstanceLoader' }, 'failed');
    expect(pino.debug).not.toHaveBeenCalled();
  });
});
