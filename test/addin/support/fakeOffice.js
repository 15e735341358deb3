/* A fake Office host for the browser test: the subset of Office.js and Excel.js the add-in's Office
 * modules use, backed by a grid of cells made from a real workbook. Injected into the page with
 * page.addInitScript before the page's own scripts; self-contained, plain browser JavaScript.
 *
 * Like Excel, it queues every load and write on the request context and carries them out in order
 * at context.sync(); a property read before the sync that loads it throws, and so does a write to a
 * protected sheet or a getRanges() address list longer than Excel accepts. window.__fakeExcel
 * exposes what the test checks: sync counts, the selection, the active sheet, fills and settings.
 *
 * data.excelApi ('1.1', '1.7', … default '1.13') is the Excel JavaScript API it has: members of newer
 * requirement sets are absent, as in that Excel, so the pane fails loudly if it calls one.
 */
// eslint-disable-next-line no-unused-vars
function installFakeOffice(data) {
  'use strict';
  const MAX_AREAS_ADDRESS = 2000;
  // Versions compare part by part: 1.9 < 1.13.
  const has = (version) => {
    const [a, b] = String(version).split('.').map(Number);
    const [x, y] = String(data.excelApi || '1.13').split('.').map(Number);
    return a < x || (a === x && (b || 0) <= (y || 0));
  };
  const log = { runs: 0, syncs: 0, syncsPerRun: [], selection: null, activeSheet: null, rangeAreas: [], writes: 0 };
  const sheets = data.sheets.map((s) => ({
    name: s.name,
    visibility: s.visibility,
    cells: new Map(Object.entries(s.cells)),
    merges: s.merges,
    protected: !!s.protected,
    options: { allowFormatCells: false, allowFormatColumns: true, allowFormatRows: true, selectionMode: 'Normal' },
  }));
  const settings = new Map(Object.entries(data.settings || {}));
  // The workbook outlives the pane: a reload of the page finds it as it was left.
  const STORE = '__fakeExcelWorkbook';
  const stored = window.sessionStorage.getItem(STORE);
  if (stored) {
    const state = JSON.parse(stored);
    for (const s of state.sheets) {
      const sheet = sheets.find((x) => x.name === s.name);
      sheet.cells = new Map(s.cells);
      sheet.protected = s.protected;
    }
    settings.clear();
    for (const [k, v] of state.settings) settings.set(k, v);
  }
  const persist = () =>
    window.sessionStorage.setItem(
      STORE,
      JSON.stringify({ sheets: sheets.map((s) => ({ name: s.name, protected: s.protected, cells: [...s.cells] })), settings: [...settings] }),
    );

  // ——— addresses ———
  const colNum = (letters) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const colLetters = (n) => {
    let s = '';
    for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return s;
  };
  const a1 = (row, col) => colLetters(col) + row;
  function parseBox(address) {
    const plain = address.replace(/^.*!/, '').replace(/\$/g, '').toUpperCase();
    const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(plain);
    if (!m) throw officeError('InvalidArgument', `Địa chỉ không hợp lệ: ${address}`);
    const r1 = Number(m[2]);
    const c1 = colNum(m[1]);
    const r2 = m[4] ? Number(m[4]) : r1;
    const c2 = m[3] ? colNum(m[3]) : c1;
    return { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
  }
  const boxAddress = (b) => (b.top === b.bottom && b.left === b.right ? a1(b.top, b.left) : `${a1(b.top, b.left)}:${a1(b.bottom, b.right)}`);
  const quoted = (name) => (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`);
  function officeError(code, message) {
    const e = new Error(message);
    e.code = code;
    e.name = 'RichApi.Error';
    return e;
  }

  function sheetByName(name) {
    const wanted = String(name).toLowerCase();
    const s = sheets.find((x) => x.name.toLowerCase() === wanted);
    if (!s) throw officeError('ItemNotFound', `Không có trang ${name}`);
    return s;
  }
  function assertWritable(sheet) {
    if (sheet.protected) throw officeError('AccessDenied', `Trang "${sheet.name}" đang được bảo vệ.`);
    log.writes++;
  }
  const cellAt = (sheet, row, col) => sheet.cells.get(a1(row, col));
  function usedBox(sheet) {
    let box = null;
    for (const [addr, cell] of sheet.cells) {
      if (cell.v === '' || cell.v === null || cell.v === undefined) continue;
      const p = parseBox(addr);
      box = box
        ? { top: Math.min(box.top, p.top), left: Math.min(box.left, p.left), bottom: Math.max(box.bottom, p.bottom), right: Math.max(box.right, p.right) }
        : p;
    }
    return box;
  }
  function grid(sheet, box, fn) {
    const out = [];
    for (let r = box.top; r <= box.bottom; r++) {
      const row = [];
      for (let c = box.left; c <= box.right; c++) row.push(fn(cellAt(sheet, r, c), r, c));
      out.push(row);
    }
    return out;
  }
  const fillOf = (cell) => (cell && cell.fill ? { color: cell.fill.color, pattern: cell.fill.pattern || 'Solid' } : { color: '#FFFFFF', pattern: 'None' });
  function ensureCell(sheet, row, col) {
    const key = a1(row, col);
    let cell = sheet.cells.get(key);
    if (!cell) sheet.cells.set(key, (cell = { v: '', t: 'Empty' }));
    return cell;
  }
  function eachCell(box, fn) {
    for (let r = box.top; r <= box.bottom; r++) for (let c = box.left; c <= box.right; c++) fn(r, c);
  }

  // ——— proxies ———
  function loadable(target, ctx, compute) {
    let loaded = null;
    target.load = (props) => {
      ctx._queue.push(() => {
        loaded = compute(props);
      });
      return target;
    };
    return (key) => {
      if (!loaded || !(key in loaded)) throw officeError('PropertyNotLoaded', `Thuộc tính "${key}" chưa được nạp (thiếu load() hoặc sync()).`);
      return loaded[key];
    };
  }
  function defineLoaded(target, get, keys) {
    for (const key of keys) Object.defineProperty(target, key, { get: () => get(key), enumerable: true, configurable: true });
  }
  function clientResult(ctx, compute) {
    let value;
    let ready = false;
    ctx._queue.push(() => {
      value = compute();
      ready = true;
    });
    return {
      get value() {
        if (!ready) throw officeError('PropertyNotLoaded', 'ClientResult đọc trước khi sync().');
        return value;
      },
    };
  }

  // The first cell's colour or font, as Excel reports a one-cell range's (no fill reads as white).
  function firstCell(sheetName, resolveBox) {
    const sheet = sheetByName(sheetName);
    const b = resolveBox(sheet);
    return cellAt(sheet, b.top, b.left);
  }
  function fillProxy(ctx, sheetName, boxes, resolveBox) {
    const apply = (fn) =>
      ctx._queue.push(() => {
        const sheet = sheetByName(sheetName);
        assertWritable(sheet);
        for (const box of boxes()) eachCell(box, (r, c) => fn(ensureCell(sheet, r, c)));
      });
    const fill = {
      clear() {
        apply((cell) => delete cell.fill);
      },
    };
    const get = resolveBox ? loadable(fill, ctx, () => {
      const cell = firstCell(sheetName, resolveBox);
      return { color: cell && cell.fill ? cell.fill.color : '#FFFFFF' };
    }) : () => {
      throw officeError('InvalidOperation', 'RangeAreas: chưa hỗ trợ đọc');
    };
    Object.defineProperty(fill, 'color', {
      get: () => get('color'),
      set: (color) => apply((cell) => (cell.fill = { color: String(color).toUpperCase(), pattern: 'Solid' })),
    });
    return fill;
  }
  function fontProxy(ctx, sheetName, boxes, resolveBox) {
    const font = {};
    const get = resolveBox ? loadable(font, ctx, () => {
      const cell = firstCell(sheetName, resolveBox);
      return { name: (cell && cell.font) || 'Calibri' };
    }) : () => {
      throw officeError('InvalidOperation', 'RangeAreas: chưa hỗ trợ đọc');
    };
    Object.defineProperty(font, 'name', {
      get: () => get('name'),
      set: (name) =>
        ctx._queue.push(() => {
          const sheet = sheetByName(sheetName);
          assertWritable(sheet);
          for (const box of boxes()) eachCell(box, (r, c) => (ensureCell(sheet, r, c).font = name));
        }),
    });
    return font;
  }

  function rangeProxy(ctx, sheetName, resolveBox) {
    // resolveBox runs at sync time and returns a box or null (a null object).
    let box;
    const range = {};
    const get = loadable(range, ctx, () => {
      const sheet = sheetByName(sheetName);
      box = resolveBox(sheet);
      if (!box) return { isNullObject: true };
      return {
        isNullObject: false,
        address: `${quoted(sheet.name)}!${boxAddress(box)}`,
        rowIndex: box.top - 1,
        columnIndex: box.left - 1,
        rowCount: box.bottom - box.top + 1,
        columnCount: box.right - box.left + 1,
        values: grid(sheet, box, (cell) => (cell && cell.t !== 'Empty' ? cell.v : '')),
        valueTypes: grid(sheet, box, (cell) => (cell && cell.t ? cell.t : 'Empty')),
        numberFormat: grid(sheet, box, (cell) => (cell && cell.f ? cell.f : 'General')),
        formulas: grid(sheet, box, (cell) => (cell && cell.t !== 'Empty' ? cell.v : '')),
      };
    });
    defineLoaded(range, get, ['isNullObject', 'address', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount', 'values', 'valueTypes', 'numberFormat', 'formulas']);
    const boxes = () => {
      const b = resolveBox(sheetByName(sheetName));
      return b ? [b] : [];
    };
    range.getCell = (r, c) => {
      const cellRange = rangeProxy(ctx, sheetName, (sheet) => {
        const b = resolveBox(sheet);
        return { top: b.top + r, left: b.left + c, bottom: b.top + r, right: b.left + c };
      });
      return cellRange;
    };
    if (has('1.9')) range.getCellProperties = (options) =>
      clientResult(ctx, () => {
        const sheet = sheetByName(sheetName);
        const b = resolveBox(sheet);
        return grid(sheet, b, (cell) => {
          const format = {};
          if (options.format && options.format.font) format.font = { name: (cell && cell.font) || 'Calibri' };
          if (options.format && options.format.fill) format.fill = fillOf(cell);
          return { format };
        });
      });
    if (has('1.9')) range.setCellProperties = (rows) =>
      ctx._queue.push(() => {
        const sheet = sheetByName(sheetName);
        assertWritable(sheet);
        const b = resolveBox(sheet);
        rows.forEach((row, i) =>
          row.forEach((props, j) => {
            const fill = props && props.format && props.format.fill;
            if (!fill) return;
            const cell = ensureCell(sheet, b.top + i, b.left + j);
            if (!fill.pattern || fill.pattern === 'None') delete cell.fill;
            else cell.fill = { color: fill.color, pattern: fill.pattern };
          }),
        );
      });
    if (has('1.13')) range.getMergedAreasOrNullObject = () => {
      const areas = {};
      const getAreas = loadable(areas, ctx, () => {
        const sheet = sheetByName(sheetName);
        const b = resolveBox(sheet);
        const inside = sheet.merges.map(parseBox).filter((m) => m.top >= b.top && m.bottom <= b.bottom && m.left >= b.left && m.right <= b.right);
        return inside.length ? { isNullObject: false, address: inside.map((m) => `${quoted(sheet.name)}!${boxAddress(m)}`).join(',') } : { isNullObject: true };
      });
      defineLoaded(areas, getAreas, ['isNullObject', 'address']);
      return areas;
    };
    range.select = () =>
      ctx._queue.push(() => {
        const sheet = sheetByName(sheetName);
        log.selection = { sheet: sheet.name, address: boxAddress(resolveBox(sheet)) };
      });
    range.format = { fill: fillProxy(ctx, sheetName, boxes, resolveBox), font: fontProxy(ctx, sheetName, boxes, resolveBox) };
    Object.defineProperty(range, 'values', {
      get: () => get('values'),
      set: (rows) =>
        ctx._queue.push(() => {
          const sheet = sheetByName(sheetName);
          assertWritable(sheet);
          const b = resolveBox(sheet);
          rows.forEach((row, i) =>
            row.forEach((v, j) => {
              const cell = ensureCell(sheet, b.top + i, b.left + j);
              cell.v = v;
              cell.t = typeof v === 'number' ? 'Double' : typeof v === 'boolean' ? 'Boolean' : v === '' ? 'Empty' : 'String';
            }),
          );
        }),
    });
    return range;
  }

  function worksheetProxy(ctx, name, loadedProps) {
    const ws = {};
    if (loadedProps) Object.assign(ws, loadedProps);
    ws.getRange = (address) => rangeProxy(ctx, name, () => parseBox(address || 'A1'));
    ws.getRangeByIndexes = (row, col, rows, cols) => rangeProxy(ctx, name, () => ({ top: row + 1, left: col + 1, bottom: row + rows, right: col + cols }));
    // A blank sheet's used range is A1 (ExcelApi 1.1 does not throw); valuesOnly needs 1.2.
    ws.getUsedRange = (valuesOnly) => {
      if (valuesOnly !== undefined && !has('1.2')) throw officeError('InvalidArgument', 'getUsedRange(valuesOnly) cần ExcelApi 1.2');
      return rangeProxy(ctx, name, (sheet) => usedBox(sheet) || { top: 1, left: 1, bottom: 1, right: 1 });
    };
    if (has('1.4')) ws.getUsedRangeOrNullObject = () => rangeProxy(ctx, name, (sheet) => usedBox(sheet));
    if (!has('1.7')) delete ws.getRangeByIndexes;
    if (has('1.9')) ws.getRanges = (addresses) => {
      if (addresses.length > MAX_AREAS_ADDRESS) {
        ctx._queue.push(() => {
          throw officeError('InvalidArgument', `Danh sách địa chỉ quá dài (${addresses.length} ký tự).`);
        });
      }
      log.rangeAreas.push({ sheet: name, length: addresses.length, count: addresses.split(',').length });
      const boxes = () => addresses.split(',').map(parseBox);
      return { format: { fill: fillProxy(ctx, name, boxes), font: fontProxy(ctx, name, boxes) } };
    };
    ws.activate = () =>
      ctx._queue.push(() => {
        const sheet = sheetByName(name);
        if (sheet.visibility !== 'Visible') throw officeError('InvalidOperation', 'Không kích hoạt được trang ẩn.');
        log.activeSheet = sheet.name;
      });
    const protection = {};
    const getProtection = loadable(protection, ctx, () => {
      const sheet = sheetByName(name);
      return { protected: sheet.protected, options: { ...sheet.options } };
    });
    defineLoaded(protection, getProtection, ['protected', 'options']);
    protection.unprotect = () => ctx._queue.push(() => (sheetByName(name).protected = false));
    protection.protect = (options) =>
      ctx._queue.push(() => {
        const sheet = sheetByName(name);
        if (sheet.protected) throw officeError('InvalidOperation', 'Trang đã được bảo vệ.');
        sheet.protected = true;
        sheet.options = { ...sheet.options, ...(options || {}) };
      });
    if (has('1.2')) ws.protection = protection;
    return ws;
  }

  function worksheetsProxy(ctx) {
    const collection = {};
    const get = loadable(collection, ctx, () => ({
      items: sheets.map((s) => worksheetProxy(ctx, s.name, { name: s.name, visibility: s.visibility })),
    }));
    defineLoaded(collection, get, ['items']);
    collection.getItem = (name) => worksheetProxy(ctx, name);
    return collection;
  }

  function settingProxy(ctx, key, orNull) {
    const setting = {};
    const get = loadable(setting, ctx, () => {
      if (!settings.has(key)) {
        if (!orNull) throw officeError('ItemNotFound', `Không có thiết lập ${key}`);
        return { isNullObject: true };
      }
      return { isNullObject: false, value: settings.get(key) };
    });
    defineLoaded(setting, get, ['isNullObject', 'value']);
    setting.delete = () =>
      ctx._queue.push(() => {
        if (!settings.has(key)) throw officeError('ItemNotFound', `Không có thiết lập ${key}`);
        settings.delete(key);
      });
    return setting;
  }

  function contextProxy() {
    const ctx = { _queue: [] };
    ctx.sync = async () => {
      log.syncs++;
      ctx._syncs++;
      await new Promise((resolve) => setTimeout(resolve, 0));
      const ops = ctx._queue.splice(0);
      try {
        for (const op of ops) op();
      } finally {
        persist();
      }
    };
    ctx._syncs = 0;
    ctx.workbook = {
      worksheets: worksheetsProxy(ctx),
      ...(has('1.4')
        ? {
            settings: {
              getItemOrNullObject: (key) => settingProxy(ctx, key, true),
              getItem: (key) => settingProxy(ctx, key, false),
              add: (key, value) => ctx._queue.push(() => settings.set(key, value)),
            },
          }
        : {}),
    };
    return ctx;
  }

  window.Excel = {
    run: async (batch) => {
      log.runs++;
      const ctx = contextProxy();
      try {
        const result = await batch(ctx);
        if (ctx._queue.length) await ctx.sync();
        return result;
      } finally {
        log.syncsPerRun.push(ctx._syncs);
      }
    },
  };
  window.Office = {
    HostType: { Excel: 'Excel' },
    PlatformType: { PC: 'PC' },
    onReady: (callback) => {
      const info = { host: 'Excel', platform: 'PC' };
      if (callback) callback(info);
      return Promise.resolve(info);
    },
    context: {
      document: { url: data.url || 'C:\\Bao cao\\bao-cao.xlsx' },
      requirements: {
        isSetSupported: (name, version) => name === 'ExcelApi' && data.excelApi !== '1.0' && has(version || '1.1'),
      },
    },
  };
  window.__fakeExcel = {
    log,
    fill: (sheetName, address) => fillOf(sheetByName(sheetName).cells.get(address)),
    value: (sheetName, address) => {
      const cell = sheetByName(sheetName).cells.get(address);
      return cell ? { v: cell.v, font: cell.font } : null;
    },
    isProtected: (sheetName) => sheetByName(sheetName).protected,
    settings: () => Object.fromEntries(settings),
  };
}
