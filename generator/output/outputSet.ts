import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A run's outputs (DOCX, XLSX, JSON, the feedback folder) are one set: written whole into a hidden
 * staging folder beside them, marked complete, then moved into place. A run killed while staging
 * leaves the old set untouched (the next run deletes the staging folder); a run killed after the
 * mark leaves a set that the next run finishes moving (rolls forward), so the set seen after any
 * run is all old or all new, and notes of two runs never mix. A lock file with the PID keeps two
 * runs out of the same set at once.
 */

/** A message for the compiler, in Vietnamese, naming the path; the old outputs are intact. */
export class OutputError extends Error {}

export interface OutputFile {
  /** Relative to the output folder; at most one folder level (`phan-hoi-2023-01/x.txt`). */
  name: string;
  data: Uint8Array | string;
}

/** Test hooks: called at each step, so a test can kill the process there. */
export type StepHook = (step: 'staging' | 'staged' | 'marked' | 'moved-one' | 'moved') => void;

const MARK = '.xong.json';
export const stagingDir = (dir: string, key: string): string => join(dir, `.${key}.dang-ghi`);
/** One lock per output folder: two sets in one folder share the feedback folder of their period. */
export const lockFile = (dir: string): string => join(dir, '.da06.lock');

/** The Vietnamese reason for a failed write of `path`. */
export function writeErrorMessage(e: unknown, path: string): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code ?? '';
  const keep = 'Các tệp kết quả cũ (nếu có) được giữ nguyên.';
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `Không có quyền ghi vào "${path}". Hãy chọn --out ở thư mục khác hoặc xin quyền ghi. ${keep}`;
    case 'EROFS':
      return `Không ghi được vào "${path}": ổ đĩa hoặc thư mục chỉ cho đọc. Hãy chọn --out ở nơi khác. ${keep}`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `Hết chỗ trống trên đĩa khi ghi "${path}". Hãy giải phóng dung lượng rồi chạy lại. ${keep}`;
    case 'EFBIG':
      return `Vượt giới hạn kích thước tệp của hệ thống khi ghi "${path}". ${keep}`;
    case 'ENOTDIR':
    case 'EEXIST':
      return `Không ghi được "${path}": một phần của đường dẫn là tệp, không phải thư mục. ${keep}`;
    default:
      return `Không ghi được "${path}"${code ? ` (mã lỗi ${code})` : ''}. ${keep}`;
  }
}

/** When a process started (Linux: clock ticks since boot), to tell a reused PID from the lock's holder. */
function startTime(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may hold spaces and parentheses; the start time is field 22.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

/** The lock's content: the PID, and its start time where the system tells it. */
const lockText = (pid: number): string => `${pid} ${startTime(pid)}`.trim();

/** Whether the process that wrote a lock's `text` still runs (the same process, not a reused PID). */
function holderRuns(text: string): boolean {
  const [pidText, started] = text.trim().split(/\s+/);
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = started ? startTime(pid) : '';
  return !now || now === started;
}

/**
 * Takes the lock of the output folder `dir` for this process, or throws OutputError when a live
 * process holds it. A lock left by a process that no longer runs (killed), or whose PID now belongs
 * to another process, is taken over.
 */
export function acquireLock(dir: string): { release: () => void } {
  const path = lockFile(dir);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new OutputError(writeErrorMessage(e, dir));
  }
  const mine = lockText(process.pid);
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, mine);
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new OutputError(writeErrorMessage(e, dir));
      let holder = '';
      try {
        holder = readFileSync(path, 'utf8');
      } catch {
        /* removed meanwhile: try again */
      }
      if (attempt < 3 && !holderRuns(holder)) {
        rmSync(path, { force: true });
        continue;
      }
      throw new OutputError(
        `Một lần lập báo cáo khác (tiến trình ${holder.trim().split(/\s+/)[0]}) đang ghi kết quả vào "${dir}". Hãy chờ lần đó xong rồi chạy lại (nếu chắc chắn không còn lần nào chạy, xóa tệp "${path}").`,
      );
    }
  }
  const release = (): void => {
    try {
      if (readFileSync(path, 'utf8') === mine) unlinkSync(path);
    } catch {
      /* already gone */
    }
    process.off('exit', release);
  };
  process.on('exit', release);
  return { release };
}

interface Mark {
  /** Top-level names the set manages: replaced when in the new set, removed when not. */
  owned: string[];
  /** Top-level names in the new set. */
  present: string[];
}

/** Finishes, or discards, what a killed run left: call with the lock held. */
export function recoverOutputSet(dir: string, key: string, onStep?: StepHook): void {
  const staging = stagingDir(dir, key);
  if (!existsSync(staging)) return;
  let mark: Mark | undefined;
  try {
    mark = JSON.parse(readFileSync(join(staging, MARK), 'utf8')) as Mark;
  } catch {
    mark = undefined;
  }
  if (mark) moveIntoPlace(dir, staging, mark, onStep);
  rmSync(staging, { recursive: true, force: true });
}

/** Moves each name from staging to its final place; safe to repeat after an interruption. */
function moveIntoPlace(dir: string, staging: string, mark: Mark, onStep?: StepHook): void {
  for (const name of mark.owned) {
    const final = join(dir, name);
    const next = join(staging, name);
    const old = join(staging, `.cu-${name}`);
    const finalIsDir = existsSync(final) && statSync(final).isDirectory();
    if (existsSync(next)) {
      // A file is replaced by one rename; a folder cannot be, so the old one is moved out first.
      if (finalIsDir || (existsSync(final) && statSync(next).isDirectory())) renameSync(final, old);
      renameSync(next, final);
      onStep?.('moved-one');
    } else if (!mark.present.includes(name) && existsSync(final)) {
      renameSync(final, old);
      onStep?.('moved-one');
    }
  }
  onStep?.('moved');
}

/**
 * Writes `files` as the new set `key` in `dir`, replacing the names in `owned` (a name of `owned`
 * absent from `files` is removed: no stale feedback note survives a rerun). Call with the lock held.
 * Throws OutputError, with the old set intact, when the disk refuses.
 */
export function writeOutputSet(dir: string, key: string, files: OutputFile[], owned: string[], onStep?: StepHook): void {
  recoverOutputSet(dir, key);
  const staging = stagingDir(dir, key);
  let writing = staging;
  try {
    mkdirSync(staging, { recursive: true });
    onStep?.('staging');
    for (const f of files) {
      writing = join(dir, f.name);
      const path = join(staging, f.name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.data);
    }
    onStep?.('staged');
    const present = [...new Set(files.map((f) => f.name.split('/')[0]!))];
    writing = dir;
    writeFileSync(join(staging, `${MARK}.tmp`), JSON.stringify({ owned, present } satisfies Mark));
    renameSync(join(staging, `${MARK}.tmp`), join(staging, MARK));
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw new OutputError(writeErrorMessage(e, writing));
  }
  onStep?.('marked');
  try {
    recoverOutputSet(dir, key, onStep);
  } catch (e) {
    // Marked complete: the next run finishes the move.
    throw new OutputError(writeErrorMessage(e, dir));
  }
}
