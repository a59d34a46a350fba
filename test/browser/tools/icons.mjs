// Draws the site's raster icons from templates/icon.svg with Chromium, so that they always
// match it: templates/root/favicon.ico (32 and 16 pixels, PNG images in an ICO file, which
// every browser asks for at /favicon.ico) and templates/root/apple-touch-icon.png (180
// pixels, opaque: iOS rounds its corners itself). Run it after changing icon.svg:
//
//   node test/browser/tools/icons.mjs

import fs from 'node:fs/promises';
import path from 'node:path';
import { REPO } from '../lib/site.mjs';
import { launch } from '../lib/browser.mjs';

const svg = await fs.readFile(path.join(REPO, 'templates/icon.svg'), 'utf8');

/** Renders svg at size × size pixels; square drops the rounded corners, on an opaque ground. */
async function render(page, size, square) {
  let doc = svg;
  if (square) doc = doc.replace(/ rx="[0-9.]+"/, '');
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<!DOCTYPE html><html><body style="margin:0">${doc.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
  );
  return page.screenshot({ omitBackground: !square, clip: { x: 0, y: 0, width: size, height: size } });
}

/** Packs PNG images into an ICO file: a header, one 16-byte entry per image, the images. */
function ico(images) {
  const head = Buffer.alloc(6 + 16 * images.length);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2); // an icon
  head.writeUInt16LE(images.length, 4);
  let offset = head.length;
  images.forEach(({ size, png }, i) => {
    const e = 6 + 16 * i;
    head.writeUInt8(size >= 256 ? 0 : size, e);
    head.writeUInt8(size >= 256 ? 0 : size, e + 1);
    head.writeUInt8(0, e + 2); // no palette
    head.writeUInt8(0, e + 3);
    head.writeUInt16LE(1, e + 4); // colour planes
    head.writeUInt16LE(32, e + 6); // bits per pixel
    head.writeUInt32LE(png.length, e + 8);
    head.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([head, ...images.map((i) => i.png)]);
}

const browser = await launch();
try {
  const page = await browser.newPage();
  const images = [];
  for (const size of [32, 16]) images.push({ size, png: await render(page, size, false) });
  await fs.mkdir(path.join(REPO, 'templates/root'), { recursive: true });
  await fs.writeFile(path.join(REPO, 'templates/root/favicon.ico'), ico(images));
  await fs.writeFile(path.join(REPO, 'templates/root/apple-touch-icon.png'), await render(page, 180, true));
} finally {
  await browser.close();
}
