import { RenderedPages } from '../views/rendered-pages';
import { PublicPageResponder } from '../views/public-page';
import { BytesExpressAdapter } from '../views/bytes-express-adapter';
import { createMock } from '@golevelup/ts-jest';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { PageExceptionFilter } from '../common/page-exception.filter';
import { CatalogModule } from '../catalog/catalog.module';
import { CatalogService } from '../catalog/catalog.service';
import { APP_CONFIG } from '../config/app-config';
import { ConfigurePageService } from './configure-page.service';
import { ConfigureSubmissionService } from './configure-submission.service';
import { ConfigureController } from './configure.controller';
import { DraftStore } from './draft.store';
import { KeptChoicesService } from './kept-choices.service';
import { FakeCatalogSource, sampleCatalog } from '../catalog/testing/catalog-fixtures';
import { registerViews, VIEWS_DIR } from '../views/view-registrar';

async function startApp(source: FakeCatalogSource): Promise<NestExpressApplication> {
  const { id } = source.data.stackScript;
  const catalog = new CatalogService(source, {
    linode: { stackScriptId: id, stackScriptIds: [id] },
    catalogTtlMs: 60_000,
    planClasses: ['nanode', 'standard', 'dedicated'],
  });
  // The page without sign-in behind it: POST / is the journey e2e's.
  const moduleRef = await Test.createTestingModule({
    imports: [CatalogModule],
    controllers: [ConfigureController],
    providers: [
      ConfigurePageService,
      ConfigureSubmissionService,
      RenderedPages,
      PublicPageResponder,
      { provide: KeptChoicesService, useValue: createMock<KeptChoicesService>() },
      { provide: DraftStore, useValue: createMock<DraftStore>() },
      { provide: APP_CONFIG, useValue: { catalogTtlMs: 60_000 } },
    ],
  })
    .overrideProvider(CatalogService)
    .useValue(catalog)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>(new BytesExpressAdapter(), { logger: false });
  app.useGlobalFilters(new PageExceptionFilter()); // the app's own filter: errors become pages
  app.setLocal('sandboxMode', true);
  app.setLocal('appName', 'demo-app');
  registerViews();
  app.setBaseViewsDir(VIEWS_DIR);
  app.setViewEngine('hbs');
  app.set('view options', { layout: 'layouts/main' });
  await app.init();
  return app;
}

function hostileCatalog() {
  const data = sampleCatalog();
  data.stackScript.label = 'Demo <b>App</b>';
  data.stackScript.description = 'Installs <script>alert(1)</script> things & more';
  data.stackScript.user_defined_fields.push({
    name: 'EVIL',
    label: '<script>alert("udf")</script>',
    example: '"><img src=x onerror=alert(2)>',
    default: 'x',
  });
  data.stackScript.user_defined_fields.push({
    name: 'CTRL',
    label: 'Bell\u0007 and NUL\u0000 in a prompt',
    default: 'y',
  });
  return data;
}

beforeAll(() => {
  jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
});
afterAll(() => jest.restoreAllMocks());

