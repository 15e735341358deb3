/**
 * The manifest at the repository root points at the development server. For production the build
 * rewrites those URLs to where the built folder is hosted:
 *
 *     DA06_ADDIN_URL=https://da06.example.gov.vn/addin/ npm run build
 *
 * writes dist/addin/manifest.xml with every https://localhost:3000/ replaced.
 */
export const DEV_BASE_URL = 'https://localhost:3000/';

export class ManifestUrlError extends Error {}

/** Normalises and checks the production base URL: HTTPS (Office requires it), ending with "/". */
export function productionBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ManifestUrlError(`DA06_ADDIN_URL không phải là địa chỉ hợp lệ: "${raw}" (ví dụ: https://da06.example.gov.vn/addin/).`);
  }
  if (url.protocol !== 'https:') throw new ManifestUrlError(`DA06_ADDIN_URL phải dùng https:// (Office chỉ nạp add-in qua HTTPS): "${raw}".`);
  if (url.search || url.hash) throw new ManifestUrlError(`DA06_ADDIN_URL không được có "?" hay "#": "${raw}".`);
  const href = url.href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** The manifest with the development URLs replaced by the production base URL. */
export function productionManifest(xml: string, baseUrl: string): string {
  const base = productionBaseUrl(baseUrl).replace(/&/g, '&amp;');
  return xml.split(DEV_BASE_URL).join(base);
}
