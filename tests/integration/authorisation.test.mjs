// Every role against every endpoint of the OpenAPI document: the routes only administrators
// may use refuse everyone else, signed-in routes refuse anonymous callers, and nothing is
// refused to a role that the rule allows.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Client, newInstance, seedAdministrator, signedInAdministrator, startServer, stopServer, STRONG_PASSWORD } from './lib.mjs';

const ROLES = ['administrator', 'auditor', 'first_responder', 'case_worker', 'decision_maker',
  'service_provider', 'guardian', 'hotline_operator', 'analyst', 'coordinator'];
// The compendium is made of public OSCE documents: readable by anyone.
const PUBLIC = new Set(['/healthz', '/readyz', '/metrics', '/api/v1/openapi.json', '/api/v1/auth/login',
  '/api/v1/corpus/documents', '/api/v1/corpus/provisions', '/api/v1/corpus/provisions/{id}',
  '/api/v1/corpus/keywords', '/api/v1/corpus/resources', '/api/v1/corpus/search',
  '/api/v1/public/hotline', '/api/v1/public/reports', '/api/v1/public/reports/{code}',
  '/api/v1/public/reports/{code}/messages', '/api/v1/public/reports/{code}/attachments', '/api/v1/public/challenge']);
const ADMINISTRATORS_ONLY = ['/api/v1/orgs', '/api/v1/users', '/api/v1/users/{id}'];
// Routes open to some roles only, by path: the roles allowed.
const AUTHORITY_STAFF = ['case_worker', 'decision_maker'];
const CASE_CHANGES = ['review-requests', 'reflection-extensions', 'guardian', 'age-assessments',
  'best-interests-assessments', 'closure', 'reopening', 'police-cooperation', 'notes', 'assignment',
  'services', 'services/{service_id}/withdrawal', 'tasks', 'tasks/{task_id}/done', 'legal-steps', 'return', 'follow-ups'];
const PROVIDER_ROUTES = ['/api/v1/services', '/api/v1/services/{id}', '/api/v1/services/{id}/answer',
  '/api/v1/services/{id}/delivery'];
const STATS_ROUTES = ['/api/v1/stats/dimensions', '/api/v1/stats/table', '/api/v1/stats/process',
  '/api/v1/stats/export/cases', '/api/v1/stats/export/microdata', '/api/v1/stats/external/unodc',
  '/api/v1/stats/report', '/api/v1/stats/criminal-justice', '/api/v1/stats/export/unodc'];
const HOTLINE_ROUTES = ['/api/v1/hotline/settings', '/api/v1/hotline/contacts', '/api/v1/hotline/contacts/{id}',
  '/api/v1/hotline/contacts/{id}/messages', '/api/v1/hotline/contacts/{id}/triage', '/api/v1/hotline/contacts/{id}/links',
  '/api/v1/hotline/contacts/{id}/referral', '/api/v1/hotline/contacts/{id}/tips',
  '/api/v1/hotline/contacts/{id}/attachments/{attachment_id}'];