describe('configure page (rendered)', () => {
  let source: FakeCatalogSource;
  let app: NestExpressApplication;

  beforeEach(async () => {
    source = new FakeCatalogSource(hostileCatalog());
    app = await startApp(source);
  });

  afterEach(() => app.close());

  describe('GET /', () => {
    let html: string;
    beforeEach(async () => {
      const response = await request(app.getHttpServer()).get('/').expect(200);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(response.headers['cache-control']).toBe('public, max-age=6, stale-while-revalidate=60');
      html = response.text;
    });

    it('renders inside the layout with the sandbox banner, skip link and main landmark', () => {
      expect(html).toMatch(/^<!doctype html>/);
      expect(html).toContain('Sandbox mode — no real Linode account is used');
      expect(html).toContain('<a class="skip-link" href="#main">');
      expect(html).toContain('<main id="main"');
      expect(html).toContain('<div id="flash"');
      expect(html).toContain('<link rel="stylesheet" href="/static/css/app.css">');
      expect(html).toContain('<script src="/static/htmx/htmx.min.js" defer></script>');
    });

    it('has no inline scripts, inline event handlers or inline styles (strict CSP)', () => {
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
      expect(html).not.toMatch(/\son[a-z]+\s*=/i);
      expect(html).not.toMatch(/\sstyle\s*=/i);
    });

    it('carries no per-visitor token, in the form or in htmx headers', () => {
      expect(html).not.toContain('_csrf');
      expect(html).not.toContain('hx-headers');
    });

    it('posts the form to / as a plain form POST (sign-in is a top-level navigation)', () => {
      expect(html).toMatch(/<form id="configure-form"[^>]*method="post" action="\/"/);
      expect(html).not.toMatch(/<form[^>]*hx-post/);
    });

    it('shows a UDF prompt without its control characters', () => {
      expect(html).toContain('Bell and NUL in a prompt');
      expect(html).not.toMatch(/[\u0000\u0007]/);
    });

    it('shows the application name and description from the StackScript, escaped', () => {
      expect(html).toContain('<h1>Demo &lt;b&gt;App&lt;/b&gt;</h1>');
      expect(html).toContain('Installs &lt;script&gt;alert(1)&lt;/script&gt; things &amp; more');
      expect(html).toContain('<title>Deploy Demo &lt;b&gt;App&lt;/b&gt; · demo-app</title>');
    });

    it('lists the plans of the configured classes as radio buttons with specs and prices', () => {
      expect(html).toContain('<input type="radio" id="plan-g6-nanode-1" name="type" value="g6-nanode-1" checked>');
      expect(html).toContain('value="g6-standard-2"');
      expect(html).toContain('value="g6-dedicated-2"');
      expect(html).not.toContain('g1-gpu-rtx6000-1');
      // The first region by label, Jakarta, has its own prices.
      expect(html).toContain('<strong>$6.00</strong>/mo <span class="plan-hourly">$0.009/hr</span>');
      expect(html).toMatch(/<span>1 vCPU<\/span> <span>1 GB RAM<\/span> <span>25 GB storage<\/span> <span>1 TB transfer<\/span>/);
      expect(html).toContain('<legend>Dedicated CPU</legend>');
    });

    it('lists only the regions that can host a Linode', () => {
      expect(html).toContain('<option value="id-cgk" selected>Jakarta, ID (id-cgk)</option>');
      expect(html).toContain('<option value="us-east">Newark, NJ (us-east)</option>');
      expect(html).not.toContain('us-den-edge-1');
      expect(html).not.toContain('ap-south');
    });

    it('lists only the supported, current images', () => {
      expect(html).toContain('<option value="linode/debian12" selected>Debian 12</option>');
      expect(html).toContain('<option value="linode/ubuntu24.04">Ubuntu 24.04 LTS</option>');
      expect(html).not.toContain('linode/debian10');
      expect(html).not.toContain('linode/alpine3.20');
    });

    it('renders each kind of UDF as its input', () => {
      expect(html).toMatch(/<input type="text" id="udf-ADMIN_EMAIL" name="udf_ADMIN_EMAIL" value=""[^>]* required/);
      expect(html).toContain('<p class="hint" id="udf-ADMIN_EMAIL-help">For example: you@example.com</p>');
      expect(html).toMatch(/<input type="password" id="udf-DB_PASSWORD" name="udf_DB_PASSWORD"[^>]*autocomplete="new-password"/);
      expect(html).toContain('<input type="radio" id="udf-SIZE-0" name="udf_SIZE" value="small" checked>');
      expect(html).toContain('<input type="checkbox" id="udf-FEATURES-0" name="udf_FEATURES" value="mail" checked>');
      expect(html).toContain('<input type="checkbox" id="udf-FEATURES-1" name="udf_FEATURES" value="backup">');
    });

    it('puts optional UDFs under "Advanced options", after the required ones', () => {
      const advanced = html.indexOf('<summary>Advanced options</summary>');
      expect(advanced).toBeGreaterThan(html.indexOf('name="udf_DB_PASSWORD"'));
      expect(html.indexOf('name="udf_SIZE"')).toBeGreaterThan(advanced);
    });

    it('escapes a hostile UDF label and example', () => {
      expect(html).toContain('&lt;script&gt;alert(&quot;udf&quot;)&lt;/script&gt;');
      expect(html).toContain('&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(2)&gt;');
      expect(html).not.toContain('<script>alert');
      expect(html).not.toContain('<img src=x');
    });

    it('offers a password generator only as a hidden button that JavaScript reveals', () => {
      expect(html).toContain('data-password-generate="udf-DB_PASSWORD" hidden>Generate<span class="visually-hidden"> a password for');
    });

    it('validates text fields inline by POST, sending only that field', () => {
      expect(html).toMatch(
        /id="label"[^>]*hx-post="\/validate" hx-trigger="keyup changed delay:500ms, change" hx-target="#label-error" hx-swap="innerHTML"\s+hx-vals="{&quot;field&quot;:&quot;label&quot;}" hx-params="field,label"/,
      );
      expect(html).not.toMatch(/id="udf-DB_PASSWORD"[^>]*hx-post/);
    });

    it('summarises the chosen plan and its price', () => {
      expect(html).toMatch(/<div id="price-summary"[^>]*>[\s\S]*Nanode 1GB[\s\S]*\$6.00<\/span> per month/);
    });

    it('keeps a no-JavaScript way to update prices after changing region', () => {
      expect(html).toContain('name="intent" value="update-prices">Update prices</button>');
    });

    it('offers backups unchecked, priced for the chosen plan and region, re-priced through the price fragment', () => {
      const checkbox = /<input type="checkbox" id="backups-enabled" name="backups_enabled" value="true"([^>]*)>/.exec(html);
      expect(checkbox?.[1]).not.toMatch(/checked|disabled/);
      expect(checkbox?.[1]).toContain('hx-get="/price-summary"');
      expect(html).toContain('<label for="backups-enabled">Back up this server (+$2.40/month)</label>');
      expect(html).toContain('<input type="hidden" name="backups_price" value="2.4">');
      expect(html).toContain('name="intent" value="update-prices">Update the backups price</button>');
      expect(html).toContain(`hx-include="[name='type'],[name='region'],[name='image'],[name='backups_enabled']"`);
    });
  });

  it('preselects valid choices from the query and prices the plans for that region', async () => {
    const { text } = await request(app.getHttpServer()).get('/?region=us-east&type=g6-standard-2').expect(200);
    expect(text).toContain('<option value="us-east" selected>');
    expect(text).toContain('value="g6-standard-2" checked');
    expect(text).toContain('<strong>$5.00</strong>/mo <span class="plan-hourly">$0.0075/hr</span>'); // default price
  });

  it('ignores unknown choices in the query', async () => {
    const { text } = await request(app.getHttpServer()).get('/?region=mars-1').expect(200);
    expect(text).toContain('<option value="id-cgk" selected>');
  });

  describe('GET /price-summary', () => {
    const fragment = (query: string) => request(app.getHttpServer()).get(`/price-summary?${query}`).set('HX-Request', 'true').expect(200);

    it('answers htmx with the summary fragment for the region, without the layout', async () => {
      const jakarta = await fragment('type=g6-nanode-1&region=id-cgk');
      const newark = await fragment('type=g6-nanode-1&region=us-east');
      expect(jakarta.text).not.toContain('<html');
      expect(jakarta.text).toContain('<span class="price-monthly">$6.00</span>');
      expect(jakarta.text).toContain('($0.009 per hour)');
      expect(newark.text).toContain('<span class="price-monthly">$5.00</span>');
      expect(newark.text).toContain('Newark, NJ');
      expect(jakarta.headers.vary).toMatch(/HX-Request/);
    });

    it('sends the plan list re-priced out of band when the region changed', async () => {
      const { text } = await fragment('type=g6-standard-2&region=us-east&plans=1');
      expect(text).toContain('<div id="plan-list" hx-swap-oob="innerHTML">');
      expect(text).toContain('value="g6-standard-2" checked');
      expect(text).toContain('<strong>$24.00</strong>/mo');
    });

    it('adds the backups to the summary and the total when they are checked', async () => {
      const { text } = await fragment('type=g6-nanode-1&region=id-cgk&backups_enabled=true');
      expect(text).toContain('<div><dt>Backups</dt><dd>+$2.40 per month</dd></div>');
      expect(text).toContain('<span class="price-monthly">$8.40</span> per month with backups');
      expect(text).toMatch(/<div id="backups-option" hx-swap-oob="innerHTML">[\s\S]*id="backups-enabled"[^>]* checked/);
    });

    it('re-prices the backups option out of band for the plan, and disables it where Linode offers none', async () => {
      source.data.types = source.data.types.map((type) =>
        type.id === 'g6-standard-2'
          ? { ...type, addons: { backups: { price: { monthly: null, hourly: null }, region_prices: [] } } }
          : type,
      );
      await app.close();
      app = await startApp(source);
      const offered = await fragment('type=g6-standard-1&region=us-east&backups_enabled=true');
      expect(offered.text).toContain('Back up this server (+$2.50/month)');
      const unpriced = await fragment('type=g6-standard-2&region=us-east&backups_enabled=true');
      expect(unpriced.text).toMatch(/id="backups-enabled"[^>]* disabled/);
      expect(unpriced.text).not.toMatch(/id="backups-enabled"[^>]* checked/);
      expect(unpriced.text).toContain('Back up this server (not offered for this plan in this region)');
      expect(unpriced.text).not.toContain('with backups');
    });

    it('leaves the plan list alone when only the plan changed', async () => {
      const { text } = await fragment('type=g6-standard-2&region=us-east');
      expect(text).not.toContain('plan-list');
    });

    it('asks for a choice when the plan or region is unknown', async () => {
      const { text } = await fragment('type=nope&region=us-east');
      expect(text).toContain('Choose a plan and a region to see the price.');
    });

    it('answers a plain request with the whole page for that selection', async () => {
      const { text, headers } = await request(app.getHttpServer()).get('/price-summary?type=g6-standard-2&region=us-east').expect(200);
      expect(text).toMatch(/^<!doctype html>/);
      expect(text).toContain('<option value="us-east" selected>');
      expect(headers.vary).toMatch(/HX-Request/);
    });
  });

  describe('POST /validate', () => {
    const validate = (form: Record<string, string>) => request(app.getHttpServer()).post('/validate').type('form').send(form);

    it('answers with the message for an invalid label', async () => {
      const { status, text } = await validate({ field: 'label', label: '1-bad--label' });
      expect(status).toBe(200);
      expect(text).toMatch(/^Use 3–64 characters/);
      expect(text).not.toContain('<p');
    });

    it('answers with an empty message for a valid value', async () => {
      const { status, text } = await validate({ field: 'label', label: 'good-label' });
      expect(status).toBe(200);
      expect(text).toBe('');
    });

    it('checks a required UDF', async () => {
      const { text } = await validate({ field: 'udf_ADMIN_EMAIL', udf_ADMIN_EMAIL: '' });
      expect(text).toBe('Enter a value.');
    });

    it('checks SSH keys', async () => {
      const { text } = await validate({ field: 'authorized_keys', authorized_keys: 'ssh-ed25519 AAAA' });
      expect(text).toMatch(/damaged or incomplete/);
    });

    it('answers 204 for a field the form does not have', async () => {
      await validate({ field: 'constructor' }).expect(204);
      await validate({}).expect(204);
    });
  });

  describe('the page after a failed submit', () => {
    const submit = (form: Record<string, string | string[]>) => request(app.getHttpServer()).post('/').type('form').send(form);

    it('shows an error summary, field messages, and never echoes a typed password', async () => {
      const {
        status,
        text: html,
        headers,
      } = await submit({
        type: 'g6-nanode-1',
        region: 'id-cgk',
        image: 'linode/debian12',
        label: 'ok-label',
        udf_ADMIN_EMAIL: '',
        udf_DB_PASSWORD: 'hunter2-secret',
        udf_SIZE: 'large',
        udf_FEATURES: ['mail', 'metrics'],
        udf_EVIL: 'x',
      });
      expect(status).toBe(400);
      expect(headers['cache-control']).toBe('no-store');
      expect(html).toContain('<title>Error: Deploy');
      expect(html).toMatch(/<div class="error-summary" id="error-summary" role="alert" tabindex="-1" autofocus/);
      expect(html).toContain('<a href="#udf-ADMIN_EMAIL">Admin email address: Enter a value.</a>');
      expect(html).toContain('<p class="field-error" id="udf-ADMIN_EMAIL-error" aria-live="polite">Enter a value.</p>');
      expect(html).toMatch(/id="udf-ADMIN_EMAIL"[^>]*aria-describedby="udf-ADMIN_EMAIL-help udf-ADMIN_EMAIL-error" aria-invalid="true"/);
      expect(html).not.toContain('hunter2-secret');
      expect(html).toContain('Enter this password again');
      expect(html).toContain('<input type="radio" id="udf-SIZE-2" name="udf_SIZE" value="large" checked>');
      expect(html).toContain('value="metrics" checked');
      expect(html).toContain('value="ok-label"');
    });

    it('re-shows the page without errors for the no-JavaScript price update', async () => {
      const { status, text: html } = await submit({ intent: 'update-prices', region: 'us-east', type: 'g6-nanode-1' });
      expect(status).toBe(200);
      expect(html).not.toContain('error-summary');
      expect(html).toContain('<option value="us-east" selected>');
    });

    it('keeps the backups choice through the no-JavaScript price update', async () => {
      const { text: html } = await submit({ intent: 'update-prices', region: 'us-east', type: 'g6-nanode-1', backups_enabled: 'true' });
      expect(html).toMatch(/id="backups-enabled"[^>]* checked/);
      expect(html).toContain('<span class="price-monthly">$7.00</span> per month with backups');
    });

    it('shows the page again with the backups price when it differs from the one the page showed', async () => {
      const { status, text: html } = await submit({
        type: 'g6-standard-2',
        region: 'us-east',
        image: 'linode/debian12',
        udf_ADMIN_EMAIL: 'me@example.com',
        udf_DB_PASSWORD: 'hunter2-secret',
        backups_enabled: 'true',
        backups_price: '2',
      });
      expect(status).toBe(400);
      expect(html).toContain('<a href="#backups-enabled">Backups: Backups for this plan in this region cost $2.50/month');
      expect(html).toContain('Back up this server (+$2.50/month)');
      expect(html).toContain('<input type="hidden" name="backups_price" value="2.5">');
      expect(html).toMatch(
        /id="backups-enabled"[^>]* checked[^>]* aria-describedby="backups-help backups-enabled-error" aria-invalid="true"/,
      );
    });

    it('answers a body of repeated and non-text fields with field messages, not a server error', async () => {
      const { status, text: html } = await request(app.getHttpServer())
        .post('/')
        .type('form')
        .send('type=g6-nanode-1&type=g6-standard-1&region[a]=b&label=x&label=y');
      expect(status).toBe(400);
      expect(html).toContain('<a href="#plan-g6-nanode-1">Plan: Send this field once, as text.</a>');
      expect(html).toContain('Linode label: Send this field once, as text.');
    });
  });

  describe('when Linode is unreachable and nothing is cached', () => {
    beforeEach(() => {
      source.failWith = new Error('connect ECONNREFUSED');
    });

    it('answers the page with a 503 "Linode is not reachable" and a Retry-After', async () => {
      const response = await request(app.getHttpServer()).get('/').expect(503);
      expect(response.text).toContain('Linode is not reachable');
      expect(response.text).not.toContain('ECONNREFUSED');
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('answers an htmx fragment request with the message for the flash area', async () => {
      const response = await request(app.getHttpServer())
        .get('/price-summary?type=g6-nanode-1&region=us-east')
        .set('HX-Request', 'true')
        .expect(503);
      expect(response.headers['hx-retarget']).toBe('#flash');
      expect(response.text).toContain('Linode is not reachable');
    });
  });
});
