import type { PlanSampleSpec } from './buildSamples.ts';

/** The demo period of each plan; the default plan also gets its previous month. */
export const SAMPLE_SPECS: PlanSampleSpec[] = [
  { planId: 'quang-ngai-2022', period: '2023-01', withPrevious: true },
  { planId: 'can-tho-2022', period: '2023-H1' },
  { planId: 'hai-duong-2023', period: '2024-01' },
  { planId: 'quang-ngai-2023', period: '2023-06' },
  { planId: 'bac-giang-2022', period: '2022-06' },
];

