import type { Plan } from './schema.ts';
import { isTwoTier } from './successors.ts';

/** A broken cross-reference inside a plan (unknown agency, group, heading; duplicate id). */
export interface ReferenceProblem {
  path: (string | number)[];
  message: string;
}

/** Checks what the schema alone cannot: that every code used is defined once. */
export function checkPlanReferences(plan: Plan): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  const agencyCodes = new Set<string>();
  const setCodes = new Set<string>();
  const duplicate = (seen: Set<string>, value: string, path: (string | number)[], what: string): void => {
    if (seen.has(value)) problems.push({ path, message: `${what} "${value}" bị trùng` });
    seen.add(value);
  };
  plan.agencies.forEach((a, i) => duplicate(agencyCodes, a.code, ['agencies', i, 'code'], 'Mã cơ quan'));
  plan.agencySets.forEach((s, i) => {
    if (agencyCodes.has(s.code)) problems.push({ path: ['agencySets', i, 'code'], message: `Mã nhóm cơ quan "${s.code}" trùng với mã một cơ quan` });
    duplicate(setCodes, s.code, ['agencySets', i, 'code'], 'Mã nhóm cơ quan');
  });
  const isRef = (c: string): boolean => agencyCodes.has(c) || setCodes.has(c);
  plan.agencySets.forEach((s, i) =>
    s.members.forEach((m, j) => {
      if (!isRef(m)) problems.push({ path: ['agencySets', i, 'members', j], message: `Mã cơ quan "${m}" chưa được khai báo` });
    }),
  );
  // A replaced agency is gone from the plan, and only one agency can take its place.
  const replacedBy = new Map<string, string>();
  plan.agencies.forEach((a, i) =>
    (a.replaces ?? []).forEach((old, j) => {
      const path = ['agencies', i, 'replaces', j];
      if (old === a.code) problems.push({ path, message: `Cơ quan "${a.code}" không thể thay cho chính mình` });
      else if (isRef(old)) problems.push({ path, message: `"${old}" vẫn là một mã trong kế hoạch; cơ quan đã được thay thế phải bỏ khỏi danh sách cơ quan` });
      else if (replacedBy.has(old)) problems.push({ path, message: `"${old}" đã được ghi là do "${replacedBy.get(old)}" thay thế; mỗi cơ quan cũ chỉ có một cơ quan thay thế` });
      replacedBy.set(old, replacedBy.get(old) ?? a.code);
    }),
  );
  // A two-tier province (communes, no districts) stages its deadlines at the province and commune levels only.
  const twoTier = isTwoTier(plan);
  plan.tasks.forEach((t, i) => {
    if (twoTier && t.deadline.kind === 'staged') {
      t.deadline.stages.forEach((st, j) => {
        if (st.level === 'district') problems.push({ path: ['tasks', i, 'deadline', 'stages', j, 'level'], message: 'Tỉnh không có cấp huyện: thời hạn theo cấp chỉ ghi cấp tỉnh và cấp xã' });
      });
    }
  });
  if (!agencyCodes.has(plan.standing.agency)) {
    problems.push({ path: ['standing', 'agency'], message: `Cơ quan thường trực "${plan.standing.agency}" chưa được khai báo trong agencies` });
  }

  const groupCodes = new Set<string>();
  plan.groups.forEach((g, i) => duplicate(groupCodes, g.code, ['groups', i, 'code'], 'Mã nhóm nhiệm vụ'));
  const headingIds = new Set<string>();
  plan.headings.forEach((h, i) => {
    duplicate(headingIds, h.id, ['headings', i, 'id'], 'Mã đề mục');
    if (h.group && !groupCodes.has(h.group)) problems.push({ path: ['headings', i, 'group'], message: `Nhóm "${h.group}" chưa được khai báo` });
  });

  const taskIds = new Set<string>();
  plan.tasks.forEach((t, i) => {
    duplicate(taskIds, t.id, ['tasks', i, 'id'], 'Mã nhiệm vụ');
    if (!groupCodes.has(t.group)) problems.push({ path: ['tasks', i, 'group'], message: `Nhóm "${t.group}" chưa được khai báo` });
    if (t.heading && !headingIds.has(t.heading)) problems.push({ path: ['tasks', i, 'heading'], message: `Đề mục "${t.heading}" chưa được khai báo` });
    for (const role of ['lead', 'support', 'executing'] as const) {
      t[role].forEach((c, j) => {
        if (!isRef(c)) problems.push({ path: ['tasks', i, role, j], message: `Mã cơ quan "${c}" chưa được khai báo` });
      });
    }
    if (t.lead.length === 0 && t.executing.length === 0) {
      problems.push({ path: ['tasks', i], message: 'Nhiệm vụ phải có cơ quan chủ trì (lead) hoặc cơ quan thực hiện (executing)' });
    }
  });

  const indicatorIds = new Set<string>();
  plan.indicators.forEach((ind, i) => {
    duplicate(indicatorIds, ind.id, ['indicators', i, 'id'], 'Mã chỉ tiêu');
    ind.agencies.forEach((c, j) => {
      if (!isRef(c)) problems.push({ path: ['indicators', i, 'agencies', j], message: `Mã cơ quan "${c}" chưa được khai báo` });
    });
    ind.targets.forEach((t, k) =>
      (t.agencies ?? []).forEach((c, j) => {
        if (!isRef(c)) problems.push({ path: ['indicators', i, 'targets', k, 'agencies', j], message: `Mã cơ quan "${c}" chưa được khai báo` });
      }),
    );
    if (ind.unit === 'percent' && !ind.denominatorLabel) {
      problems.push({ path: ['indicators', i, 'denominatorLabel'], message: 'Chỉ tiêu tỷ lệ (percent) cần denominatorLabel' });
    }
    if (ind.group && !groupCodes.has(ind.group)) problems.push({ path: ['indicators', i, 'group'], message: `Nhóm "${ind.group}" chưa được khai báo` });
  });
  return problems;
}
