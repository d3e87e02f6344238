// Exports leave the page and its fonts behind: on a machine without CJK fonts a Chinese report, SVG or PNG drew boxes.
// In Chinese they now carry the bundled face (base64, no URL); in English they carry nothing.
import { readFile, writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { RecLensApp } from './app';
import { bundledFaceStatus, drawsGlyphs, fontsOf } from './fontChecks';

const FONT_FACE = /@font-face \{ font-family: 'RecLens CJK'; src: url\(data:font\/woff2;base64,[A-Za-z0-9+/=]{100000,}\)/;

async function downloaded(page: Page, click: () => Promise<void>): Promise<Buffer> {
  const download = page.waitForEvent('download');
  await click();
  return readFile((await (await download).path())!);
}

const report = (page: Page) =>
  downloaded(page, async () => {
    await page.getByTestId('report-open').click();
    await page.getByTestId('report-download').click();
  });

test('a Chinese report, SVG and PNG embed the CJK face and draw glyphs; English exports do not embed it', async ({ page }, info) => {
  test.setTimeout(180_000);
  const app = new RecLensApp(page);
  await app.open();
  const chart = page.locator('.panel', { has: page.getByTestId('chart-png') }).first();

  // English first: nothing embedded, so an English export stays small.
  const enSvg = (await downloaded(page, () => chart.getByTestId('chart-svg').first().click())).toString('utf8');
  expect(enSvg).not.toContain('@font-face');
  const enReport = (await report(page)).toString('utf8');
  expect(enReport).not.toContain('@font-face');

  await page.getByTestId('lang-toggle').click();
  await expect(page.getByRole('navigation')).toContainText('数据');

  const svg = (await downloaded(page, () => chart.getByTestId('chart-svg').first().click())).toString('utf8');
  expect(svg).toMatch(FONT_FACE);
  expect(svg.replaceAll('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:\/\//);
  expect(svg.length - enSvg.length).toBeGreaterThan(100_000);

  // The PNG as a file on its own: shown in a blank page (no app, no app fonts) to look at.
  const png = await downloaded(page, () => chart.getByTestId('chart-png').first().click());
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  await writeFile(info.outputPath('chart-zh.png'), png);
  await info.attach('chart-zh.png', { body: png, contentType: 'image/png' });

  // The PNG is what the SVG with its embedded face looks like once the face is in, not what it looks like without it.
  // The reference is drawn here after a probe image shows the face decoded (Chromium lays out an SVG image before its
  // embedded font is decoded, and that image keeps the boxes).
  const viewer = await page.context().newPage();
  const style = /<style>[^<]*<\/style>/.exec(svg)![0];
  const [withFace, withoutFace] = await viewer.evaluate(
    async ([pngBase64, face, markups]) => {
      const load = async (src: string) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        return img;
      };
      // A URL of its own each time: the same URL would give back the same image.
      const svgImage = (markup: string) => load(URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' })));
      const png = await load(`data:image/png;base64,${pngBase64}`);
      const pixels = (img: HTMLImageElement, w: number, h: number) => {
        const ctx = Object.assign(document.createElement('canvas'), { width: w, height: h }).getContext('2d')!;
        ctx.drawImage(img, 0, 0, w, h);
        return ctx.getImageData(0, 0, w, h).data;
      };
      const differing = (a: Uint8ClampedArray, b: Uint8ClampedArray) => {
        let n = 0;
        for (let i = 0; i < a.length; i += 4) if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) n++;
        return n;
      };
      const probe = (text: string) =>
        `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">${face}<text x="4" y="32" style="font-family:'RecLens CJK';font-size:32px">${text}</text></svg>`;
      const box = pixels(await svgImage(probe('\ue000')), 40, 40);
      for (let i = 0; i < 100 && differing(pixels(await svgImage(probe('中')), 40, 40), box) === 0; i++)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const [w, h] = [png.naturalWidth, png.naturalHeight];
      const reference = pixels(png, w, h);
      const counts: number[] = [];
      for (const markup of markups) counts.push(differing(reference, pixels(await svgImage(markup), w, h)));
      return counts;
    },
    [png.toString('base64'), style, [svg, svg.replace(style, '')]] as const,
  );
  info.annotations.push({ type: 'PNG pixels differing', description: `from the SVG with its face ${withFace}, without ${withoutFace}` });
  expect(withoutFace).toBeGreaterThan(0);
  expect(withFace).toBeLessThan(withoutFace / 10);

  const html = (await report(page)).toString('utf8');
  expect(html.match(/@font-face/g)).toHaveLength(1);
  expect(html).toMatch(FONT_FACE);
  expect(html).toContain('font-src data:');
  // Offline-viewable: the report names no address (the SVG namespace is a name, not a request).
  expect(html.replaceAll('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:\/\//);
  await viewer.setContent(html);
  // The default title names the demo in the report's language.
  await expect(viewer.locator('h1')).toContainText('演示商店（模拟）');
  expect(await bundledFaceStatus(viewer)).toEqual(['loaded']);
  // Drawn with the embedded face (Noto Sans SC's own name inside the subset), not a system fallback box.
  expect(await fontsOf(viewer, '#settings h2')).toEqual([{ family: 'Noto Sans SC Thin', custom: true }]);
  const heading = (await viewer.locator('#settings h2').textContent()) ?? '';
  expect(heading).toMatch(/[\u4e00-\u9fff]/);
  expect(await drawsGlyphs(viewer, heading, 'body')).toEqual([...heading].map(() => true));
  // The report's charts (inline SVG, their font stack inlined from the app) draw their Chinese labels with it too.
  const chartLabel = await viewer.evaluate(() => {
    const label = [...document.querySelectorAll('#charts svg text')].find((el) => /[\u4e00-\u9fff]/.test(el.textContent ?? ''));
    label?.setAttribute('id', 'cjk-chart-label');
    return label?.textContent ?? '';
  });
  expect(chartLabel).not.toBe('');
  expect(await fontsOf(viewer, '#cjk-chart-label')).toContainEqual({ family: 'Noto Sans SC Thin', custom: true });
  await viewer.screenshot({ path: info.outputPath('report-zh.png') });
  await viewer.locator('#charts').screenshot({ path: info.outputPath('report-zh-charts.png') });
  await viewer.setContent(`<body style="margin:0;background:#fff"><img src="data:image/png;base64,${png.toString('base64')}"></body>`);
  await viewer.screenshot({ path: info.outputPath('chart-zh-viewed.png') });
  await viewer.close();
});
