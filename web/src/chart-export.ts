// Download of a chart drawn on the page, as SVG or PNG. The SVG is serialised with the styles
// the page's stylesheet gives it written onto each element as presentation attributes, so the
// file looks the same outside Lifeline. The PNG is that SVG drawn onto an offscreen canvas; the
// picture is loaded from a data: URL, the only kind the Content-Security-Policy allows for
// images besides our own files.
import { h } from './dom';
import { t } from './i18n';

const SVG_NS = 'http://www.w3.org/2000/svg';
const PNG_SCALE = 2;

/** The computed properties that decide how a chart looks, kept as attributes in the file. */
const STYLE_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
] as const;

function inlineStyles(original: Element, copy: Element): void {
  const style = window.getComputedStyle(original);
  for (const property of STYLE_PROPERTIES) {
    const value = style.getPropertyValue(property);
    if (value) copy.setAttribute(property, value);
  }
  const originals = original.children;
  const copies = copy.children;
  for (let i = 0; i < originals.length; i++) {
    const from = originals[i];
    const to = copies[i];
    if (from && to) inlineStyles(from, to);
  }
}

/** Width and height of the chart in its own units (the viewBox), for the file and the PNG. */
function chartSize(chart: SVGSVGElement): { width: number; height: number } {
  const box = chart.viewBox.baseVal;
  if (box && box.width > 0 && box.height > 0) return { width: box.width, height: box.height };
  const rect = chart.getBoundingClientRect();
  return { width: Math.max(1, Math.round(rect.width)), height: Math.max(1, Math.round(rect.height)) };
}

/** The chart as a standalone SVG document (it starts with "<svg"). */
export function serialiseSvg(chart: SVGSVGElement): string {
  const copy = chart.cloneNode(true) as SVGSVGElement;
  if (chart.isConnected) inlineStyles(chart, copy);
  const { width, height } = chartSize(chart);
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.removeAttribute('class');
  return new XMLSerializer().serializeToString(copy);
}

function loadImage(source: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('the chart could not be drawn as a picture'));
    image.src = source;
  });
}

/** The chart as a PNG, twice its size for sharp print, on white. */
export async function svgToPng(chart: SVGSVGElement): Promise<Blob> {
  const { width, height } = chartSize(chart);
  const image = await loadImage(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(serialiseSvg(chart))}`);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * PNG_SCALE);
  canvas.height = Math.round(height * PNG_SCALE);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no canvas');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no PNG'))), 'image/png'));
}

/** Offers a file to the browser's download, then lets go of its URL. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = h('a', { attrs: { href: url, download: fileName } });
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Two buttons for a chart: SVG and PNG (inline, to sit in a line of downloads). `name` says which chart, for screen readers
 * ("Download ... as SVG"); `stem` is the file name without extension.
 */
export function chartDownloads(chart: SVGSVGElement, stem: string, name: string): HTMLElement {
  const status = h('span', { class: 'hint', attrs: { role: 'status' } });
  const svgButton = h('button', { class: 'secondary chart-download-svg', attrs: { type: 'button', 'aria-label': t('chart.downloadSvgOf', { chart: name }) } }, t('chart.downloadSvg'));
  const pngButton = h('button', { class: 'secondary chart-download-png', attrs: { type: 'button', 'aria-label': t('chart.downloadPngOf', { chart: name }) } }, t('chart.downloadPng'));
  svgButton.addEventListener('click', () => {
    saveBlob(new Blob([serialiseSvg(chart)], { type: 'image/svg+xml' }), `${stem}.svg`);
  });
  pngButton.addEventListener('click', () => {
    status.textContent = '';
    svgToPng(chart)
      .then((blob) => saveBlob(blob, `${stem}.png`))
      .catch(() => {
        status.textContent = t('chart.pngFailed');
      });
  });
  return h('span', { class: 'chart-downloads' }, svgButton, ' ', pngButton, ' ', status);
}
