import hbs from 'hbs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerViews, VIEWS_DIR } from '../views/view-registrar';
import type { DeploymentRecord } from './deployment.record';
import { deleteConfirmViewModel, deploymentViewModel } from './deployment.view-model';
import { aDeploymentRecord } from './testing/deployment-record.fixture';

registerViews();
const page = hbs.handlebars.compile(readFileSync(join(VIEWS_DIR, 'pages', 'deployment.hbs'), 'utf8'));
const render = (overrides: Partial<DeploymentRecord>) => page(deploymentViewModel(aDeploymentRecord(overrides), null));
const stepsOf = (html: string) => [...html.matchAll(/<li class="([^"]+)">\s*<span class="step-label">([^<]+)<\/span>.*?<\/li>/gs)];

describe('the deployment page', () => {
  it('marks each step done, in progress or waiting, for screen readers too', () => {
    const steps = stepsOf(render({ phase: 'booting' }));
    expect(steps.map(([, classes, label]) => `${label}: ${classes}`)).toEqual([
      'Created: step step-done',
      'Provisioning: step step-done',
      'Booting: step step-current',
      'Running: step',
      'Setting up the application: step',
    ]);
    expect(steps[0][0]).toContain('(done)');
    expect(steps[2][0]).toContain('(in progress)');
    expect(steps[3][0]).not.toMatch(/\((done|in progress)\)/);
  });

  it('shows the StackScript note once the server runs', () => {
    expect(render({ phase: 'running' })).toContain('The server is up. The application’s StackScript now runs on it');
    expect(render({ phase: 'booting' })).not.toContain('The application’s StackScript now runs on it');
  });

  it('points to Cloud Manager once it stopped following the server', () => {
    expect(render({ phase: 'unknown' })).toContain('See the server in the Linode Cloud Manager');
    expect(render({ phase: 'running' })).not.toContain('See the server in the Linode Cloud Manager');
  });

  it('says a deleted server was deleted, and no longer how to delete it', () => {
    expect(render({ phase: 'deleted' })).toContain('This server has been deleted.');
    expect(render({ phase: 'deleted' })).not.toContain('the Linode’s menu → Delete');
    expect(render({ phase: 'running' })).toContain('the Linode’s menu → Delete');
  });
});

describe('the delete confirmation page', () => {
  const confirmPage = hbs.handlebars.compile(readFileSync(join(VIEWS_DIR, 'pages', 'delete-confirm.hbs'), 'utf8'));
  const confirm = (canDelete: boolean, overrides: Partial<DeploymentRecord>) =>
    confirmPage(deleteConfirmViewModel(aDeploymentRecord(overrides), canDelete));

  it('asks before deleting, with a form that posts the delete', () => {
    const html = confirm(true, { phase: 'running' });
    expect(html).toContain('It cannot be undone');
    expect(html).toMatch(/<form method="post" action="\/deployments\/[^/"]+\/delete"/);
  });

  it('offers no delete once the page cannot delete, and says why', () => {
    const givenBack = confirm(false, { phase: 'running' });
    expect(givenBack).not.toContain('<form');
    expect(givenBack).toContain('Its access to your Linode account has been given back');
    expect(givenBack).toContain('Back to the deployment');
    const deleted = confirm(false, { phase: 'deleted' });
    expect(deleted).toContain('has been deleted</h1>');
    expect(deleted).not.toContain('<form');
  });
});
