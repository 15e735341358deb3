/**
 * `npm start`: sideloads the add-in into desktop Excel with office-addin-debugging (Windows, Mac),
 * starting the dev server (https://localhost:3000) and the Office dev certificates on the way.
 * Linux has no desktop Excel to sideload into: say what to do instead and exit 0.
 *
 * office-addin-debugging is fetched by npx when needed rather than installed with the project: it
 * pulls a native module (keytar) that does not build on Linux machines without libsecret (CI).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const stop = process.argv.includes('--stop');

if (process.platform === 'linux') {
  console.log(`Không nạp thử (sideload) được add-in trên Linux: máy này không có Excel cho máy tính.
Cách thử add-in:
  • Excel trên web: chạy "npm run dev-server" rồi trong Excel trên web chọn Trang đầu > Add-in >
    Thêm add-in khác > Tải lên Add-in của tôi, và chọn tệp manifest.xml.
  • Trang kiểm tra độc lập: "npm run build", rồi mở dist/addin/taskpane.html qua một máy chủ web.
Xem addin/README.md.

(npm start sideloads into desktop Excel on Windows and Mac only; on Linux use Excel on the web with
"npm run dev-server" and upload manifest.xml. See addin/README.md.)`);
  process.exit(0);
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const args = stop
  ? ['--yes', 'office-addin-debugging@7', 'stop', 'manifest.xml']
  : ['--yes', 'office-addin-debugging@7', 'start', 'manifest.xml', 'desktop', '--app', 'excel', '--dev-server', 'npm run dev-server', '--dev-server-port', '3000'];
const child = spawn(npx, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
child.on('exit', (code) => process.exit(code ?? 1));
