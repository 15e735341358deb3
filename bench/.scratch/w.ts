import { checkFiles } from '../../generator/intake/checkPool.ts';
const r = await checkFiles('quang-ngai-2022', ['/tmp/hw/valid.xlsx', '/tmp/hw/valid.xlsx'], { workers: 2 });
console.log(r.map(x => x.valid));
