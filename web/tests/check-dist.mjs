// Checks the production build against the server's Content-Security-Policy:
// no inline scripts, no inline styles, no event-handler attributes, and every
// script and stylesheet is a hashed file under assets/. Run after `npm run build`.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

const dist = new URL('../dist/', import.meta.url);
const indexUrl = new URL('index.html', dist);

test('dist/index.html exists (run npm run build first)', () => {
  assert.ok(existsSync(indexUrl), 'web/dist/index.html is missing');
});

test('index.html has no inline script, style or event handler', () => {
  const html = readFileSync(indexUrl, 'utf8');
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  assert.ok(scripts.length > 0, 'no script tag at all');
  for (const [, attributes, body] of scripts) {
    assert.match(attributes, /\ssrc="\/assets\/[\w.-]+-[\w-]{8,}\.js"/, `script without a hashed src: ${attributes}`);
    assert.equal(body.trim(), '', 'script tag with inline content');
  }
  assert.doesNotMatch(html, /<style\b/i, 'inline <style> element');
  assert.doesNotMatch(html, /\sstyle\s*=/i, 'style attribute');
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'event-handler attribute');
  assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//i, 'reference to another origin');
});

test('stylesheets are hashed files', () => {
  const html = readFileSync(indexUrl, 'utf8');
  const sheets = [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*>/gi)].map((match) => match[0]);
  assert.ok(sheets.length > 0, 'no stylesheet linked');
  for (const sheet of sheets) assert.match(sheet, /href="\/assets\/[\w.-]+-[\w-]{8,}\.css"/);
});

test('the bundle never parses HTML', () => {
  const assets = new URL('assets/', dist);
  for (const name of readdirSync(assets).filter((file) => file.endsWith('.js'))) {
    const code = readFileSync(new URL(name, assets), 'utf8');
    for (const sink of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'eval(', 'new Function']) {
      assert.ok(!code.includes(sink), `${name} uses ${sink}`);
    }
  }
});
