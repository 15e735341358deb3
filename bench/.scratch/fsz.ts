import { writeFileAtomic } from '../../generator/output/atomicWrite.ts';
writeFileAtomic(process.argv[2]!, new Uint8Array(4 * 1024 * 1024).fill(65));
console.log('wrote');
