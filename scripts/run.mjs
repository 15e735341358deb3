// Runs a command module's main(argv), then ends the process with its exit code, even if a worker
// thread or a timer would keep it alive: once the command has returned, their work is not needed.
// An unexpected error ends with exit 2 and one Vietnamese line (the stack with DA06_DEBUG=1).
export async function runAndExit(entryUrl, argv, name = 'lệnh') {
  let code;
  try {
    const mod = await import(entryUrl);
    code = typeof mod.main === 'function' ? await mod.main(argv) : (process.exitCode ?? 0);
  } catch (e) {
    console.error(process.env.DA06_DEBUG ? e : `Lỗi ngoài dự kiến khi chạy ${name}: ${e instanceof Error ? e.message : String(e)}. Hãy chạy lại với DA06_DEBUG=1 và gửi thông báo cho người quản trị.`);
    code = 2;
  }
  // stdout and stderr are synchronous for files, pipes and terminals on Linux and macOS: nothing is lost.
  process.exit(code);
}
