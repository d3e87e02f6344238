// Exporting a drawn chart: SVG markup with its CSS-driven look inlined (so it renders the same outside the app, in a
// file or a report), PNG rasterised locally on a canvas, and a download helper. Shared by every chart and the graph.
import { CJK_FAMILY, cjkFontFaceFor } from '../cjkFont';

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

/** Pixels of `markup` drawn as an image onto a w × h canvas. */
async function imagePixels(markup: string, w: number, h: number): Promise<Uint8ClampedArray> {
  const img = await loadImage(markup);
  const ctx = Object.assign(document.createElement('canvas'), { width: w, height: h }).getContext('2d')!;
  ctx.drawImage(img, 0, 0, w, h);
  return ctx.getImageData(0, 0, w, h).data;
}

/** Tries, 50 ms apart, to see the embedded face draw in an image before the chart is drawn. */
const FONT_TRIES = 40;

/**
 * Resolves once an SVG image with `fontFaceCss` draws "中" in the bundled face rather than as the missing-glyph box
 * (the same box a private-use character gets), or after FONT_TRIES. Why: Chromium lays out an SVG image before the
 * font embedded in it is decoded, and that image never updates (the PNG's first Chinese label drew as boxes); once the
 * face has been decoded for one image, later images of it draw at once.
 */
async function embeddedFontReady(fontFaceCss: string): Promise<void> {
  const probe = (text: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><style>${fontFaceCss}</style>` +
    `<text x="4" y="32" style="font-family:'${CJK_FAMILY}';font-size:32px">${text}</text></svg>`;
  const box = await imagePixels(probe('\ue000'), 40, 40);
  for (let i = 0; i < FONT_TRIES; i++) {
    if (!samePixels(await imagePixels(probe('中'), 40, 40), box)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function svgToPng(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const fontFaceCss = await cjkFontFaceFor(svg.textContent ?? '');
  if (fontFaceCss) await embeddedFontReady(fontFaceCss);
  const img = await loadImage(svgMarkup(svg, { fontFaceCss }));
  const canvas = document.createElement('canvas');
  canvas.width = svg.width.baseVal.value * scale;
  canvas.height = svg.height.baseVal.value * scale;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = backgroundBehind(svg);
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
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
