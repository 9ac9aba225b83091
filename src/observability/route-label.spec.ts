import express from 'express';
import request from 'supertest';
import { routeLabel, UNMATCHED_ROUTE } from './route-label';

/** An Express app that answers with the label its routes would be recorded under. */
function appWith(configure: (app: express.Express) => void): express.Express {
  const app = express();
  const labelled: string[] = [];
  app.use((req, res, next) => {
    res.on('finish', () => labelled.push(routeLabel(req)));
    next();
  });
  configure(app);
  app.get('/__label', (_req, res) => void res.json(labelled));
  return app;
}

async function labelFor(app: express.Express, path: string): Promise<string> {
  await request(app).get(path);
  const response = await request(app).get('/__label');
  return (response.body as string[])[0];
}

describe('routeLabel', () => {
  it('is the templated path of the route that handled the request', async () => {
    const app = appWith((app) => app.get('/deployments/:id', (_req, res) => void res.send('ok')));
    expect(await labelFor(app, '/deployments/abc')).toBe('/deployments/:id');
  });

  it('is "unmatched" when no route handled the request', async () => {
    const app = appWith(() => undefined);
    expect(await labelFor(app, '/missing')).toBe(UNMATCHED_ROUTE);
  });

  it('is "unmatched" when only a catch-all middleware route saw the request (Nest\'s forRoutes)', async () => {
    const app = appWith((app) => app.all('/{*path}', (_req, _res, next) => next()));
    expect(await labelFor(app, '/missing')).toBe(UNMATCHED_ROUTE);
  });

  it("is the handler's route when a catch-all middleware route ran first", async () => {
    const app = appWith((app) => {
      app.all('/{*path}', (_req, _res, next) => next());
      app.get('/deployments/:id', (_req, res) => void res.send('ok'));
    });
    expect(await labelFor(app, '/deployments/abc')).toBe('/deployments/:id');
  });
});
