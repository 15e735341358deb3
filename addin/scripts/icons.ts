/**
 * Draws the add-in's icons (16, 32, 64, 80 px PNG) from one SVG. The PNGs are committed under
 * addin/assets/; run `npm run addin:icons` after changing the drawing.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 80 80">
  <rect x="2" y="2" width="76" height="76" rx="14" fill="#107C41"/>
  <path d="M22 14h26l12 12v40a4 4 0 0 1-4 4H22a4 4 0 0 1-4-4V18a4 4 0 0 1 4-4z" fill="#ffffff"/>
  <path d="M48 14v10a2 2 0 0 0 2 2h10z" fill="#C8E6D3"/>
  <rect x="25" y="32" width="22" height="4" rx="2" fill="#9FCDB1"/>
  <rect x="25" y="41" width="16" height="4" rx="2" fill="#9FCDB1"/>
  <circle cx="54" cy="56" r="15" fill="#0F6CBD" stroke="#ffffff" stroke-width="3"/>
  <path d="M46.5 56.5l5.5 5.5 9.5-11" fill="none" stroke="#ffffff" stroke-width="4.5" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

const dir = fileURLToPath(new URL('../assets/', import.meta.url));
for (const size of [16, 32, 64, 80]) {
  const png = new Resvg(SVG, { fitTo: { mode: 'width', value: size } }).render().asPng();
  writeFileSync(`${dir}icon-${size}.png`, png);
  console.log(`addin/assets/icon-${size}.png`);
}
