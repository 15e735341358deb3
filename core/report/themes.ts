import type { Quote, ThemeSummary } from './schema.ts';

/**
 * Groups the difficulties or proposals agencies wrote by theme, so the body of the report says
 * "về kinh phí, 30 cơ quan, đơn vị phản ánh, nhiều nhất là …" instead of listing every agency.
 * A text goes to the first theme whose words it contains; the rest to "khác".
 */

interface Theme {
  code: string;
  /** Read after "Về": "Về kinh phí, …". */
  label: string;
  words: RegExp;
}

const THEMES: readonly Theme[] = [
  { code: 'kinh-phi', label: 'kinh phí', words: /kinh phí|ngân sách|dự toán|nguồn vốn|chi phí/u },
  { code: 'nhan-luc', label: 'nhân lực và tập huấn', words: /nhân lực|nhân sự|cán bộ|biên chế|tập huấn|đào tạo|bồi dưỡng/u },
  { code: 'huong-dan', label: 'hướng dẫn và chính sách', words: /hướng dẫn|văn bản|quy định|cơ chế|chính sách|pháp lý|pháp luật/u },
  { code: 'ha-tang', label: 'hạ tầng và trang thiết bị', words: /hạ tầng|thiết bị|máy tính|máy móc|đường truyền|mạng|phần mềm/u },
  { code: 'du-lieu', label: 'dữ liệu và kết nối', words: /dữ liệu|kết nối|tích hợp|chia sẻ|đồng bộ|hệ thống/u },
  { code: 'nguoi-dan', label: 'nhận thức của người dân', words: /người dân|nhận thức|tuyên truyền|thói quen|kỹ năng số/u },
];
const OTHER: Theme = { code: 'khac', label: 'các vấn đề khác', words: /$^/u };

export function themeOf(text: string): Theme {
  const t = text.normalize('NFC').toLowerCase();
  return THEMES.find((th) => th.words.test(t)) ?? OTHER;
}

/** How many texts of a theme the body quotes; the rest are counted. */
const QUOTED = 2;
/** How many agencies the body names per theme. */
const NAMED = 3;

/**
 * Themes in a fixed order (the table's, then "khác"), each with the agencies that wrote it, the
 * three most affected (most tasks citing the theme; plan order breaks ties) and its texts, most
 * cited first. `exclude` (the standing agency, which writes the report) is neither counted nor named.
 */
export function groupByTheme(quotes: readonly Quote[], order: readonly string[], exclude: string): ThemeSummary[] {
  const rank = new Map(order.map((code, i) => [code, i]));
  const out: ThemeSummary[] = [];
  for (const theme of [...THEMES, OTHER]) {
    const mine = quotes.filter((q) => themeOf(q.text).code === theme.code);
    if (!mine.length) continue;
    const weight = new Map<string, { name: string; tasks: number }>();
    let self = false;
    for (const q of mine) {
      for (const s of q.sources) {
        if (s.agency === exclude) {
          self = true;
          continue;
        }
        const w = weight.get(s.agency) ?? { name: s.name, tasks: 0 };
        w.tasks += s.task ? s.task.split(', ').length : 1;
        weight.set(s.agency, w);
      }
    }
    const agencies = [...weight.entries()].sort(([a, x], [b, y]) => y.tasks - x.tasks || (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
    // Quoted inside a sentence: without the writer's closing full stop.
    const texts = [...mine].sort((a, b) => b.sources.length - a.sources.length).map((q) => q.text.trim().replace(/[.;]+$/u, ''));
    out.push({
      code: theme.code,
      label: theme.label,
      agencies: agencies.length,
      top: agencies.slice(0, NAMED).map(([, w]) => w.name),
      self,
      texts: texts.slice(0, QUOTED),
      more: Math.max(0, texts.length - QUOTED),
    });
  }
  return out;
}
