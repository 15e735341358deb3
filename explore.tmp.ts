import { parsePlan } from './core/plan/parsePlan.ts';
const base = `id: thu-nghiem
title: Kế hoạch thử nghiệm
date: 2022-03-01
issuer: UBND tỉnh Thử Nghiệm
province: tỉnh Thử Nghiệm
place: Thử Nghiệm
standing:
  agency: CAT
  reportSymbol: BC-CAT-PC06
  signerTitle: GIÁM ĐỐC
reporting:
  frequency: monthly
  dueDay: 14
  dueInLastMonth: true
  cutoffDay: 14
recipients:
  - Bộ Công an
groups:
  - { code: G1, utility: 1, name: Nhóm tiện ích 1 }
agencies:
  - { code: CAT, name: Công an tỉnh, kind: standing }
  - { code: SO_TTTT, name: Sở Thông tin và Truyền thông, kind: department }
tasks:
  - id: III.1
    title: Nhiệm vụ một
    group: G1
    lead: [CAT]
    support: [SO_TTTT]
    deadline:
      kind: month
      month: 2022-13
  - id: III.2
    title: Nhiệm vụ hai
    owner: CAT
    group: G1
    lead: [SO_TTTT]
    deadline: { kind: recurring }
  - id: III.3
    group: G1
    lead: [SO_TTTT]
    deadline: { kind: recurring, when: later }
`;
console.log(JSON.stringify(parsePlan(base, 'x.yaml'), null, 1));