const ROLES_ONLY = {
  '/api/v1/referrals': ['first_responder', 'case_worker'],
  '/api/v1/cases/{id}/identity': [...AUTHORITY_STAFF, 'guardian'],
  '/api/v1/cases': ['first_responder', ...AUTHORITY_STAFF, 'guardian'],
  '/api/v1/me/cases': AUTHORITY_STAFF,
  '/api/v1/me/tasks': AUTHORITY_STAFF,
  '/api/v1/audit': ['auditor'],
  '/api/v1/nrm/directory': AUTHORITY_STAFF,
  '/api/v1/shelters': [...AUTHORITY_STAFF, 'service_provider'],
  '/api/v1/me/shelter': ['service_provider'],
  '/api/v1/cases/{id}/decisions': ['decision_maker'],
  ...Object.fromEntries(CASE_CHANGES.map((change) => [`/api/v1/cases/{id}/${change}`, AUTHORITY_STAFF])),
  ...Object.fromEntries(PROVIDER_ROUTES.map((path) => [path, ['service_provider']])),
  ...Object.fromEntries(STATS_ROUTES.map((path) => [path, ['analyst']])),
  ...Object.fromEntries(HOTLINE_ROUTES.map((path) => [path, ['hotline_operator']])),
  '/api/v1/hotline/statistics': ['hotline_operator', 'analyst'],
  '/api/v1/hotline/tips': ['first_responder'],
};
// Monitoring (the national action plan, questionnaire rounds) is the co-ordinators' alone.
const COORDINATORS_ONLY = (path) => path.startsWith('/api/v1/action-plans') || path.startsWith('/api/v1/questionnaires');
// These end the caller's session; they are called last, on sessions of their own.
const SESSION_ENDING = new Set(['/api/v1/auth/logout', '/api/v1/auth/logout-all']);

describe('authorisation', () => {
  let instance;
  let server;
  let operations;
  const clients = {};
  let someUserId;

  before(async () => {
    instance = newInstance();
    seedAdministrator(instance);
    server = await startServer(instance);
    const admin = await signedInAdministrator(server);
    const org = await admin.request('POST', '/api/v1/orgs', { body: { name: 'Every Role Office', type: 'other' } });
    for (const role of ROLES) {
      const created = await admin.request('POST', '/api/v1/users', {
        body: { username: `user.${role}`, organisation_id: org.json.id, roles: [role], password: STRONG_PASSWORD },
      });
      assert.equal(created.status, 201, created.text);
      someUserId = created.json.id;
      const client = new Client(server.url);
      await client.login(`user.${role}`, STRONG_PASSWORD);
      await client.request('POST', '/api/v1/me/password', { body: { current_password: STRONG_PASSWORD, new_password: `${STRONG_PASSWORD}-${role}` } });
      clients[role] = client;
    }
    const document = await new Client(server.url).request('GET', '/api/v1/openapi.json');
    operations = Object.entries(document.json.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => [m.toUpperCase(), path]));
  });
  after(async () => {
    await stopServer(server);
    instance.cleanup();
  });

  const call = (client, method, path) => client.request(method, path.replace('{id}', String(someUserId)),
    method === 'GET' ? {} : { body: {} });

  test('anonymous callers reach only the public endpoints', async () => {
    for (const [method, path] of operations) {
      const response = await call(new Client(server.url), method, path);
      if (PUBLIC.has(path)) assert.notEqual(response.status, 401, `${method} ${path}`);
      else assert.equal(response.status, 401, `${method} ${path} without a session`);
    }
  });

  test('each role is allowed exactly what its rule says', async () => {
    for (const role of ROLES) {
      for (const [method, path] of operations) {
        if (SESSION_ENDING.has(path) || PUBLIC.has(path)) continue;
        const response = await call(clients[role], method, path);
        const allowed = COORDINATORS_ONLY(path) ? role === 'coordinator'
          : ROLES_ONLY[path] ? ROLES_ONLY[path].includes(role)
            : !ADMINISTRATORS_ONLY.includes(path) || role === 'administrator';
        if (allowed) assert.ok(![401, 403].includes(response.status), `${role}: ${method} ${path} -> ${response.status} ${response.text}`);
        else assert.equal(response.status, 403, `${role}: ${method} ${path}`);
      }
    }
  });

  test('every role may end its own sessions', async () => {
    for (const role of ROLES) {
      for (const path of SESSION_ENDING) {
        const client = new Client(server.url);
        assert.equal((await client.login(`user.${role}`, `${STRONG_PASSWORD}-${role}`)).status, 200);
        assert.equal((await client.request('POST', path)).status, 204, `${role}: ${path}`);
        assert.equal((await client.request('GET', '/api/v1/me')).status, 401);
      }
    }
  });
});
