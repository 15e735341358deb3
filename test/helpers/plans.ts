import type { NormalizedPlan } from '../../core/plan/normalize.ts';

/** Task and indicator lookups that fail loudly, for the plan-file tests. */
export function planLookups(np: NormalizedPlan) {
  return {
    task(id: string) {
      const t = np.taskById.get(id);
      if (!t) throw new Error(`không có nhiệm vụ ${id}`);
      return t;
    },
    indicator(id: string) {
      const i = np.indicatorById.get(id);
      if (!i) throw new Error(`không có chỉ tiêu ${id}`);
      return i;
    },
  };
}
