/** A one-line progress bar on a terminal; silent when the output is a file or a pipe. */
export function progressBar(stream: NodeJS.WriteStream, label: string): { update: (done: number, total: number) => void; done: () => void } {
  let shown = false;
  return {
    update(done, total) {
      if (!stream.isTTY || total === 0) return;
      const width = 30;
      const filled = Math.round((done / total) * width);
      stream.write(`\r${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\n');
      shown = false;
    },
  };
}
