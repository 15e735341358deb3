import { writeFileAtomic } from '../../generator/output/atomicWrite.ts';

/**
 * Child process of test/generator/integrity.test.ts: writes N bytes to a path with the atomic
 * writer. The test runs it under a file-size limit so that the kernel stops the write midway.
 * Usage: node --import tsx atomicWriteChild.ts TARGET BYTES
 */
const [target, bytes] = process.argv.slice(2);
writeFileAtomic(target!, new Uint8Array(Number(bytes)).fill(0x41));
