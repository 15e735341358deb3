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
  // A large output to a pipe may still be queued (the reader is slower): wait until it is written.
  await Promise.all([process.stdout, process.stderr].map((s) => new Promise((done) => s.write('', () => done()))));
  process.exit(code);
}
