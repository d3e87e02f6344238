// Exporting a drawn chart: SVG markup with its CSS-driven look inlined (so it renders the same outside the app, in a
// file or a report), PNG rasterised locally on a canvas, and a download helper. Shared by every chart and the graph.
import { cjkFontFaceFor } from '../cjkFont';

/** Presentation properties the app's stylesheet sets on chart elements (classes like .grid, .chart-axis, .whisker). */
const STYLE_PROPS = [
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
];

export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The first opaque background behind an element (the panel it sits on), white when there is none. */
export function backgroundBehind(el: Element): string {
  for (let e: Element | null = el; e; e = e.parentElement) {
    const bg = getComputedStyle(e).backgroundColor;
    if (bg && bg !== 'transparent' && !/^rgba\(.*,\s*0\)$/.test(bg)) return bg;
  }
  return '#ffffff';
}

/**
 * Standalone SVG markup of a chart as it looks on screen: computed styles inlined on every element and the background
 * it sits on painted first (a dark-theme chart stays legible). `fontFaceCss` goes into a <style> of its own (the CJK
 * face, for a file that leaves the page). `svg` must be attached to the document.
 */
export function svgMarkup(svg: SVGSVGElement, options: { background?: string | null; fontFaceCss?: string } = {}): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const sources = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const copies = [clone, ...Array.from(clone.querySelectorAll('*'))];
  sources.forEach((el, i) => {
    const computed = getComputedStyle(el);
    const style = STYLE_PROPS.map((p) => [p, computed.getPropertyValue(p)] as const)
      .filter(([, v]) => v !== '')
      .map(([p, v]) => `${p}:${v}`)
      .join(';');
    copies[i].setAttribute('style', style);
  });
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.removeAttribute('class');
  const background = options.background === undefined ? backgroundBehind(svg) : options.background;
  if (background) {
    const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    rect.setAttribute('width', '100%');
    rect.setAttribute('height', '100%');
    rect.setAttribute('fill', background);
    clone.insertBefore(rect, clone.firstChild);
  }
  if (options.fontFaceCss) {
    const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
    style.textContent = options.fontFaceCss;
    clone.insertBefore(style, clone.firstChild);
  }
  return new XMLSerializer().serializeToString(clone);
}

/**
 * The markup of a chart saved on its own (an SVG file, or the image a PNG is drawn from, where the page's fonts do not
 * apply): with the bundled CJK face embedded when its text has Chinese, so a machine without CJK fonts draws no boxes.
 */
export async function standaloneSvg(svg: SVGSVGElement): Promise<string> {
  return svgMarkup(svg, { fontFaceCss: await cjkFontFaceFor(svg.textContent ?? '') });
}

/** One image of the markup, from a URL of its own: an image of a URL already drawn would be that same image again. */
async function loadImage(markup: string): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('could not rasterise the chart'));
      img.src = url;
    });
    return img;
  } finally {
    URL.revokeObjectURL(url);
  }
}

function samePixels(a: Uint8ClampedArray, b: Uint8ClampedArray): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Most images of the same markup drawn before a PNG is kept: enough for an embedded font to be decoded. */
const MAX_DRAWS = 5;

export async function svgToPng(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const markup = await standaloneSvg(svg);
  const canvas = document.createElement('canvas');
  canvas.width = svg.width.baseVal.value * scale;
  canvas.height = svg.height.baseVal.value * scale;
  const ctx = canvas.getContext('2d')!;
  // Chromium lays out the first image of an SVG before the font embedded in it is decoded (the PNG's first Chinese
  // label drew as boxes), and that image never updates; a later image of the same markup finds the font ready. So
  // with a font inside, images are drawn until two in a row give the same pixels.
  const embedsFont = markup.includes('@font-face');
  let previous: Uint8ClampedArray | null = null;
  for (let draw = 0; draw < (embedsFont ? MAX_DRAWS : 1); draw++) {
    const img = await loadImage(markup);
    ctx.fillStyle = backgroundBehind(svg);
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    if (!embedsFont) break;
    const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    if (previous && samePixels(previous, pixels)) break;
    previous = pixels;
  }
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}

/** A file name from a chart title: letters and digits of any script, dashes between. */
export function chartFileName(title: string, ext: 'svg' | 'png'): string {
  const base =
    title
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'chart';
  return `${base}.${ext}`;
}

export async function exportChart(svg: SVGSVGElement, title: string, kind: 'svg' | 'png'): Promise<void> {
  if (kind === 'svg') download(chartFileName(title, 'svg'), new Blob([await standaloneSvg(svg)], { type: 'image/svg+xml' }));
  else download(chartFileName(title, 'png'), await svgToPng(svg));
}
